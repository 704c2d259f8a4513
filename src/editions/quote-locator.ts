import DiffMatchPatch from 'diff-match-patch'
import type { QuoteStatus } from '../kernel/words.ts'
import type { Quote } from '../platform/db/schema.ts'
import { squashSpace } from '../platform/markdown/text.ts'

/**
 * A quote found again in a later wording: the words there (or, when gone, the words looked for). No
 * status: words quoted from a translation, in an edition without a text in their language yet
 * (quote-language.ts); the words are those to look for when it has one.
 */
export interface LocatedQuote {
  quote: Quote
  status: QuoteStatus | null
}

/** How much of the TextQuoteSelector's context is kept either side, as comments are posted with. */
const CONTEXT = 32
/**
 * The located words may differ from the quote by at most this share of its length (edit distance), so
 * that a phrase rewritten past recognition reads as gone rather than pointing at whatever was nearest.
 */
const MOST_CHANGED = 0.4
/** diff-match-patch's bitap matcher takes patterns up to 32 characters; longer quotes match by both ends. */
const MATCH_BITS = 32

/**
 * Where a quote's words are in a successor block's text: exactly (the context either side picking
 * between repeats), else between its prefix and suffix, else fuzzily (diff-match-patch); else gone.
 * Deterministic, on text squashed as quotes are checked (NFC, white space collapsed).
 */
export function locateQuote(quote: Quote, blockText: string): LocatedQuote {
  const text = squashSpace(blockText)
  const exact = squashSpace(quote.exact)
  const prefix = quote.prefix === undefined ? '' : squashSpace(quote.prefix)
  const suffix = quote.suffix === undefined ? '' : squashSpace(quote.suffix)
  const found = exactAt(text, exact, prefix, suffix)
  if (found !== undefined) return { quote: around(text, found, found + exact.length), status: 'exact' }
  const between = betweenContext(text, exact, prefix, suffix)
  const fuzzy = between ?? fuzzyAt(text, exact)
  if (fuzzy && fuzzy.end > fuzzy.start)
    return { quote: around(text, fuzzy.start, fuzzy.end), status: 'fuzzy' }
  return { quote: { exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) }, status: 'gone' }
}

function around(text: string, start: number, end: number): Quote {
  const prefix = text.slice(Math.max(0, start - CONTEXT), start)
  const suffix = text.slice(end, end + CONTEXT)
  return { exact: text.slice(start, end), ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) }
}

/** The occurrence whose surroundings agree most with the quote's prefix and suffix; the first on a tie. */
function exactAt(text: string, exact: string, prefix: string, suffix: string): number | undefined {
  let best: number | undefined
  let bestScore = -1
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const score =
      commonSuffix(text.slice(0, at), prefix) + commonPrefix(text.slice(at + exact.length), suffix)
    if (score > bestScore) [best, bestScore] = [at, score]
  }
  return best
}

/** The words now standing where the quote stood: between its unchanged prefix and suffix. */
function betweenContext(text: string, exact: string, prefix: string, suffix: string) {
  if (!prefix || !suffix) return undefined
  const before = text.indexOf(prefix)
  if (before === -1) return undefined
  const start = before + prefix.length
  const end = text.indexOf(suffix, start)
  if (end === -1) return undefined
  return alike(exact, text.slice(start, end)) ? { start, end } : undefined
}

function fuzzyAt(text: string, exact: string) {
  const dmp = new DiffMatchPatch()
  dmp.Match_Threshold = MOST_CHANGED
  // Anywhere in the paragraph: a quote moves with the sentences around it.
  dmp.Match_Distance = Math.max(1000, text.length)
  const start = dmp.match_main(text, exact.slice(0, MATCH_BITS), 0)
  if (start === -1) return undefined
  // Where the quote's last character went, read off a diff of the quote against the text from there.
  const window = text.slice(start, start + 2 * exact.length + MATCH_BITS)
  const diffs = dmp.diff_main(exact, window)
  dmp.diff_cleanupSemantic(diffs)
  const end = start + dmp.diff_xIndex(diffs, exact.length - 1) + 1
  const span = widen(text, start, Math.min(text.length, end))
  return alike(exact, text.slice(span.start, span.end)) ? span : undefined
}

/** Letters of scripts that put spaces between words: a fuzzy match is widened to whole words of these. */
const WORD = /[\p{L}\p{M}\p{N}]/u
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const inWord = (c: string | undefined) => c !== undefined && WORD.test(c) && !UNSPACED.test(c)

/** A fuzzy match starts and ends on whole words, so a highlight never cuts one in half. */
function widen(text: string, start: number, end: number) {
  let s = start
  let e = end
  while (s > 0 && inWord(text[s - 1]) && inWord(text[s])) s--
  while (e < text.length && inWord(text[e - 1]) && inWord(text[e])) e++
  while (s < e && /\s/u.test(text[s] ?? '')) s++
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--
  return { start: s, end: e }
}

function alike(quoted: string, found: string): boolean {
  if (!found.trim()) return false
  const dmp = new DiffMatchPatch()
  const distance = dmp.diff_levenshtein(dmp.diff_main(quoted, found))
  return distance <= MOST_CHANGED * Math.max(quoted.length, found.length)
}

function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}
