import type { Db } from '../platform/db/database.ts'

/**
 * Among these comments, those whose author changed the words after the editors saved their draft
 * decision on them: a draft answers the words as they were, so triage marks it to be read again before
 * it is released (an edit keeps the draft; releasing a decision is what fixes the words,
 * comment-change.service.ts). Saving the draft again clears the mark. One statement for a page.
 */
export async function rewordedSinceDraft(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await db
    .selectFrom('decisionDrafts')
    .innerJoin('commentRevisions', 'commentRevisions.commentId', 'decisionDrafts.commentId')
    .select('decisionDrafts.commentId')
    .distinct()
    .where('decisionDrafts.commentId', 'in', ids)
    .whereRef('commentRevisions.replacedAt', '>', 'decisionDrafts.decidedAt')
    .execute()
  return new Set(rows.map((r) => r.commentId))
}
