import type { Quote } from '../platform/db/schema.ts'
import { invalid } from '../kernel/errors.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { renderComment } from './comment-render.ts'
import { squashSpace } from '../platform/markdown/text.ts'

/**
 * Where a comment's words go: a paragraph with its text and its words in the edition's other texts,
 * or the edition's general discussion (null).
 */
export type CommentPlace = { text: string; translations?: readonly string[] } | null

interface NewWords {
  kind?: string | undefined
  body?: string | undefined
  quote?: Quote | null | undefined
}

/**
 * What posting and editing both ask of a comment's words, in one function so that the two can never
 * disagree: a quote only on a paragraph's thread, and only of words that paragraph has (so it can be
 * found again, as a W3C TextQuoteSelector); a body within the Markdown limits, rendered once here and
 * stored, so no read renders it again. Fields left out (an edit changing only some) are not checked.
 */
export async function checkContent(
  place: CommentPlace,
  input: NewWords & { body: string },
): Promise<{ html: string; quote?: Quote | null | undefined }>
export async function checkContent(
  place: CommentPlace,
  input: NewWords,
): Promise<{ html?: string; quote?: Quote | null | undefined }>
export async function checkContent(
  place: CommentPlace,
  input: NewWords,
): Promise<{ html?: string; quote?: Quote | null | undefined }> {
  if (input.quote && place === null)
    throw invalid('A general comment has no paragraph to quote.', [
      { pointer: '/quote', detail: fieldMessage('field.quoteNotHere') },
    ])
  const typed = input.quote && place !== null ? asTheParagraphHasIt(input.quote, place) : input.quote
  if (typed && place !== null) checkQuote(typed, place, input.kind === 'suggestion')
  const quote = typed ? trueQuote(typed, place) : typed
  return input.body === undefined ? { quote } : { html: await renderComment(input.body), quote }
}

/**
 * The quote as it will be stored and exported (a W3C TextQuoteSelector): its prefix and suffix, where
 * the sender gave them, are the paragraph's own words either side of the occurrence they pick (the one
 * whose surroundings agree most with them; the first on a tie), as many characters as were sent (fewer
 * at the paragraph's ends), never words the paragraph does not have there. A quote without them is kept
 * as sent; one not found is left for `checkQuote` to refuse. Compared as quotes are checked (squashSpace).
 */
export function trueQuote(quote: Quote, place: CommentPlace): Quote {
  if (place === null || (quote.prefix === undefined && quote.suffix === undefined)) return quote
  const exact = squashSpace(quote.exact)
  const prefix = squashSpace(quote.prefix ?? '')
  const suffix = squashSpace(quote.suffix ?? '')
  for (const text of [place.text, ...(place.translations ?? [])].map(squashSpace)) {
    let best = -1
    let bestScore = -1
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      const score = sharedEnd(text.slice(0, at), prefix) + sharedStart(text.slice(at + exact.length), suffix)
      if (score > bestScore) [best, bestScore] = [at, score]
    }
    if (best === -1) continue
    const before = text.slice(Math.max(0, best - prefix.length), best)
    const after = text.slice(best + exact.length, best + exact.length + suffix.length)
    return {
      exact: quote.exact,
      ...(quote.prefix !== undefined && before ? { prefix: before } : {}),
      ...(quote.suffix !== undefined && after ? { suffix: after } : {}),
    }
  }
  return quote
}

const sharedStart = (a: string, b: string) => {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}
const sharedEnd = (a: string, b: string) => {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

/** Quotes as checked: composed alike, every run of white space one space. */
const squashQuote = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ')

/** Marks a keyboard types for the paragraph's typographic ones: a phone types ’ for ', a laptop " for “. */
const PLAIN_MARKS: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‛': "'",
  '′': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
}

/** Each character folded to its plain mark and lower case, where that is one character: the length stays. */
const folded = (s: string) =>
  s.replace(/[\s\S]/g, (c) => {
    const plain = PLAIN_MARKS[c] ?? c
    const lower = plain.toLowerCase()
    return lower.length === 1 ? lower : plain
  })

/**
 * A quote typed rather than selected (without script, or on a phone) gets the paragraph's own spelling
 * where it differs only by its quotation marks, apostrophes, dashes or capitals: "Your own council's
 * rules" typed for "your own council’s rules" is those words, stored as the paragraph has them so it is
 * found again and exported true. Anything else is left for `checkQuote` to judge.
 */
function asTheParagraphHasIt(quote: Quote, place: NonNullable<CommentPlace>): Quote {
  const exact = squashQuote(quote.exact)
  const texts = [place.text, ...(place.translations ?? [])].map(squashQuote)
  if (exact === '' || texts.some((text) => text.includes(exact))) return quote
  const wanted = folded(exact)
  for (const text of texts) {
    const at = folded(text).indexOf(wanted)
    if (at !== -1) return { ...quote, exact: text.slice(at, at + exact.length) }
  }
  return quote
}

/**
 * A quote is the paragraph's words as the reader read them: in the edition's own text or in one of its
 * translations (a Welsh reader quotes the Welsh). A suggestion's quote is the one exception: its wording
 * replaces those words in the edition's own text, so they must be that text's.
 */
function checkQuote(quote: Quote, place: NonNullable<CommentPlace>, suggestion: boolean): void {
  const has = (text: string) => squashQuote(text).includes(squashQuote(quote.exact))
  if (has(place.text)) return
  if ((place.translations ?? []).some(has)) {
    if (!suggestion) return
    throw invalid('A suggestion replaces words of the edition’s own text.', [
      { pointer: '/quote/exact', detail: fieldMessage('field.quoteOwnText') },
    ])
  }
  throw invalid('The quoted words are not in this paragraph.', [
    { pointer: '/quote/exact', detail: fieldMessage('field.quoteNotFound') },
  ])
}
