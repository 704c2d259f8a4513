import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Decision } from '../kernel/words.ts'

export interface DecisionRow {
  commentId: number
  decision: Decision
  response: string
  duplicateOf: number | null
  decidedBy: number
}

/**
 * Records a decision on the comment and in its history. With `version`, only if the comment is still
 * at that version (optimistic concurrency); answers whether it was written.
 */
export async function writeDecision(db: Db, row: DecisionRow, version?: number): Promise<boolean> {
  let update = db
    .updateTable('comments')
    .set({
      decision: row.decision,
      response: row.response,
      duplicateOf: row.duplicateOf,
      decidedAt: new Date(),
      decidedBy: row.decidedBy,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', row.commentId)
  if (version !== undefined) update = update.where('version', '=', version)
  const updated = await update.returning('id').executeTakeFirst()
  if (!updated) return false
  await db.insertInto('decisions').values(row).execute()
  return true
}

export const decisionHistory = (db: Db, commentId: number) =>
  db
    .selectFrom('decisions')
    .innerJoin('people', 'people.id', 'decisions.decidedBy')
    .select([
      'decisions.id',
      'decisions.decision',
      'decisions.response',
      'decisions.duplicateOf',
      'decisions.decidedAt',
      'people.displayName as decidedByName',
    ])
    .where('decisions.commentId', '=', commentId)
    .orderBy('decisions.id')
    .execute()

/** The top-level comments of a guide among `ids`, with what deciding on them needs. */
export const decidableComments = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comments')
        .select(['id', 'guideId', 'editionId', 'parentId', 'version'])
        .where('id', 'in', ids)
        .execute()

/** Keeps a decision among the editors: the comment's one draft, replacing any it had. */
export async function writeDraft(db: Db, row: DecisionRow): Promise<void> {
  await db
    .insertInto('decisionDrafts')
    .values({ ...row, decidedAt: new Date() })
    .onConflict((oc) =>
      oc.column('commentId').doUpdateSet({
        decision: row.decision,
        response: row.response,
        duplicateOf: row.duplicateOf,
        decidedBy: row.decidedBy,
        decidedAt: new Date(),
      }),
    )
    .execute()
}

/** A released decision supersedes the comment's draft, if it had one. */
export const dropDraft = (db: Db, commentId: number) =>
  db.deleteFrom('decisionDrafts').where('commentId', '=', commentId).execute()

/** The comments of a guide with a draft decision, among `ids` when given. */
export function draftsOf(db: Db, guideId: number, ids?: readonly number[]) {
  let query = db
    .selectFrom('decisionDrafts')
    .innerJoin('comments', 'comments.id', 'decisionDrafts.commentId')
    .select('decisionDrafts.commentId')
    .where('comments.guideId', '=', guideId)
  if (ids) query = query.where('decisionDrafts.commentId', 'in', ids.length > 0 ? ids : [0])
  return query.execute()
}

/**
 * Releases the guide's drafts (those among `ids`, when given) in one statement, whatever their number:
 * each becomes the comment's decision, joins its history and records the `comment.decided` event
 * streams announce, and the draft goes. Answers the comments released, with their editions.
 */
export async function releaseDrafts(db: Db, guideId: number, ids?: readonly number[]) {
  const among = ids ? sql`and d.comment_id in (${sql.join(ids.length > 0 ? ids : [0])})` : sql``
  const { rows } = await sql<{ id: number; editionId: number }>`
    with released as (
      delete from decision_drafts d using comments c
      where d.comment_id = c.id and c.guide_id = ${guideId} ${among}
      returning d.*
    ), decided as (
      update comments set decision = r.decision, response = r.response, duplicate_of = r.duplicate_of,
        decided_at = now(), decided_by = r.decided_by, version = comments.version + 1
      from released r where comments.id = r.comment_id
      returning comments.id, comments.edition_id
    ), history as (
      insert into decisions (comment_id, decision, response, duplicate_of, decided_by)
      select comment_id, decision, response, duplicate_of, decided_by from released
    ), events as (
      insert into events (edition_id, type, comment_id)
      select edition_id, 'comment.decided', id from decided
    )
    select id, edition_id from decided order by id`.execute(db)
  return rows
}

export interface DraftDecision {
  decision: Decision
  response: string
  duplicateOf: number | null
  decidedAt: Date
}

/** The draft decisions of these comments, by comment: for their editors' eyes only. */
export async function draftsFor(db: Db, ids: readonly number[]): Promise<Map<number, DraftDecision>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('decisionDrafts')
    .select(['commentId', 'decision', 'response', 'duplicateOf', 'decidedAt'])
    .where('commentId', 'in', ids)
    .execute()
  return new Map(rows.map(({ commentId, ...draft }) => [commentId, draft]))
}

/** The comment's version, its row locked until the transaction ends (an If-Match checked, then written). */
export const lockComment = (db: Db, id: number) =>
  db
    .selectFrom('comments')
    .select(['id', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow()
