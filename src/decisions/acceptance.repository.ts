import type { Db } from '../platform/db/database.ts'

/** The comment's decision, its row locked until the transaction ends, so two acceptances queue. */
export const lockDecision = (db: Db, id: number) =>
  db
    .selectFrom('comments')
    .select(['id', 'decision'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow()

/** The words a suggestion was written against: its paragraph in the edition it was written on. */
export const originBlock = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('blocks')
    .select(['kind', 'markdown', 'text'])
    .where('editionId', '=', editionId)
    .where('key', '=', key)
    .executeTakeFirst()

export interface AcceptanceRow {
  commentId: number
  guideId: number
  baseEditionId: number
  blockKey: string
  beforeMarkdown: string
  afterMarkdown: string
  acceptedBy: number
}

/** Records what accepting a suggestion changed in the working draft; accepting it again replaces that. */
export const saveAcceptance = (db: Db, row: AcceptanceRow) =>
  db
    .insertInto('acceptances')
    .values(row)
    .onConflict((oc) =>
      oc.column('commentId').doUpdateSet({
        baseEditionId: row.baseEditionId,
        blockKey: row.blockKey,
        beforeMarkdown: row.beforeMarkdown,
        afterMarkdown: row.afterMarkdown,
        acceptedBy: row.acceptedBy,
      }),
    )
    .execute()

/** The suggestions accepted into a guide's working draft begun from this edition, with their authors. */
export const acceptancesInto = (db: Db, guideId: number, baseEditionId: number) =>
  db
    .selectFrom('acceptances')
    .innerJoin('comments', 'comments.id', 'acceptances.commentId')
    .innerJoin('people', 'people.id', 'comments.authorId')
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .select([
      'acceptances.commentId',
      'acceptances.blockKey',
      'acceptances.acceptedAt',
      'comments.editionId',
      'editions.number as editionNumber',
      'people.displayName as authorName',
      'people.erasedAt as authorErasedAt',
    ])
    .where('acceptances.guideId', '=', guideId)
    .where('acceptances.baseEditionId', '=', baseEditionId)
    .orderBy('acceptances.acceptedAt')
    .execute()

/** The draft a suggestion's wording was last taken into, locked with the decision it goes with. */
export const acceptanceBase = async (db: Db, commentId: number) =>
  (
    await db
      .selectFrom('acceptances')
      .select('baseEditionId')
      .where('commentId', '=', commentId)
      .executeTakeFirst()
  )?.baseEditionId
