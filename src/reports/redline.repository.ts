import type { Db } from '../platform/db/database.ts'
import type { CommentState } from '../kernel/words.ts'

/** The stored lineage rows of every edition after `after` up to `upTo`, in one query. */
export const lineageBetween = (db: Db, guideId: number, after: number, upTo: number) =>
  db
    .selectFrom('lineage')
    .innerJoin('editions', 'editions.id', 'lineage.editionId')
    .select(['editions.number', 'lineage.blockKey', 'lineage.ordinal', 'lineage.change', 'lineage.fromKeys'])
    .where('editions.guideId', '=', guideId)
    .where('editions.number', '>', after)
    .where('editions.number', '<=', upTo)
    .orderBy('editions.number')
    .orderBy('lineage.ordinal')
    .execute()

/**
 * Top-level comments per block of some editions, in the given states (and, unless `everyone`, only
 * those their authors let be published): one grouped query.
 */
export const topLevelCountsByBlock = (
  db: Db,
  editionIds: readonly number[],
  states: readonly CommentState[],
  everyone = false,
) =>
  editionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comments')
        .select(['editionId', 'blockKey', (eb) => eb.fn.countAll<number>().as('count')])
        .where('editionId', 'in', editionIds)
        .where('parentId', 'is', null)
        .where('blockKey', 'is not', null)
        .where('state', 'in', states)
        .$if(!everyone, (q) => q.where('public', '=', true))
        .groupBy(['editionId', 'blockKey'])
        .execute()
