import type { Db } from '../platform/db/database.ts'
import { quoteLanguages } from './quote-language.repository.ts'

/** A translation's language for a comment's quoted words; undefined for the guide's own text. */
export type WordsLanguage = (commentId: string | number) => string | undefined

/**
 * For a page of comments: the language of the translation each one's quoted words were taken from, or
 * undefined for the guide's own text (or no quote), so a Welsh quote on an English guide is read out
 * in Welsh. (Suggested wording quotes only the guide's own text.) One query for the page's quotes, and
 * none for a page without any.
 */
export async function wordsLanguages(
  db: Db,
  comments: Iterable<{ id: string | number; quote: unknown }>,
): Promise<WordsLanguage> {
  const ids = [...comments].filter((c) => c.quote).map((c) => Number(c.id))
  const languages = ids.length === 0 ? new Map<number, string | null>() : await quoteLanguages(db, ids)
  return (commentId) => languages.get(Number(commentId)) ?? undefined
}
