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

/**
 * One decision on many comments in one statement, whatever their number: each comment takes it (its
 * version moving on), it joins each one's history, any draft the comment had goes, and each records
 * the `comment.decided` event streams announce. Answers the comments decided, with their editions.
 */
export async function writeDecisions(db: Db, ids: readonly number[], row: Omit<DecisionRow, 'commentId'>) {
  if (ids.length === 0) return []
  // The history and the event take their values from the update's own rows, so the statement's
  // parameters are typed by the columns they are written to (an untyped parameter in a select is text).
  const { rows } = await sql<{ id: number; editionId: number }>`
    with decided as (
      update comments set decision = ${row.decision}, response = ${row.response},
        duplicate_of = ${row.duplicateOf}, decided_at = now(), decided_by = ${row.decidedBy},
        version = comments.version + 1
      where id in (${sql.join(ids)})
      returning id, edition_id, decision, response, duplicate_of, decided_by
    ), history as (
      insert into decisions (comment_id, decision, response, duplicate_of, decided_by)
      select id, decision, response, duplicate_of, decided_by from decided order by id
    ), dropped as (
      delete from decision_drafts where comment_id in (select id from decided)
    ), events as (
      insert into events (edition_id, type, comment_id)
      select edition_id, 'comment.decided', id from decided order by id
    )
    select id, edition_id from decided order by id`.execute(db)
  return rows
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
        .select(['id', 'guideId', 'editionId', 'parentId', 'state', 'version'])
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

/** Keeps one decision among the editors for many comments in one statement, replacing drafts they had. */
export async function writeDrafts(db: Db, ids: readonly number[], row: Omit<DecisionRow, 'commentId'>) {
  if (ids.length === 0) return
  const decidedAt = new Date()
  await db
    .insertInto('decisionDrafts')
    .values(ids.map((commentId) => ({ ...row, commentId, decidedAt })))
    .onConflict((oc) =>
      oc.column('commentId').doUpdateSet((eb) => ({
        decision: eb.ref('excluded.decision'),
        response: eb.ref('excluded.response'),
        duplicateOf: eb.ref('excluded.duplicateOf'),
        decidedBy: eb.ref('excluded.decidedBy'),
        decidedAt: eb.ref('excluded.decidedAt'),
      })),
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
 * streams announce, and the draft goes. A draft on a comment waiting for moderation stays a draft until
 * it is approved. Answers the comments released, with their editions.
 */
export async function releaseDrafts(db: Db, guideId: number, ids?: readonly number[]) {
  const among = ids ? sql`and d.comment_id in (${sql.join(ids.length > 0 ? ids : [0])})` : sql``
  const { rows } = await sql<{ id: number; editionId: number }>`
    with released as (
      delete from decision_drafts d using comments c
      where d.comment_id = c.id and c.guide_id = ${guideId} and c.state <> 'pending' ${among}
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
