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
