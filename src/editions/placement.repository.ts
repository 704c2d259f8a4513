import type { Db } from '../platform/db/database.ts'
import type { LocatedQuote } from './quote-locator.ts'

/** A carried comment's placement in an edition, locked for the change, with what placing it needs. */
export const lockPlacement = (db: Db, commentId: number, editionId: number) =>
  db
    .selectFrom('placements')
    .innerJoin('comments', 'comments.id', 'placements.commentId')
    .leftJoin('blocks', (join) =>
      join
        .onRef('blocks.editionId', '=', 'placements.editionId')
        .onRef('blocks.key', '=', 'placements.blockKey'),
    )
    .select([
      'placements.blockKey',
      'placements.quote as placedQuote',
      'comments.quote',
      'comments.guideId',
      'blocks.number as blockNumber',
    ])
    .where('placements.commentId', '=', commentId)
    .where('placements.editionId', '=', editionId)
    .forUpdate('placements')
    .executeTakeFirst()

/** A block of an edition, with its text to find a quote in. */
export const blockOfEdition = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('blocks')
    .select(['key', 'number', 'text'])
    .where('editionId', '=', editionId)
    .where('key', '=', key)
    .executeTakeFirst()

export const movePlacement = (
  db: Db,
  place: { commentId: number; editionId: number; blockKey: string | null; quote: LocatedQuote | null },
) =>
  db
    .updateTable('placements')
    .set({
      blockKey: place.blockKey,
      quote: place.quote ? JSON.stringify(place.quote.quote) : null,
      quoteStatus: place.quote?.status ?? null,
      placedBy: 'editor',
    })
    .where('commentId', '=', place.commentId)
    .where('editionId', '=', place.editionId)
    .execute()

/** The key of the block an edition numbers so (the number its margin shows). */
export const keyOfNumber = async (db: Db, editionId: number, number: string) =>
  (
    await db
      .selectFrom('blocks')
      .select('key')
      .where('editionId', '=', editionId)
      .where('number', '=', number)
      .orderBy('ordinal')
      .limit(1)
      .executeTakeFirst()
  )?.key
