/**
 * Suggested themes: phrases that many comments share, found from the comments' own words, with the
 * comments each would gather. A phrase is one to four words that neither begins nor ends with a word
 * that carries no meaning ("the", "of", "yr"), so "training for councillors" stays whole while "for
 * the" never counts. Phrases are scored by TF-IDF over comments (how many comments use it, weighed
 * by how telling that is), longer phrases first when they gather as much; a phrase gathering nearly
 * the same comments as a better one adds nothing and is left out.
 */

export interface CommentWords {
  id: number
  body: string
}

export interface SuggestedTheme {
  /** The phrase as most comments write it. */
  phrase: string
  commentIds: number[]
}

export interface SuggestOptions {
  /** How many suggestions at most. */
  limit?: number
}

/** Fewer than this many comments sharing a phrase is not a theme, however small the consultation. */
const MIN_COMMENTS = 3
/**
 * On a large consultation, a phrase shared by fewer than 1 in 200 comments is noise: 50,000 comments
 * need 250 sharing it, 600 still need the minimum 3.
 */
const MIN_SHARE = 0.005
/** A phrase used by more than 60 % of comments is the consultation's subject, not a theme within it. */
const MAX_SHARE = 0.6
/**
 * Two suggestions whose comments overlap this much (Jaccard) gather the same feedback: keep the better.
 * At 0.7, "social media" and "social media accounts" merge while "social media" and "personal data"
 * (sharing a few comments) both stay.
 */
const SAME_COMMENTS = 0.7
const DEFAULT_LIMIT = 10
const LONGEST_PHRASE = 4
/** A word shorter than this alone is rarely a theme ("use", "way"). */
const SHORTEST_SINGLE_WORD = 5

/** Words that carry no theme on their own, in English and Welsh (the languages Gloss is written in). */
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being ' +
    'below between both but by can could did do does doing down during each few for from further had ' +
    'has have having he her here hers herself him himself his how i if in into is it its itself just me ' +
    'more most my myself no nor not now of off on once only or other our ours ourselves out over own ' +
    'same she should so some such than that the their theirs them themselves then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom why ' +
    'will with would you your yours yourself yourselves think please also may might must shall us ' +
    'really much many one get like make need ' +
    // Welsh: articles, common prepositions, conjunctions and pronouns.
    'a ac ar at am y yr r ei eu ein eich fy dy yn ym yng o i gan gyda hefyd ond neu mae oes sydd bod ' +
    'roedd fe fo hi nhw ni chi chwi mi ti hwn hon hyn hynny dim nid na nad fel pan'
  ).split(' '),
)

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu

/** A comment's words, lower-cased, with each word's form as written. */
function words(body: string): { key: string; shown: string }[] {
  return [...body.matchAll(WORD)].map((m) => ({ key: m[0].toLowerCase().replace(/’/g, "'"), shown: m[0] }))
}

interface Candidate {
  ids: number[]
  /** How the phrase was written, and how often each way. */
  forms: Map<string, number>
  length: number
}

/** Each phrase of one to four words a comment uses, once per comment. */
function phrasesOf(
  body: string,
  starts?: ReadonlySet<string>,
): Map<string, { shown: string; length: number }> {
  const found = new Map<string, { shown: string; length: number }>()
  const list = words(body)
  for (let start = 0; start < list.length; start++) {
    const first = list[start]
    if (!first || STOP_WORDS.has(first.key) || (starts && !starts.has(first.key))) continue
    for (let length = 1; length <= LONGEST_PHRASE && start + length <= list.length; length++) {
      const last = list[start + length - 1]
      if (!last || STOP_WORDS.has(last.key)) continue
      if (length === 1 && first.key.length < SHORTEST_SINGLE_WORD) continue
      if (/^\p{N}+$/u.test(first.key) && length === 1) continue
      const slice = list.slice(start, start + length)
      const key = slice.map((w) => w.key).join(' ')
      if (!found.has(key)) found.set(key, { shown: slice.map((w) => w.shown).join(' '), length })
    }
  }
  return found
}

const jaccard = (a: ReadonlySet<number>, b: readonly number[]) => {
  let shared = 0
  for (const id of b) if (a.has(id)) shared++
  return shared / (a.size + b.length - shared)
}

const commonestForm = (forms: Map<string, number>) =>
  [...forms].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? ''

/**
 * Phrases are found on at most this many comments (every n-th of a larger set), then counted over all
 * of them: 50,000 comments hold a few million distinct phrases, and a theme shared by one in two
 * hundred shows just as clearly in a sample of 5,000.
 */
const SAMPLE = 5000
/** How many of the sample's best phrases are counted over every comment. */
const SHORTLIST = 200

function countPhrases(comments: readonly CommentWords[], only?: ReadonlySet<string>) {
  const candidates = new Map<string, Candidate>()
  // Only phrases that begin with a shortlisted phrase's first word are built at all.
  const starts = only && new Set([...only].map((key) => key.split(' ')[0] ?? ''))
  for (const comment of comments) {
    for (const [key, { shown, length }] of phrasesOf(comment.body, starts)) {
      if (only && !only.has(key)) continue
      let candidate = candidates.get(key)
      if (!candidate) candidates.set(key, (candidate = { ids: [], forms: new Map(), length }))
      candidate.ids.push(comment.id)
      candidate.forms.set(shown, (candidate.forms.get(shown) ?? 0) + 1)
    }
  }
  return candidates
}

/** The phrases worth suggesting, best first, by TF-IDF over `total` comments. */
function ranked(candidates: Map<string, Candidate>, total: number) {
  const floor = Math.max(MIN_COMMENTS, Math.ceil(total * MIN_SHARE))
  const ceiling = Math.max(floor, Math.floor(total * MAX_SHARE))
  return [...candidates]
    .filter(([, c]) => c.ids.length >= floor && c.ids.length <= ceiling)
    .map(([key, c]) => ({
      key,
      candidate: c,
      // A longer phrase weighs more: it names its theme more exactly.
      score: c.ids.length * Math.log((total + 1) / c.ids.length) * (1 + 0.5 * (c.length - 1)),
    }))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
}

export function suggestThemes(
  comments: readonly CommentWords[],
  options: SuggestOptions = {},
): SuggestedTheme[] {
  let candidates: Map<string, Candidate>
  if (comments.length <= SAMPLE) candidates = countPhrases(comments)
  else {
    const step = comments.length / SAMPLE
    const sample = Array.from({ length: SAMPLE }, (_, i) => comments[Math.floor(i * step)]).filter(
      (c): c is CommentWords => c !== undefined,
    )
    const shortlist = ranked(countPhrases(sample), sample.length).slice(0, SHORTLIST)
    candidates = countPhrases(comments, new Set(shortlist.map((entry) => entry.key)))
  }
  const chosen: { candidate: Candidate; set: Set<number> }[] = []
  for (const entry of ranked(candidates, comments.length)) {
    if (chosen.length >= (options.limit ?? DEFAULT_LIMIT)) break
    if (chosen.some((c) => jaccard(c.set, entry.candidate.ids) >= SAME_COMMENTS)) continue
    chosen.push({ candidate: entry.candidate, set: new Set(entry.candidate.ids) })
  }
  return chosen.map(({ candidate }) => ({
    phrase: commonestForm(candidate.forms),
    commentIds: candidate.ids,
  }))
}
