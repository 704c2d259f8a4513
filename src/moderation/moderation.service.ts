import { placeInCampaign } from '../campaigns/campaign-grouping.service.ts'
import type { Db } from '../platform/db/database.ts'
import { DomainError, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import type { AuditAction } from '../audit/audit-actions.ts'
import {
  findComment,
  findComments,
  lockState,
  recordEvent,
  updateComment,
} from '../comments/comment.repository.ts'
import { commentView } from '../comments/comment.service.ts'
import { findGuideBySlug, findGuideById } from '../guides/guide.repository.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import type { HideReason } from '../kernel/words.ts'
import type { Hide } from '../comments/comment.schemas.ts'
import { announceEvents } from '../live/announce.ts'
import { moderationWork, resolveFlags } from './flag.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { noticeReply } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'

async function moderated(db: Db, viewer: Viewer, id: number) {
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  authorise(viewer, 'moderate', guide)
  return { row, guide }
}

/** Moves a comment to a moderator's state: its flags settled, its event sent, the action audited. */
async function moderate(
  db: Db,
  viewer: Viewer,
  id: number,
  change: {
    state: 'hidden' | 'published'
    reason: string | null
    reasonCode: HideReason | null
    action: (was: string) => AuditAction
  },
) {
  const { row, guide } = await moderated(db, viewer, id)
  const told = await withTransaction(db, async (tx) => {
    // Two moderators at once: the second finds the state the first left, and changes nothing.
    const now = await lockState(tx, id)
    if (now === change.state)
      throw change.state === 'hidden'
        ? alreadyHidden()
        : new DomainError('not-held', 'This comment is not hidden or waiting.')
    await updateComment(tx, id, {
      state: change.state,
      hiddenReason: change.reason,
      hiddenReasonCode: change.reasonCode,
    })
    await resolveFlags(tx, id)
    await recordEvent(tx, row.editionId, 'comment.updated', id)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: change.action(row.state),
      guideId: guide.id,
      subject: String(id),
      // The public moderation log is read from these entries: the code and words, never the comment's.
      detail: { reason: change.reason, reasonCode: change.reasonCode, was: row.state },
    })
    // A reply held for approval tells its thread once it shows (a restored one was told already).
    return change.state === 'published' ? noticeReply(tx, id) : []
  })
  announceEvents(db, row.editionId)
  announceNotices(db, told)
  // Approved or restored, it counts for campaigns again (hidden, campaigns leave it out as they read).
  if (change.state === 'published') await placeInCampaign(db, id)
  const updated = await findComment(db, id)
  return updated ? commentView(updated, guide, viewer, true) : undefined
}

/**
 * Hides a comment with a reason code and words its author sees; it stays in the record, and the guide's
 * public moderation log shows when, where and why (never the words hidden, nor who wrote them).
 */
export async function hideComment(db: Db, viewer: Viewer, id: number, why: Hide) {
  const { row } = await moderated(db, viewer, id)
  if (row.state === 'withdrawn')
    throw new DomainError('comment-withdrawn', 'Its author has withdrawn this comment.')
  // Hidden already, it stays as it was, and the public log holds one entry for it (as restoring twice).
  if (row.state === 'hidden') throw alreadyHidden()
  return moderate(db, viewer, id, {
    state: 'hidden',
    reason: why.reason,
    reasonCode: why.reasonCode,
    action: () => 'comment.hidden',
  })
}

const alreadyHidden = () => new DomainError('already-hidden', 'This comment is hidden already.')

/**
 * Publishes a pending comment, or restores a hidden one; either way its flags are settled. `only` holds
 * a form to the one it offered (approve, restore), so a page gone stale cannot do the other.
 */
export async function restoreComment(db: Db, viewer: Viewer, id: number, only?: 'hidden' | 'pending') {
  const { row } = await moderated(db, viewer, id)
  if (row.state !== 'hidden' && row.state !== 'pending') {
    throw new DomainError('not-held', 'This comment is not hidden or waiting.')
  }
  if (only && row.state !== only)
    throw new DomainError(
      'not-held',
      only === 'pending' ? 'This comment is not waiting for approval.' : 'This comment is not hidden.',
    )
  return moderate(db, viewer, id, {
    state: 'published',
    reason: null,
    reasonCode: null,
    action: (was) => (was === 'pending' ? 'comment.approved' : 'comment.restored'),
  })
}

/**
 * Settles a comment's open flags and leaves it as it is: the editors looked and let it stand. Audited
 * with how many flags it settled; a comment with none open (another editor got there first) is a 409.
 */
export async function dismissFlags(db: Db, viewer: Viewer, id: number) {
  const { row, guide } = await moderated(db, viewer, id)
  await withTransaction(db, async (tx) => {
    const settled = Number((await resolveFlags(tx, id)).numUpdatedRows)
    if (settled === 0) throw new DomainError('not-flagged', 'This comment has no open flags.')
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'comment.flags-dismissed',
      guideId: guide.id,
      subject: String(id),
      detail: { flags: settled, state: row.state },
    })
  })
}

/** The moderator queue of a guide: comments waiting for approval and comments with open flags. */
export async function moderationQueue(db: Db, viewer: Viewer, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'moderate', guide)
  const { pending, flagged } = await moderationWork(db, guide.id)
  const rows = new Map(
    (await findComments(db, [...pending.map((p) => p.id), ...flagged.map((f) => f.commentId)])).map((r) => [
      r.id,
      r,
    ]),
  )
  const view = (id: number) => {
    const row = rows.get(id)
    return row ? commentView(row, guide, viewer, true) : undefined
  }
  const flagsByComment = new Map<number, { reason: string; createdAt: Date }[]>()
  for (const flag of flagged)
    flagsByComment.set(flag.commentId, [
      ...(flagsByComment.get(flag.commentId) ?? []),
      { reason: flag.reason, createdAt: flag.createdAt },
    ])
  return {
    pending: pending.flatMap((p) => view(p.id) ?? []),
    flagged: [...flagsByComment].flatMap(([id, flags]) => {
      const comment = view(id)
      return comment ? [{ comment, flags }] : []
    }),
  }
}
