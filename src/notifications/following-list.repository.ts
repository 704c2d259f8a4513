import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'

/** Which drafts the person reads: every guide's (an admin), or those of the guides they edit. */
export type DraftReach = 'all' | readonly number[]

/** Whether an edition (by its alias in the query) is one the person may read: drafts only where they reach. */
const readableBy = (drafts: DraftReach, edition: 'e' | 'n') =>
  drafts === 'all'
    ? sql<boolean>`true`
    : drafts.length === 0
      ? sql<boolean>`${sql.ref(`${edition}.state`)} <> 'draft'`
      : sql<boolean>`(${sql.ref(`${edition}.state`)} <> 'draft' or ${sql.ref(`${edition}.guideId`)} in (${sql.join(drafts)}))`

/**
 * A page of what a person follows, newest first, in one query: each follow with the newest edition they may read and its title (for a paragraph, the newest that still has its key, with the
 * paragraph's number and words there). A follow with no such edition (a guide now held only in draft
 * they no longer edit, a paragraph found only in drafts) is left out, so nobody is shown what they may
 * not read.
 */
export const followsListed = (
  db: Db,
  personId: number,
  drafts: DraftReach,
  before: number | undefined,
  limit: number,
) =>
  db
    .selectFrom('follows as f')
    .innerJoin('guides as g', 'g.id', 'f.guideId')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('editions as e')
          .leftJoin('blocks as b', (join) =>
            join.onRef('b.editionId', '=', 'e.id').onRef('b.key', '=', 'f.blockKey'),
          )
          .select(['e.number as editionNumber', 'e.title', 'b.number as blockNumber', 'b.text as blockText'])
          .whereRef('e.guideId', '=', 'f.guideId')
          .where(() => readableBy(drafts, 'e'))
          .where((w) => w.or([w('f.blockKey', 'is', null), w('b.key', 'is not', null)]))
          .orderBy('e.number', 'desc')
          .limit(1)
          .as('x'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'f.id',
      'f.blockKey',
      'g.slug',
      'g.lang',
      'x.title',
      'x.editionNumber',
      'x.blockNumber',
      'x.blockText',
      // The newest edition they may read at all: a paragraph last found in an earlier one was removed since.
      eb
        .selectFrom('editions as n')
        .select((n) => n.fn.max('n.number').as('newest'))
        .whereRef('n.guideId', '=', 'f.guideId')
        .where(() => readableBy(drafts, 'n'))
        .as('newestNumber'),
    ])
    .where('f.personId', '=', personId)
    .$if(before !== undefined, (q) => q.where('f.id', '<', before ?? 0))
    .orderBy('f.id', 'desc')
    .limit(limit)
    .execute()
