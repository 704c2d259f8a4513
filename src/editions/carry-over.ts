import type { Db } from '../platform/db/database.ts'
import type { Quote } from '../platform/db/schema.ts'
import { editionsAfter, insertPlacements, successorsOf } from './edition.repository.ts'
import { landingOf } from './landing.ts'

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
  const rows = []
  for (const edition of later) {
    if (key !== null) key = landingOf(await successorsOf(tx, edition.id, key), key, comment.quote)
    rows.push({ commentId: comment.id, editionId: edition.id, blockKey: key })
  }
  await insertPlacements(tx, rows)
}
