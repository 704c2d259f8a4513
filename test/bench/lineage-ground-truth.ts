import { readFileSync } from 'node:fs'
import { dice, words } from '../../src/lineage/similarity.ts'
import { normaliseText } from '../../src/platform/markdown/text.ts'
import { CORPUS, corpusExists } from '../support/corpus.ts'

/** A block of a generated document: real text from the corpus or the non-Latin fixture. */
export interface Item {
  kind: 'heading' | 'paragraph'
  text: string
  /** BCP 47 language, for finding words and sentences. */
  lang: string
  /** Index of the source it came from, so edits borrow words in the same language. */
  source: number
}

/** What really happened to a block of the new document, and the old ordinals it came from. */
export type TruthKind =
  | 'unchanged'
  | 're-wrapped'
  | 'edited'
  | 'moved'
  | 'split'
  | 'merged'
  | 'new'
  | 'heading edited'
  | 'heading new'
export interface Truth {
  kind: TruthKind
  from: number[]
}

export interface GroundTruthPair {
  old: string
  next: string
  /** One per block of `next`, in order. */
  truths: Truth[]
  /** Old ordinals deleted outright. */
  removed: number[]
}

/** One edition of each corpus guide: two editions of one guide would make "new" paragraphs near-copies. */
const CORPUS_GUIDES = [
  '18f/federal-field-guide-4-deciding-what-to-buy.debc24b.md',
  '18f/plain-language.debc24b.md',
  'gds-way/tracking-dependencies.9818380.html.md.erb',
  'govuk-style-guide/gds-style-guide-govuk.55fe037.md',
  'nist-sp800-63b/sp800-63b.final.d061f42.md',
]
const NON_LATIN = new URL('../fixtures/lineage/non-latin.md', import.meta.url)
const LANGS: Record<string, string> = {
  Русский: 'ru',
  Ελληνικά: 'el',
  العربية: 'ar',
  עברית: 'he',
  中文: 'zh',
  日本語: 'ja',
  한국어: 'ko',
}

/** Text that reads back as the same single block when written as Markdown on its own. */
const PLAIN = /^[^\\`*_<>[\]#|~&$=]*$/u
const LIST_OR_BREAK = /^(?:[-+]\s|\d+[.)]\s)/u
/** A paragraph, a split piece or a merged part says something of its own: at least this many distinct words. */
export const MIN_WORDS = 6

export const wordCount = (text: string): number => new Set(words(text)).size

/**
 * The real paragraphs and headings Gloss's ground truth is built from, each source in document order:
 * the corpus guides' plain paragraphs and headings, and the fixture's paragraphs in seven scripts.
 */
export function loadSources(
  parse: (source: string) => { blocks: { kind: string; text: string }[] },
): Item[][] {
  if (!corpusExists) throw new Error(`The lineage benchmark needs the corpus at ${CORPUS}`)
  const seen = new Set<string>()
  const keep = (kind: string, raw: string): raw is string => {
    const text = normaliseText(raw)
    if ((kind !== 'heading' && kind !== 'paragraph') || !PLAIN.test(text) || LIST_OR_BREAK.test(text))
      return false
    if (kind === 'paragraph' && wordCount(text) < MIN_WORDS + 2) return false
    if (text === '' || seen.has(text)) return false
    seen.add(text)
    return true
  }
  const sources: Item[][] = []
  for (const guide of CORPUS_GUIDES) {
    const blocks = parse(readFileSync(`${CORPUS}${guide}`, 'utf8')).blocks
    const source = sources.length
    sources.push(
      blocks
        .filter((b) => keep(b.kind, b.text))
        .map((b) => ({ kind: b.kind as Item['kind'], text: normaliseText(b.text), lang: 'en', source })),
    )
  }
  let current: Item[] = []
  let lang = 'und'
  for (const block of parse(readFileSync(NON_LATIN, 'utf8')).blocks) {
    if (block.kind === 'heading') {
      lang = LANGS[block.text] ?? 'und'
      current = []
      sources.push(current)
    }
    if (keep(block.kind, block.text))
      current.push({
        kind: block.kind as Item['kind'],
        text: normaliseText(block.text),
        lang,
        source: sources.length - 1,
      })
  }
  return sources
}

/** A seeded generator (Park–Miller), so every run builds the same documents. */
export function seeded(seed: number): () => number {
  let state = seed % 2147483647 || 1
  return () => (state = (state * 16807) % 2147483647) / 2147483647
}

export const pick = <T>(random: () => number, list: readonly T[]): T => {
  const value = list[Math.floor(random() * list.length)]
  if (value === undefined) throw new Error('pick from an empty list')
  return value
}

/** Segmenters by language and granularity: making one costs far more than using it. */
const segmenters = new Map<string, Intl.Segmenter>()
const segments = (text: string, lang: string, granularity: 'word' | 'sentence') => {
  const name = `${lang}/${granularity}`
  const segmenter = segmenters.get(name) ?? new Intl.Segmenter(lang, { granularity })
  segmenters.set(name, segmenter)
  return [...segmenter.segment(text)]
}

/** Real words of another paragraph in the same language, for edits. */
export function donorWord(random: () => number, donors: readonly Item[], not: string): string {
  for (let tries = 0; tries < 20; tries++) {
    const donor = pick(random, donors)
    const found = segments(donor.text, donor.lang, 'word').filter((s) => s.isWordLike && s.segment !== not)
    if (found.length > 0) return pick(random, found).segment
  }
  throw new Error('no donor word')
}

/** An edit: about one word in ten replaced by a word from another paragraph in the same language. */
export function edit(random: () => number, item: Item, donors: readonly Item[]): string {
  const parts = segments(item.text, item.lang, 'word')
  const wordAt = parts.flatMap((s, k) => (s.isWordLike ? [k] : []))
  const count = Math.max(1, Math.round(wordAt.length / 10))
  const text = parts.map((s) => s.segment)
  for (let n = 0; n < count; n++) {
    const k = pick(random, wordAt)
    text[k] = donorWord(random, donors, text[k] ?? '')
  }
  const edited = text.join('')
  return normaliseText(edited) === item.text ? `${edited} ${donorWord(random, donors, '')}` : edited
}

/** A heading reworded: a word from its own guide added to it. */
export function editHeading(random: () => number, item: Item, donors: readonly Item[]): string {
  const tokens = item.text.split(' ')
  const at = Math.floor(random() * (tokens.length + 1))
  tokens.splice(at, 0, donorWord(random, donors, ''))
  return tokens.join(item.lang === 'zh' || item.lang === 'ja' ? '' : ' ')
}

/** The same words re-wrapped: line breaks and indentation between words (null where the script has no spaces). */
export function rewrap(random: () => number, text: string): string | null {
  const tokens = text.split(' ')
  if (tokens.length < 4) return null
  let out = tokens[0] ?? ''
  let broke = false
  for (const token of tokens.slice(1)) {
    // A line may not start with something Markdown reads as a list, a quote or a heading.
    const safe = /^\p{L}/u.test(token)
    const r = random()
    if (safe && (r < 0.2 || (!broke && token === tokens[tokens.length - 1]))) {
      out += r < 0.1 ? '\n  ' : '\n'
      broke = true
    } else out += r < 0.3 ? '  ' : ' '
    out += token
  }
  return broke ? out : null
}

/** Two pieces of a paragraph cut between sentences, each with words of its own; null when there is no such cut. */
export function splitSentences(random: () => number, item: Item): [string, string] | null {
  const sentences = segments(item.text, item.lang, 'sentence').map((s) => s.segment)
  const cuts: [string, string][] = []
  for (let k = 1; k < sentences.length; k++) {
    const first = sentences.slice(0, k).join('').trim()
    const second = sentences.slice(k).join('').trim()
    if (wordCount(first) >= MIN_WORDS && wordCount(second) >= MIN_WORDS) cuts.push([first, second])
  }
  return cuts.length === 0 ? null : pick(random, cuts)
}

/** Whether a paragraph could be mistaken for one of `old` (word sets): the same text, or half its words shared. */
export function nearAny(text: string, old: readonly ReadonlySet<string>[]): boolean {
  const mine = new Set(words(text))
  return old.some((set) => dice(mine, set) >= 0.5)
}

export const joiner = (lang: string): string => (lang === 'zh' || lang === 'ja' ? '' : ' ')
