import type { Db } from '../platform/db/database.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findComment, recordEvent } from '../comments/comment.repository.ts'
import { commentEtag, commentView } from '../comments/comment.service.ts'
import { DomainError, invalid, notFound } from '../kernel/errors.ts'
import { findGuideById, findGuideBySlug } from '../guides/guide.repository.ts'
import { authorise, may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { decidableComments, decisionHistory, writeDecision } from './decision.repository.ts'
import type { DecisionInput } from './decision.schemas.ts'
import { announceEvents } from '../live/announce.ts'

/** A comment with its ETag, for `GET /api/comments/:id` and for answering a decision. */
export async function commentWithEtag(db: Db, viewer: Viewer, id: number) {
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  const moderator = may(viewer, 'moderate', guide)
  const edition = await db
    .selectFrom('editions')
    .select('state')
    .where('id', '=', row.editionId)
    .executeTakeFirstOrThrow()
  const visible =
    (edition.state !== 'draft' || may(viewer, 'read-drafts', guide)) &&
    (moderator ||
      row.state === 'published' ||
      row.state === 'withdrawn' ||
      row.authorId === viewer.person?.id)
  if (!visible) throw notFound('That comment')
  return { comment: commentView(row, guide, viewer, moderator), etag: commentEtag(row) }
}

/** A duplicate names another top-level comment of the same guide; other decisions name none. */
async function checkDuplicate(db: Db, guideId: number, ids: readonly number[], input: DecisionInput) {
  if (input.decision !== 'duplicate') {
    if (input.duplicateOf !== undefined)
      throw invalid('Only a duplicate names another comment.', [
        { pointer: '/duplicateOf', detail: 'Leave this out, or choose "duplicate".' },
      ])
    return null
  }
  if (input.duplicateOf === undefined)
    throw invalid('Say which comment this one duplicates.', [
      { pointer: '/duplicateOf', detail: 'The id of the other comment.' },
    ])
  const other = Number(input.duplicateOf)
  const [row] = await decidableComments(db, [other])
  if (!row || row.guideId !== guideId || row.parentId !== null || ids.includes(other))
    throw invalid('A comment duplicates another top-level comment on the same guide.', [
      { pointer: '/duplicateOf', detail: `Comment ${input.duplicateOf} is not one it can duplicate.` },
    ])
  return other
}

/**
 * `PUT /api/comments/:id/decision`: an editor's decision and response on a top-level comment. With
 * If-Match, it is written only if nobody changed the comment since (412 otherwise).
 */
export async function decide(db: Db, viewer: Viewer, id: number, input: DecisionInput, ifMatch?: string) {
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  authorise(viewer, 'decide', guide)
  if (row.parentId !== null)
    throw new DomainError(409, 'reply', 'Decisions are made on comments, not on replies to them.')
  if (ifMatch !== undefined && ifMatch !== commentEtag(row))
    throw new DomainError(412, 'stale', 'Someone changed this comment since you loaded it; look again.')
  const duplicateOf = await checkDuplicate(db, guide.id, [id], input)
  const written = await db.transaction().execute(async (tx) => {
    const ok = await writeDecision(
      tx,
      {
        commentId: id,
        decision: input.decision,
        response: input.response,
        duplicateOf,
        decidedBy: viewer.person?.id ?? 0,
      },
      ifMatch === undefined ? undefined : row.version,
    )
    if (!ok) return false
    await recordEvent(tx, row.editionId, 'comment.decided', id)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'comment.decided',
      guideId: guide.id,
      subject: String(id),
      detail: { decision: input.decision, was: row.decision },
    })
    return true
  })
  if (!written)
    throw new DomainError(412, 'stale', 'Someone changed this comment since you loaded it; look again.')
  announceEvents(db, row.editionId)
  return commentWithEtag(db, viewer, id)
}

/** `POST /api/guides/:slug/decisions`: one decision on several comments of a guide, all or none. */
export async function decideMany(
  db: Db,
  viewer: Viewer,
  slug: string,
  ids: readonly number[],
  input: DecisionInput,
) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'decide', guide)
  const unique = [...new Set(ids)]
  const rows = await decidableComments(db, unique)
  const found = new Map(rows.map((r) => [r.id, r]))
  const errors = ids.flatMap((id, index) => {
    const row = found.get(id)
    return row && row.guideId === guide.id && row.parentId === null
      ? []
      : [
          {
            pointer: `/commentIds/${String(index)}`,
            detail: 'Not a comment of this guide that takes a decision.',
          },
        ]
  })
  if (errors.length > 0) throw invalid('Some of these comments cannot take a decision here.', errors)
  const duplicateOf = await checkDuplicate(db, guide.id, unique, input)
  await db.transaction().execute(async (tx) => {
    for (const row of rows) {
      await writeDecision(tx, {
        commentId: row.id,
        decision: input.decision,
        response: input.response,
        duplicateOf,
        decidedBy: viewer.person?.id ?? 0,
      })
      await recordEvent(tx, row.editionId, 'comment.decided', row.id)
    }
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'comment.decided',
      guideId: guide.id,
      subject: unique.join(','),
      detail: { decision: input.decision, count: unique.length },
    })
  })
  for (const editionId of new Set(rows.map((row) => row.editionId))) announceEvents(db, editionId)
  return { decided: unique.map(String) }
}

/** Every decision ever recorded on a comment, oldest first (editors of its guide). */
export async function decisionsOf(db: Db, viewer: Viewer, id: number) {
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  authorise(viewer, 'decide', await findGuideById(db, row.guideId))
  return {
    items: (await decisionHistory(db, id)).map((d) => ({
      ...d,
      id: String(d.id),
      duplicateOf: d.duplicateOf === null ? null : String(d.duplicateOf),
    })),
  }
}
