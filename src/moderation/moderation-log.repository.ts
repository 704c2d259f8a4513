import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { EditionState } from '../kernel/words.ts'

/**
 * A page of a guide's moderation record, newest first: each hiding, read from the audit log (which
 * holds the reason code and words moderators gave), with where the comment was. Nothing of the comment
 * itself — its words, its author — is selected, so nothing of them can reach the page.
 */
export const moderationLogPage = (
  db: Db,
  q: { guideId: number; states: readonly EditionState[]; before: number | undefined; limit: number },
) =>
  db
    .selectFrom('auditLog')
    .innerJoin('comments', (join) =>
      join.on(sql<string>`cast(${sql.ref('comments.id')} as text)`, '=', sql.ref('auditLog.subject')),
    )
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .leftJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'comments.editionId').onRef('blocks.key', '=', 'comments.blockKey'),
    )
    .select([
      'auditLog.id',
      'auditLog.at',
      'auditLog.detail',
      'comments.blockKey',
      'blocks.number as blockNumber',
      'editions.number as editionNumber',
      // When the editors restored the comment after this hiding, if they did: the first restore
      // after it (hiding it again needs a restore first, and is an entry of its own).
      (eb) =>
        eb
          .selectFrom('auditLog as restored')
          .select((r) => r.fn.min('restored.at').as('at'))
          .where('restored.guideId', '=', q.guideId)
          .where('restored.action', '=', 'comment.restored')
          .whereRef('restored.subject', '=', 'auditLog.subject')
          .whereRef('restored.id', '>', 'auditLog.id')
          .as('restoredAt'),
    ])
    .where('auditLog.guideId', '=', q.guideId)
    .where('auditLog.action', '=', 'comment.hidden')
    .where('comments.guideId', '=', q.guideId)
    // The log is public: a comment kept for the editors is not in it, not even that it was hidden.
    .where('comments.public', '=', true)
    .where('editions.state', 'in', [...q.states])
    .$if(q.before !== undefined, (query) => query.where('auditLog.id', '<', q.before ?? 0))
    .orderBy('auditLog.id', 'desc')
    .limit(q.limit)
    .execute()
