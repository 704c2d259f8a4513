import type { Db } from '../platform/db/database.ts'

/**
 * How many events a guide has recorded, of any edition (a comment carried into an edition records its
 * events on the one it was written on). Every change to a published count (a comment's write,
 * moderation, a decision) records one in its own transaction, and events are never deleted, so this
 * grows with each such commit: a page rendered at one number holds the counts of every page rendered
 * at it. Unlike an event's position it needs no stream to have numbered the events first.
 */
export const guideEventCount = async (db: Db, guideId: number) =>
  Number(
    (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('editionId', 'in', (eb) =>
          eb.selectFrom('editions').select('id').where('guideId', '=', guideId),
        )
        .executeTakeFirst()
    )?.n ?? 0,
  )
