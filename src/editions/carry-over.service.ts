import type { Db } from '../platform/db/database.ts'
import type { Quote } from '../platform/db/schema.ts'
import { editionsAfter, insertPlacements, successorsOf, type PlacementRow } from './edition.repository.ts'
import { landingOf } from './landing.ts'
import { findQuoteInBlock, quoteLanguageOf } from './quote-finding.service.ts'

/**
 * A comment written on an edition that already has successors (the next edition was drafted while
 * this one was still open) is carried into each of them as if it had been there when they were made.
 */
export async function carryIntoLaterEditions(
  tx: Db,
  comment: { id: number; guideId: number; editionNumber: number; blockKey: string; quote: Quote | null },
): Promise<void> {
  const later = await editionsAfter(tx, comment.guideId, comment.editionNumber)
  let key: string | null = comment.blockKey
  let quote = comment.quote
  // Words quoted from a translation are looked for in each later edition's text in their language.
  const lang = quote ? await quoteLanguageOf(tx, comment.id) : null
  const rows: PlacementRow[] = []
  for (const edition of later) {
    const successors = key === null ? [] : await successorsOf(tx, edition.id, key)
    if (key !== null) key = landingOf(successors, key, quote)
    const landed = successors.find((s) => s.key === key)
    const located = quote && (await findQuoteInBlock(tx, quote, lang, edition.id, landed))
    rows.push({ commentId: comment.id, editionId: edition.id, blockKey: key, quote: located })
    // Each edition looks for the words as the one before had them.
    if (located) quote = located.quote
  }
  await insertPlacements(tx, rows)
}
