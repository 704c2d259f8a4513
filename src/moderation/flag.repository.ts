import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import type { Db } from '../platform/db/database.ts'

/**
 * The open flags on these comments, oldest first, with who raised each: one query for a whole page of
 * comments. Only editors' pages ask; nothing here is ever shown to the public or a reviewer.
 */
export const openFlagsOn = (db: Db, commentIds: readonly number[]) =>
  commentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('flags')
        .innerJoin('people', 'people.id', 'flags.personId')
        .select([
          'flags.commentId',
          'flags.reason',
          'flags.createdAt',
          'people.displayName as flaggerName',
          'people.erasedAt as flaggerErasedAt',
        ])
        .where('flags.commentId', 'in', commentIds)
        .where('flags.resolvedAt', 'is', null)
        .orderBy('flags.id')
        .execute()

/** A flag as an editor reads it: who raised it (as erasure leaves them), why and when. */
export interface FlagView {
  by: string
  reason: string
  at: Date
}

/** The open flags on these comments, grouped by comment id (a string, as views name comments). */
export async function flagsByComment(db: Db, commentIds: readonly number[], lang: Lang) {
  const byComment = new Map<string, FlagView[]>()
  for (const flag of await openFlagsOn(db, commentIds)) {
    const id = String(flag.commentId)
    byComment.set(id, [
      ...(byComment.get(id) ?? []),
      {
        by: flag.flaggerErasedAt ? translator(lang)('names.former') : flag.flaggerName,
        reason: flag.reason,
        at: flag.createdAt,
      },
    ])
  }
  return byComment
}

/** Settles every open flag on a comment without changing it: the editors looked and let it stand. */
export const resolveFlags = (db: Db, commentId: number) =>
  db
    .updateTable('flags')
    .set({ resolvedAt: new Date() })
    .where('commentId', '=', commentId)
    .where('resolvedAt', 'is', null)
    .executeTakeFirst()

/**
 * A guide's comments waiting for a moderator, each list oldest first and at most `limit` long: pending
 * approval, flagged (open flags, whatever its state but pending), and the most recently hidden.
 */
export async function queueIds(db: Db, guideId: number, limit: number) {
  const [pending, flagged, hidden] = await Promise.all([
    db
      .selectFrom('comments')
      .select('id')
      .where('guideId', '=', guideId)
      .where('state', '=', 'pending')
      .orderBy('id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('comments')
      .select('comments.id')
      .where('comments.guideId', '=', guideId)
      .where('comments.state', '!=', 'pending')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('flags')
            .select('flags.id')
            .whereRef('flags.commentId', '=', 'comments.id')
            .where('flags.resolvedAt', 'is', null),
        ),
      )
      .orderBy('comments.id')
      .limit(limit)
      .execute(),
    db
      .selectFrom('comments')
      .select('id')
      .where('guideId', '=', guideId)
      .where('state', '=', 'hidden')
      .orderBy('updatedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
  ])
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id)
  return { pending: ids(pending), flagged: ids(flagged), hidden: ids(hidden) }
}

/** A guide's comments waiting for approval (the first 200) and its open flags (the first 500), oldest first. */
export async function moderationWork(db: Db, guideId: number) {
  const pending = await db
    .selectFrom('comments')
    .select('id')
    .where('guideId', '=', guideId)
    .where('state', '=', 'pending')
    .orderBy('id')
    .limit(200)
    .execute()
  const flagged = await db
    .selectFrom('flags')
    .innerJoin('comments', 'comments.id', 'flags.commentId')
    .select(['flags.commentId', 'flags.reason', 'flags.createdAt'])
    .where('comments.guideId', '=', guideId)
    .where('flags.resolvedAt', 'is', null)
    .orderBy('flags.id')
    .limit(500)
    .execute()
  return { pending, flagged }
}
