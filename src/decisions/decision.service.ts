import type { Db } from '../platform/db/database.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findComment, recordEvent } from '../comments/comment.repository.ts'
import { commentEtag, commentView, withoutAgreement } from '../comments/comment.service.ts'
import { DomainError, invalid, notFound } from '../kernel/errors.ts'
import { fieldMessage, fieldMessageSaying } from '../platform/i18n/field-messages.ts'
import { findGuideById, findGuideBySlug } from '../guides/guide.repository.ts'
import { authorise, may, maySeeComment, namesFor } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  decidableComments,
  decisionHistory,
  draftsFor,
  draftsOf,
  dropDraft,
  lockComment,
  releaseDrafts,
  writeDecision,
  writeDecisions,
  writeDraft,
  writeDrafts,
} from './decision.repository.ts'
import type { DecisionInput } from './decision.schemas.ts'
import { announceEvents } from '../live/announce.ts'
import { ifMatchHolds } from '../platform/http/conditional.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { editionById } from '../editions/edition.repository.ts'
import { noticeDecisions } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'

/**
 * A comment with its ETag, for `GET /api/comments/:id` and for answering a decision. Its editors are
 * shown its draft decision with `drafts`; exports leave it out, since they carry released decisions only.
 */
export async function commentWithEtag(db: Db, viewer: Viewer, id: number, { drafts = false } = {}) {
  const row = await findComment(db, id, viewer.person?.id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  const moderator = may(viewer, 'moderate', guide)
  const edition = await editionById(db, row.editionId)
  const visible =
    (edition.state !== 'draft' || may(viewer, 'read-drafts', guide)) && maySeeComment(viewer, guide, row)
  if (!visible) throw notFound('That comment')
  const draft = drafts && moderator ? (await draftsFor(db, [id])).get(id) : undefined
  const shownAs = namesFor(viewer, guide, row.authorId)
  return {
    comment: commentView(row, guide, viewer, moderator, draft),
    etag: commentEtag(row, draft, row, shownAs, viewer.lang),
  }
}

/** Whether a decision is kept as a draft: as asked, else as the guide's editors chose for it. */
export const keptAsDraft = (guide: { publishByDefault: boolean }, input: { draft?: boolean | undefined }) =>
  input.draft ?? !guide.publishByDefault

/** A duplicate names another top-level comment of the same guide; other decisions name none. */
export async function checkDuplicate(db: Db, guideId: number, ids: readonly number[], input: DecisionInput) {
  if (input.decision !== 'duplicate') {
    if (input.duplicateOf !== undefined)
      throw invalid('Only a duplicate names another comment.', [
        { pointer: '/duplicateOf', detail: fieldMessage('field.duplicateOnly') },
      ])
    return null
  }
  if (input.duplicateOf === undefined)
    throw invalid('Say which comment this one duplicates.', [
      { pointer: '/duplicateOf', detail: fieldMessage('field.duplicateOfId') },
    ])
  const other = Number(input.duplicateOf)
  const [row] = await decidableComments(db, [other])
  if (!row || row.guideId !== guideId || row.parentId !== null || ids.includes(other))
    throw invalid('A comment duplicates another top-level comment on the same guide.', [
      {
        pointer: '/duplicateOf',
        detail: fieldMessageSaying('field.cannotDuplicate', { id: input.duplicateOf }),
      },
    ])
  return other
}

/** A withdrawn comment is its author's taking back of their words: there is nothing left to answer. */
const withdrawnNeedsNone = () =>
  new DomainError('comment-withdrawn', fieldMessage('field.withdrawnNeedsNoDecision'))

/**
 * A comment waiting for moderation is not yet part of the consultation: deciding on it now would tell its
 * author of a decision on words nobody may read, and approving it later would not. Every way of deciding
 * (one comment, in bulk, a campaign, accepting a suggestion) waits until it is approved.
 */
export const pendingNeedsApproval = () =>
  new DomainError('comment-pending', fieldMessage('field.pendingNeedsApproval'))

const stale = () => new DomainError('stale', 'Someone changed this comment since you loaded it; look again.')

/**
 * `PUT /api/comments/:id/decision`: an editor's decision and response on a top-level comment, public at
 * once or kept as a draft among the editors (see `keptAsDraft`). With If-Match, it is written only if
 * nobody changed the comment, or its draft, since (412 otherwise).
 */
export async function decide(db: Db, viewer: Viewer, id: number, input: DecisionInput, ifMatch?: string) {
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  authorise(viewer, 'decide', guide)
  if (row.parentId !== null)
    throw new DomainError('reply', 'Decisions are made on comments, not on replies to them.')
  if (row.state === 'withdrawn') throw withdrawnNeedsNone()
  if (row.state === 'pending') throw pendingNeedsApproval()
  const duplicateOf = await checkDuplicate(db, guide.id, [id], input)
  const decision = {
    commentId: id,
    decision: input.decision,
    response: input.response,
    duplicateOf,
    decidedBy: viewer.person?.id ?? 0,
  }
  const draft = keptAsDraft(guide, input)
  let told: number[] = []
  const written = await withTransaction(db, async (tx) => {
    if (ifMatch !== undefined) {
      // The draft is part of what the editor saw, so the tag is checked with the comment held still.
      const current = await lockComment(tx, id)
      const tag = commentEtag(current, (await draftsFor(tx, [id])).get(id))
      if (!ifMatchHolds(ifMatch, tag, withoutAgreement)) return false
    }
    if (draft) {
      // Nothing public changes, so no event: streams and the comment's public tag stay as they were.
      await writeDraft(tx, decision)
    } else {
      await writeDecision(tx, decision)
      await dropDraft(tx, id)
      await recordEvent(tx, row.editionId, 'comment.decided', id)
      told = await noticeDecisions(tx, [id], viewer.person?.id ?? null)
    }
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: draft ? 'comment.decision-drafted' : 'comment.decided',
      guideId: guide.id,
      subject: String(id),
      detail: { decision: input.decision, was: row.decision },
    })
    return true
  })
  if (!written) throw stale()
  if (!draft) announceEvents(db, row.editionId)
  announceNotices(db, told)
  return commentWithEtag(db, viewer, id, { drafts: true })
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
    const pointer = `/commentIds/${String(index)}`
    if (!row || row.guideId !== guide.id || row.parentId !== null)
      return [{ pointer, detail: fieldMessage('field.notDecisionComment') }]
    if (row.state === 'withdrawn')
      return [{ pointer, detail: fieldMessage('field.withdrawnNeedsNoDecision') }]
    return row.state === 'pending' ? [{ pointer, detail: fieldMessage('field.pendingNeedsApproval') }] : []
  })
  if (errors.length > 0) throw invalid('Some of these comments cannot take a decision here.', errors)
  const duplicateOf = await checkDuplicate(db, guide.id, unique, input)
  const draft = keptAsDraft(guide, input)
  const decision = {
    decision: input.decision,
    response: input.response,
    duplicateOf,
    decidedBy: viewer.person?.id ?? 0,
  }
  // A fixed number of statements however many comments: the decisions (or drafts), the audit line, and
  // the authors' notices (see noticeDecisions), all in one transaction.
  const told = await withTransaction(db, async (tx) => {
    if (draft) await writeDrafts(tx, unique, decision)
    else await writeDecisions(tx, unique, decision)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: draft ? 'comment.decision-drafted' : 'comment.decided',
      guideId: guide.id,
      subject: unique.join(','),
      detail: { decision: input.decision, count: unique.length },
    })
    return draft ? [] : noticeDecisions(tx, unique, viewer.person?.id ?? null)
  })
  announceNotices(db, told)
  if (!draft) for (const editionId of new Set(rows.map((row) => row.editionId))) announceEvents(db, editionId)
  return { decided: unique.map(String) }
}

/**
 * `POST /api/guides/:slug/decisions/release`: the guide's draft decisions (those of `ids`, when given)
 * become public, each with the `comment.decided` event a decision saved in public has, all or none. An
 * id that has no draft of this guide is refused, so a release never half-happens.
 */
export async function releaseDecisions(db: Db, viewer: Viewer, slug: string, ids?: readonly number[]) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'decide', guide)
  const released = await withTransaction(db, async (tx) => {
    if (ids) {
      const drafted = new Set((await draftsOf(tx, guide.id, ids)).map((d) => d.commentId))
      const errors = ids.flatMap((id, index) =>
        drafted.has(id)
          ? []
          : [{ pointer: `/ids/${String(index)}`, detail: fieldMessage('field.notDraftDecision') }],
      )
      if (errors.length > 0)
        throw invalid('Some of these comments have no draft decision to release.', errors)
    }
    const rows = await releaseDrafts(tx, guide.id, ids)
    if (rows.length > 0)
      await recordAudit(tx, {
        actorId: viewer.person?.id ?? null,
        action: 'comment.decisions-released',
        guideId: guide.id,
        subject: rows.map((r) => r.id).join(','),
        detail: { count: rows.length },
      })
    const told = await noticeDecisions(
      tx,
      rows.map((r) => r.id),
      viewer.person?.id ?? null,
    )
    return { rows, told }
  })
  announceNotices(db, released.told)
  for (const editionId of new Set(released.rows.map((row) => row.editionId))) announceEvents(db, editionId)
  return { released: released.rows.map((row) => String(row.id)) }
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
    // A comment's decisions are few: they come whole, one page.
    next: null,
  }
}
