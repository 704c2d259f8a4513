import type { Db } from '../platform/db/database.ts'
import { sameLanguage } from '../platform/i18n/languages.ts'
import type { Quote } from '../platform/db/schema.ts'
import { locateInLanguage, NO_TRANSLATIONS } from './quote-language.ts'
import {
  quoteLanguages,
  quotedPlacements,
  saveFoundQuotes,
  translationsOfBlock,
} from './quote-language.repository.ts'
import { locateQuote, type LocatedQuote } from './quote-locator.ts'

/** The language of one comment's quote (quote-language.ts): null for its edition's own text. */
export const quoteLanguageOf = async (tx: Db, commentId: number) =>
  (await quoteLanguages(tx, [commentId])).get(commentId) ?? null

/** A quote looked for in a block of an edition (none: removed text), in the text of its language. */
export async function findQuoteInBlock(
  tx: Db,
  quote: Quote,
  lang: string | null,
  editionId: number,
  block: { key: string; text: string } | undefined,
): Promise<LocatedQuote> {
  const translations =
    block && lang !== null ? await translationsOfBlock(tx, editionId, block.key) : NO_TRANSLATIONS
  return locateInLanguage(quote, lang, block && { text: block.text, translations })
}

/**
 * An edition has just got its text in `lang` (or a new one in place of the last): the quotes carried
 * into it that were taken from a text in that language are looked for in it, each from the words as
 * last looked for. Until now they waited (quote-language.ts), or were found in the text it replaces.
 */
export async function findQuotesInTranslation(
  tx: Db,
  editionId: number,
  lang: string,
  texts: ReadonlyMap<string, string>,
): Promise<void> {
  const placed = await quotedPlacements(tx, editionId)
  const languages = await quoteLanguages(
    tx,
    placed.map((p) => p.commentId),
  )
  const found = placed.flatMap((p) => {
    const quoteLang = languages.get(p.commentId) ?? null
    if (!p.quote || p.blockKey === null || quoteLang === null || !sameLanguage(quoteLang, lang)) return []
    return [{ commentId: p.commentId, quote: locateQuote(p.quote, texts.get(p.blockKey) ?? '') }]
  })
  await saveFoundQuotes(tx, editionId, found)
}
