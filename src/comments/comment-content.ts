import type { Quote } from '../platform/db/schema.ts'
import { invalid } from '../kernel/errors.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { renderComment } from './comment-render.ts'

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
): Promise<{ html: string }>
export async function checkContent(place: CommentPlace, input: NewWords): Promise<{ html?: string }>
export async function checkContent(place: CommentPlace, input: NewWords): Promise<{ html?: string }> {
  if (input.quote) {
    if (place === null)
      throw invalid('A general comment has no paragraph to quote.', [
        { pointer: '/quote', detail: fieldMessage('field.quoteNotHere') },
      ])
    checkQuote(input.quote, place, input.kind === 'suggestion')
  }
  return input.body === undefined ? {} : { html: await renderComment(input.body) }
}

/**
 * A quote is the paragraph's words as the reader read them: in the edition's own text or in one of its
 * translations (a Welsh reader quotes the Welsh). A suggestion's quote is the one exception: its wording
 * replaces those words in the edition's own text, so they must be that text's.
 */
function checkQuote(quote: Quote, place: NonNullable<CommentPlace>, suggestion: boolean): void {
  const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ')
  const has = (text: string) => squash(text).includes(squash(quote.exact))
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
