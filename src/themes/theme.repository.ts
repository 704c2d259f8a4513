import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'

const THEME_COLUMNS = ['id', 'guideId', 'name', 'description', 'response', 'updatedAt'] as const

/** A guide's themes, by name, each with how many comments it gathers (all editions). */
export const themesOfGuide = (db: Db, guideId: number) =>
  db
    .selectFrom('themes')
    .leftJoin('commentThemes', 'commentThemes.themeId', 'themes.id')
    .select(THEME_COLUMNS.map((c) => `themes.${c}` as const))
    .select((eb) => eb.fn.count<string>('commentThemes.commentId').as('count'))
    .where('themes.guideId', '=', guideId)
    .groupBy('themes.id')
    .orderBy(sql`lower(themes.name)`)
    .execute()

export const findTheme = (db: Db, guideId: number, id: number) =>
  db
    .selectFrom('themes')
    .select(THEME_COLUMNS)
    .where('guideId', '=', guideId)
    .where('id', '=', id)
    .executeTakeFirst()

/** Whether another theme of the guide has this name, however it is capitalised. */
export const nameTaken = async (db: Db, guideId: number, name: string, exceptId?: number) => {
  let query = db
    .selectFrom('themes')
    .select('id')
    .where('guideId', '=', guideId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export const insertTheme = (
  db: Db,
  theme: { guideId: number; name: string; description: string; createdBy: number },
) => db.insertInto('themes').values(theme).returning(THEME_COLUMNS).executeTakeFirstOrThrow()

export const updateTheme = (
  db: Db,
  id: number,
  change: { name?: string | undefined; description?: string | undefined; response?: string | undefined },
) =>
  db
    .updateTable('themes')
    .set({
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.description === undefined ? {} : { description: change.description }),
      ...(change.response === undefined ? {} : { response: change.response }),
      updatedAt: sql`now()`,
    })
    .where('id', '=', id)
    .returning(THEME_COLUMNS)
    .executeTakeFirstOrThrow()

/** Removes a theme; its comments lose the tag (the foreign key cascades), and keep everything else. */
export const deleteTheme = (db: Db, id: number) => db.deleteFrom('themes').where('id', '=', id).execute()

/** Of these ids, the top-level comments of the guide (themes gather comments, not replies). */
export const taggableComments = async (db: Db, guideId: number, ids: readonly number[]) =>
  ids.length === 0
    ? []
    : (
        await db
          .selectFrom('comments')
          .select('id')
          .where('guideId', '=', guideId)
          .where('parentId', 'is', null)
          .where('id', 'in', ids)
          .execute()
      ).map((row) => row.id)

/** Of these ids, the guide's themes. */
export const themesIn = async (db: Db, guideId: number, ids: readonly number[]) =>
  ids.length === 0
    ? []
    : (
        await db
          .selectFrom('themes')
          .select('id')
          .where('guideId', '=', guideId)
          .where('id', 'in', ids)
          .execute()
      ).map((row) => row.id)

/** Tags each comment with the theme, once (tagging twice changes nothing); how many were new. */
export const tagComments = async (db: Db, themeId: number, commentIds: readonly number[], by: number) =>
  commentIds.length === 0
    ? 0
    : (
        await db
          .insertInto('commentThemes')
          .values(commentIds.map((commentId) => ({ commentId, themeId, taggedBy: by })))
          .onConflict((oc) => oc.columns(['commentId', 'themeId']).doNothing())
          .returning('commentId')
          .execute()
      ).length

export const untagComments = async (db: Db, themeId: number, commentIds: readonly number[]) =>
  commentIds.length === 0
    ? 0
    : Number(
        (
          await db
            .deleteFrom('commentThemes')
            .where('themeId', '=', themeId)
            .where('commentId', 'in', commentIds)
            .executeTakeFirst()
        ).numDeletedRows,
      )

/** Makes a comment's themes exactly these: two statements however many there are. */
export async function setCommentThemes(db: Db, commentId: number, themeIds: readonly number[], by: number) {
  let removal = db.deleteFrom('commentThemes').where('commentId', '=', commentId)
  if (themeIds.length > 0) removal = removal.where('themeId', 'not in', themeIds)
  await removal.execute()
  if (themeIds.length > 0)
    await db
      .insertInto('commentThemes')
      .values(themeIds.map((themeId) => ({ commentId, themeId, taggedBy: by })))
      .onConflict((oc) => oc.columns(['commentId', 'themeId']).doNothing())
      .execute()
}

/** The themes of each of these comments, by name: one query for a whole page of comments. */
export const themesOfComments = (db: Db, commentIds: readonly number[]) =>
  commentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('commentThemes')
        .innerJoin('themes', 'themes.id', 'commentThemes.themeId')
        .select(['commentThemes.commentId', 'themes.id', 'themes.name'])
        .where('commentThemes.commentId', 'in', commentIds)
        .orderBy(sql`lower(themes.name)`)
        .execute()

/**
 * How many of each theme's comments fall on each paragraph of an edition (general discussion as a
 * null key), for the counts beside the heat strip and the themes × sections picture.
 */
export const themeCountsByBlock = (db: Db, guideId: number, editionId: number) =>
  db
    .selectFrom('commentThemes')
    .innerJoin('themes', 'themes.id', 'commentThemes.themeId')
    .innerJoin('comments', 'comments.id', 'commentThemes.commentId')
    .select(['themes.id as themeId', 'comments.blockKey'])
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('themes.guideId', '=', guideId)
    .where('comments.editionId', '=', editionId)
    .groupBy(['themes.id', 'comments.blockKey'])
    .execute()

/** The top-level comments of an edition that themes may be suggested from: id, words and paragraph. */
export const commentsForSuggestions = (db: Db, editionId: number) =>
  db
    .selectFrom('comments')
    .select(['id', 'body'])
    .where('editionId', '=', editionId)
    .where('parentId', 'is', null)
    .where('state', 'in', ['published', 'pending'])
    .orderBy('id')
    .execute()

/** The comments of an edition already gathered under some theme of the guide. */
export const themedCommentsOfEdition = async (db: Db, guideId: number, editionId: number) =>
  new Set(
    (
      await db
        .selectFrom('commentThemes')
        .innerJoin('themes', 'themes.id', 'commentThemes.themeId')
        .innerJoin('comments', 'comments.id', 'commentThemes.commentId')
        .select('commentThemes.commentId')
        .where('themes.guideId', '=', guideId)
        .where('comments.editionId', '=', editionId)
        .execute()
    ).map((row) => row.commentId),
  )

/**
 * Every tag of the guide's themes, with each theme's words: the report keeps those on the comments it
 * shows. One query by the guide, not a list of every comment's id.
 */
export const themeTagsOfGuide = (db: Db, guideId: number) =>
  db
    .selectFrom('commentThemes')
    .innerJoin('themes', 'themes.id', 'commentThemes.themeId')
    .select([
      'commentThemes.commentId',
      'themes.id as themeId',
      'themes.name',
      'themes.description',
      'themes.response',
    ])
    .where('themes.guideId', '=', guideId)
    .execute()
