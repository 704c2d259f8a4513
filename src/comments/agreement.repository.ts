import { carriedShows } from './carried-shown.repository.ts'
import type { Db } from '../platform/db/database.ts'

/** Records that a person agrees with a comment; false when they already did (nothing changes then). */
export const insertAgreement = async (db: Db, commentId: number, personId: number) =>
  (await db
    .insertInto('agreements')
    .values({ commentId, personId })
    .onConflict((oc) => oc.columns(['commentId', 'personId']).doNothing())
    .returning('commentId')
    .executeTakeFirst()) !== undefined

/** Takes a person's agreement back; false when there was none. */
export const deleteAgreement = async (db: Db, commentId: number, personId: number) =>
  Number(
    (
      await db
        .deleteFrom('agreements')
        .where('commentId', '=', commentId)
        .where('personId', '=', personId)
        .executeTakeFirst()
    ).numDeletedRows,
  ) > 0

/**
 * The later editions a comment is carried into and shows in (`carriedShows`, the rule every view asks),
 * with what says whether each takes comments now: agreeing with a comment carried into an open edition
 * is taking part in that consultation, even when the comment's own edition has closed.
 */
export const editionsCarryingComment = (db: Db, commentId: number) =>
  db
    .selectFrom('placements')
    .innerJoin('comments as top', 'top.id', 'placements.commentId')
    .innerJoin('editions', 'editions.id', 'placements.editionId')
    .select(['editions.state', 'editions.opensAt', 'editions.closesAt'])
    .where('placements.commentId', '=', commentId)
    .where(carriedShows('placements', 'top'))
    .execute()
