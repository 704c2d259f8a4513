import type { Quote } from '../platform/db/schema.ts'
import { invalid } from '../kernel/errors.ts'
import { renderComment } from './comment-render.ts'

/** Where a comment's words go: a paragraph with its text, or the edition's general discussion (null). */
export type CommentPlace = { text: string } | null

interface NewWords {
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
        { pointer: '/quote', detail: 'Leave out the quote here.' },
      ])
    checkQuote(input.quote, place.text)
  }
  return input.body === undefined ? {} : { html: await renderComment(input.body) }
}

function checkQuote(quote: Quote, text: string): void {
  const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ')
  if (!squash(text).includes(squash(quote.exact))) {
    throw invalid('The quoted words are not in this paragraph.', [
      { pointer: '/quote/exact', detail: 'Quote words exactly as the paragraph has them.' },
    ])
  }
}
