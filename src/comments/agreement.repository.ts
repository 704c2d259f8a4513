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
