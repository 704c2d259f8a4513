import type { Quote } from '../platform/db/schema.ts'
import { squashSpace } from '../platform/markdown/text.ts'
import { locateQuote, type LocatedQuote } from './quote-locator.ts'

/** A block's words in an edition: its own text, and its text in each language the edition has it in. */
export interface BlockTexts {
  text: string
  translations: ReadonlyMap<string, string>
}

export const NO_TRANSLATIONS: ReadonlyMap<string, string> = new Map()

/**
 * The text a quote's words were taken from, in the edition it was written on: null for the edition's
 * own text, else the language of the translation (a Welsh reader quotes the Welsh). Words found in
 * neither are the own text's, as every quote was before editions had translations.
 */
export function quoteLanguage(quote: Quote, origin: BlockTexts): string | null {
  const exact = squashSpace(quote.exact)
  if (squashSpace(origin.text).includes(exact)) return null
  for (const [lang, text] of origin.translations) if (squashSpace(text).includes(exact)) return lang
  return null
}

/**
 * A quote found again in a later edition's block, in the text of the quote's own language. An edition
 * gets its translations after it is made, so a later edition seldom has one yet: words quoted from a
 * translation are then not looked for in the other language (where they would read as gone, or match
 * some other words fuzzily) but wait, with no status, to be looked for when the edition gets a text in
 * their language (`findQuotesInTranslation`). On removed text (no block) every quote is gone.
 */
export function locateInLanguage(
  quote: Quote,
  lang: string | null,
  block: BlockTexts | undefined,
): LocatedQuote {
  if (!block || lang === null) return locateQuote(quote, block?.text ?? '')
  const text = block.translations.get(lang)
  return text === undefined ? { quote, status: null } : locateQuote(quote, text)
}
