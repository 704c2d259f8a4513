import type { Db } from '../platform/db/database.ts'
import type { EditionState } from '../kernel/words.ts'
import { conflict, DomainError, invalid, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findEdition, findGuideBySlug } from '../guides/guide.repository.ts'
import { followRevisedTitle } from '../guides/revised-title.service.ts'
import { undecidedCount, unreleasedDraftCount } from '../decisions/triage.repository.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import {
  lockGuide,
  moveEdition,
  newerOpenOrPublished,
  newerPublished,
  openBefore,
} from './edition.repository.ts'
import {
  noticeOpened,
  noticePublished,
  noticeRevisedBlocks,
} from '../notifications/notice-writers.service.ts'
import { announceEditionMoved } from '../live/announce.ts'
import { announceNotices } from '../notifications/notice-announce.ts'
import { fieldMessage, type FieldMessageKey } from '../platform/i18n/field-messages.ts'

/** SPEC.md's transitions: a draft opens or is published; an open edition closes; a closed one reopens or is published. */
export const ALLOWED: Record<EditionState, readonly EditionState[]> = {
  draft: ['open', 'published'],
  open: ['closed'],
  closed: ['open', 'published'],
  published: [],
}

/** Why a move ALLOWED does not list is refused, in words about the edition rather than its states' names. */
const REFUSED_MOVE: Record<string, FieldMessageKey> = {
  'draft:closed': 'field.transition.draftToClosed',
  'open:open': 'field.transition.openToOpen',
  'open:published': 'field.transition.openToPublished',
  'closed:closed': 'field.transition.closedToClosed',
  'published:open': 'field.transition.publishedToOpen',
  'published:closed': 'field.transition.publishedToClosed',
  'published:published': 'field.transition.publishedToPublished',
}

export interface Transition {
  to: 'open' | 'closed' | 'published'
  opensAt?: Date | undefined
  closesAt?: Date | undefined
}

/** The guide and edition an editor may move to `to`: 404, 401 or 403, then 409 when the move is not allowed. */
async function editionToMove(db: Db, viewer: Viewer, slug: string, number: number, to: EditionState) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'edit', guide)
  const edition = await findEdition(db, guide.id, number)
  if (!edition) throw notFound(`Edition ${String(number)} of "${slug}"`)
  // A consultation not yet begun may be given new dates, as it was opened: open → open.
  if (!ALLOWED[edition.state].includes(to) && !(to === 'open' && scheduled(edition))) {
    // Every move ALLOWED leaves out has its sentence; a draft is never asked for (Transition's `to`).
    const refusal = REFUSED_MOVE[`${edition.state}:${to}`] ?? 'field.transition.publishedToPublished'
    throw conflict(fieldMessage(refusal))
  }
  return { guide, edition }
}

/** Publishing an older text over a newer one would show the public words the editors replaced. */
async function refuseOlderThanPublished(db: Db, guideId: number, number: number) {
  const newer = await newerPublished(db, guideId, number)
  if (newer)
    throw new DomainError(
      'newer-edition-published',
      `Edition ${String(newer.number)} is already published, so edition ${String(number)} cannot be published after it.`,
    )
}

/**
 * Opening (or reopening) an edition while a later one is open or published would put two texts out
 * for comment, and let comments on the old one change a published report: opening the later one closed it.
 */
async function refuseOpeningSuperseded(db: Db, guideId: number, number: number) {
  const newer = await newerOpenOrPublished(db, guideId, number)
  if (newer)
    throw new DomainError(
      'newer-edition-open',
      `Edition ${String(newer.number)} is ${newer.state === 'open' ? 'open for comment' : 'published'}, so edition ${String(number)} cannot open again.`,
    )
}

/** What an editor is asked before a transition that cannot be quietly taken back. */
export interface TransitionQuestion {
  guide: { slug: string; title: string; lang: string }
  edition: { number: number; state: EditionState; closesAt: Date | null }
  to: 'open' | 'closed' | 'published'
  /** Earlier editions still open whose consultations this move closes (opening or publishing). */
  closes: number[]
  /** Comments showing in the edition, published and still waiting for a decision (publishing only). */
  undecided: number
  /**
   * The guide's draft decisions not yet released (publishing only): the report shows released decisions
   * only, so a suggestion accepted as a draft reads as open there although its wording is in the text.
   */
  drafts: number
}

/**
 * Whether this transition needs the editor to confirm it, and what to tell them: publishing (it cannot
 * be undone, and the report then says what became of each comment), closing a consultation before
 * its window ends (reviewers lose their say early), and opening one while an earlier edition's is still
 * open (that one closes). Refuses what `transition` would refuse, so the question is never asked about
 * a change that cannot be made.
 */
export async function transitionQuestion(
  db: Db,
  viewer: Viewer,
  slug: string,
  number: number,
  to: Transition['to'],
  now = new Date(),
): Promise<TransitionQuestion | undefined> {
  const { guide, edition } = await editionToMove(db, viewer, slug, number, to)
  const ask = (undecided: number, drafts: number, closes: number[] = []) => ({
    guide: { slug: guide.slug, title: guide.title, lang: guide.lang },
    edition: { number: edition.number, state: edition.state, closesAt: edition.closesAt },
    to,
    closes,
    undecided,
    drafts,
  })
  // Closing a consultation that has not begun takes no one's say away, and it may be opened again.
  if (to === 'closed')
    return !scheduled(edition, now) && (edition.closesAt === null || edition.closesAt > now)
      ? ask(0, 0)
      : undefined
  if (to === 'open') await refuseOpeningSuperseded(db, guide.id, number)
  const closes = (await openBefore(db, guide.id, number)).map((e) => e.number)
  if (to === 'open') return closes.length > 0 ? ask(0, 0, closes) : undefined
  await refuseOlderThanPublished(db, guide.id, number)
  const place = { guideId: guide.id, editionId: edition.id }
  const [undecided, drafts] = await Promise.all([
    undecidedCount(db, place),
    unreleasedDraftCount(db, guide.id),
  ])
  return ask(undecided, drafts, closes)
}

/**
 * One consultation at a time: when a later edition opens or is published, an earlier one still open
 * closes in the same transaction, audited as any transition. Otherwise reviewers would go on commenting
 * on a superseded text, and a published edition's report would change after publication.
 */
async function closeEarlierOpen(tx: Db, guideId: number, number: number, actorId: number | null) {
  const now = new Date()
  const closed: number[] = []
  for (const earlier of await openBefore(tx, guideId, number)) {
    // One that never opened has its schedule cancelled: no window at all (a window closes after it opens).
    const cancelled = scheduled({ state: 'open', opensAt: earlier.opensAt }, now)
    const closesAt = cancelled ? null : earlier.closesAt && earlier.closesAt < now ? earlier.closesAt : now
    const opensAt = cancelled ? null : earlier.opensAt
    if (!(await moveEdition(tx, earlier.id, 'open', { state: 'closed', opensAt, closesAt }))) continue
    await recordAudit(tx, {
      actorId,
      action: 'edition.transition',
      guideId,
      subject: `${String(earlier.number)}: open → closed`,
      detail: { opensAt, closesAt, supersededBy: number },
    })
    closed.push(earlier.id)
  }
  return closed
}

export async function transition(db: Db, viewer: Viewer, slug: string, number: number, change: Transition) {
  const { guide, edition } = await editionToMove(db, viewer, slug, number, change.to)
  // Closed before its window opened, a consultation never opened: its schedule is cancelled, no window
  // at all, rather than refused for a window the editor did not send.
  const cancelled = change.to === 'closed' && scheduled(edition)
  const opensAt = change.to === 'open' ? (change.opensAt ?? new Date()) : cancelled ? null : edition.opensAt
  const closesAt =
    change.to === 'open'
      ? (change.closesAt ?? null)
      : change.to === 'closed'
        ? cancelled
          ? null
          : new Date()
        : edition.closesAt
  if (change.to === 'open' && opensAt && closesAt && closesAt <= opensAt) {
    throw invalid('A consultation closes after it opens.', [
      { pointer: '/closesAt', detail: fieldMessage('field.closesAfterOpens') },
    ])
  }
  const result = await withTransaction(db, async (tx) => {
    // The guide's row is locked so two editions of one guide cannot be published at once past each other.
    await lockGuide(tx, guide.id)
    if (change.to === 'published') await refuseOlderThanPublished(tx, guide.id, number)
    if (change.to === 'open') await refuseOpeningSuperseded(tx, guide.id, number)
    if (edition.state === 'draft') await followRevisedTitle(tx, guide.id, edition)
    const moved = await moveEdition(tx, edition.id, edition.state, {
      state: change.to,
      opensAt,
      closesAt,
      ...(change.to === 'published' ? { publishedAt: new Date() } : {}),
    })
    // Refused inside the transaction, so what went before (the guide taking a revised title) is undone.
    if (!moved) throw conflict('Someone else changed this edition at the same time; look again.')
    const actor = viewer.person?.id ?? null
    // In the transition's own transaction: the log holds every transition made, and none that was not.
    await recordAudit(tx, {
      actorId: actor,
      action: 'edition.transition',
      guideId: guide.id,
      subject: `${String(number)}: ${edition.state} → ${change.to}`,
      detail: { opensAt, closesAt },
    })
    const closed = change.to === 'closed' ? [] : await closeEarlierOpen(tx, guide.id, number, actor)
    // Out of draft, everyone following a changed paragraph may now see the change (editors heard already).
    const told = [
      ...(edition.state === 'draft' ? await noticeRevisedBlocks(tx, edition.id, actor) : []),
      // New dates for a consultation already announced tell no one again.
      ...(change.to === 'open' && edition.state !== 'open' ? await noticeOpened(tx, edition.id, actor) : []),
      ...(change.to === 'published' ? await noticePublished(tx, edition.id, actor) : []),
    ]
    return { moved, told, closed }
  })
  announceNotices(db, result.told)
  const updated = result.moved
  announceEditionMoved(db, edition.id)
  // Pages open on an edition closed by this one stop offering to comment on it, as if closed by hand.
  for (const id of result.closed) announceEditionMoved(db, id)
  return updated
}

/** Whether an edition is open for a consultation whose window has not begun (UTC): it may be given new dates. */
export const scheduled = (edition: { state: EditionState; opensAt: Date | null }, now = new Date()) =>
  edition.state === 'open' && edition.opensAt !== null && now < edition.opensAt

/** Whether an edition takes comments at this moment: open, and inside its window (UTC). */
export const takesComments = (
  edition: { state: EditionState; opensAt: Date | null; closesAt: Date | null },
  now = new Date(),
) =>
  edition.state === 'open' &&
  (!edition.opensAt || edition.opensAt <= now) &&
  (!edition.closesAt || now < edition.closesAt)
