import { isId } from '../kernel/ids.ts'
import type { z } from 'zod'
import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import type { GuideRow } from '../platform/db/schema.ts'
import type { NamesShown } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { DomainError, forbidden, invalid, notFound, unauthenticated } from '../kernel/errors.ts'
import { carryIntoLaterEditions } from '../editions/carry-over.service.ts'
import { takesComments } from '../editions/transition.service.ts'
import { shownState } from '../kernel/shown-state.ts'
import { getEdition, readableStates } from '../guides/reading.service.ts'
import { signUpOpen } from '../people/account.service.ts'
import { isPublished, may, maySeeComment, namesFor } from '../people/policy.ts'
import { shownAuthor } from '../people/shown-name.ts'
import type { Viewer } from '../people/viewer.ts'
import { checkContent } from './comment-content.ts'
import { REMOVED } from './removed-text.ts'
import { countCommentWrite } from './comment-limits.ts'
import {
  countByBlock,
  countGeneral,
  findByIdempotencyKey,
  isPlacedAt,
  originTexts,
  findComment,
  listComments,
  type NewCommentRow,
  type CommentRow,
} from './comment.repository.ts'
import type { Counts, NewComment } from './comment.schemas.ts'
import { redlineParts } from '../lineage/redline.ts'
import { insertCommentWithEvent, postingContext } from './posting.repository.ts'
import { announceEvents } from '../live/announce.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { blockWords } from './thread.repository.ts'
import { commentsPosted } from '../platform/metrics/metrics.ts'
import { guideEventMarks } from '../live/event.repository.ts'
import { draftsFor, type DraftDecision } from '../decisions/decision.repository.ts'
import { placementsOf, quotedPhrases } from './anchor.repository.ts'
import { anchorView } from './anchor.ts'
import { decisionChanges, type DecisionChange } from './decision-change.service.ts'
import { noticeReply } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'
import { proposedWording } from './suggestion.service.ts'
import { profileOrganisation } from './thread-page.service.ts'
import { placeAfterPosting } from '../campaigns/campaign-placement.service.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

const PAGE = 50

/** A comment as every client sees it (SPEC.md's shape): ids as strings, the author as names allow. */
export function commentView(
  row: CommentRow,
  guide: Pick<GuideRow, 'id' | 'names' | 'retentionAppliedAt'>,
  viewer: Viewer,
  moderator: boolean,
  /** The comment's unreleased decision, which only the guide's moderators (its editors) are shown. */
  draft?: DraftDecision,
  /** Where its paragraph changed in a later edition, which its decision links to (decision-change.service.ts). */
  change?: DecisionChange,
) {
  const own = row.authorId === viewer.person?.id
  const shown = namesFor(viewer, guide, row.authorId)
  const withdrawn = row.state === 'withdrawn'
  return {
    id: String(row.id),
    kind: row.kind,
    body: withdrawn ? '' : row.body,
    html: withdrawn ? '' : row.html,
    quote: withdrawn ? null : row.quote,
    parentId: row.parentId === null ? null : String(row.parentId),
    blockKey: row.blockKey,
    edition: row.editionNumber,
    author: shownAuthor(row, shown, guide.names, viewer.lang),
    public: row.public,
    onBehalfOf: row.onBehalfOf,
    lang: row.lang,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    edited: row.edited,
    state: row.state,
    ...(own || moderator ? { hiddenReason: row.hiddenReason, hiddenReasonCode: row.hiddenReasonCode } : {}),
    mine: own,
    proposal: withdrawn ? null : row.proposal,
    proposalRedline: withdrawn ? null : row.proposalRedline,
    agreements: row.agreements,
    agreed: row.agreed,
    decision:
      row.parentId !== null
        ? null
        : draft && moderator
          ? {
              decision: draft.decision,
              response: draft.response,
              duplicateOf: draft.duplicateOf === null ? null : String(draft.duplicateOf),
              decidedAt: draft.decidedAt,
              draft: true as const,
              released: row.decision,
              change,
            }
          : {
              decision: row.decision,
              response: row.response,
              duplicateOf: row.duplicateOf === null ? null : String(row.duplicateOf),
              decidedAt: row.decidedAt,
              change,
            },
  }
}

/** A strong ETag that changes with every change to the comment anyone could see (edit, decision, moderation). */
export const commentEtag = (
  row: { id: number; version: number },
  draft?: { decidedAt: Date },
  agreement?: { agreements: number; agreed: boolean },
  /** How the author's name shows to this viewer, when not by their name: a guide changing it changes the tag. */
  shownAs?: NamesShown,
  /** The language a pseudonym is said in ("Adolygydd 17"): a Welsh copy is not an English one. */
  lang?: Lang,
) =>
  // A draft changes the comment only for its editors, so only their tag names it: the public's tag,
  // and their cached copies, stay as they were until the decision is released. Agreeing leaves the
  // comment's version alone, but its count (and the viewer's `agreed`) are in the answer, so in the tag.
  // How the name shows, and in which language, come last: they are the viewer's, not the comment's.
  `"c${String(row.id)}v${String(row.version)}${draft ? `d${String(draft.decidedAt.getTime())}` : ''}${
    agreement?.agreements ? `a${String(agreement.agreements)}${agreement.agreed ? 'm' : ''}` : ''
  }${shownAs && shownAs !== 'full' ? `n${shownAs}` : ''}${lang && lang !== 'en' ? `-${lang}` : ''}"`

/**
 * A tag as a decision's If-Match is held to: what the editor read of the comment itself. Someone
 * agreeing meanwhile changes the count, not what is being decided, so it is no reason to refuse; nor is
 * how the author's name shows to the editor (a pseudonym after retention), nor in which language.
 */
export const withoutAgreement = (tag: string) => tag.replace(/(a\d+m?)?(n[a-z]+)?(-[a-z]+)?"$/, '"')
export type CommentView = ReturnType<typeof commentView>

async function context(db: Db, viewer: Viewer, slug: string, number: number) {
  const { guide, edition } = await getEdition(db, slug, number, viewer)
  return { guide, edition, moderator: may(viewer, 'moderate', guide) }
}

export async function blockText(db: Db, editionId: number, key: string): Promise<string> {
  return (await blockPlace(db, editionId, key)).text
}

/** A paragraph's words in the edition's text and its translations: where an edited quote may come from. */
export async function blockPlace(db: Db, editionId: number, key: string) {
  const block = await blockWords(db, editionId, key)
  if (!block) throw notFound(`The paragraph "${key}"`)
  return block
}

export interface PostOptions {
  slug: string
  number: number
  /** A block's key, or null for the edition's general discussion. */
  blockKey: string | null
  input: z.infer<typeof NewComment>
  idempotencyKey: string | undefined
}

/**
 * Posts a comment: the window, the role and the moderation mode are the server's to enforce. The
 * comment and its event commit together; a repeated Idempotency-Key returns the first comment.
 */
export async function postComment(db: Db, config: Config, viewer: Viewer, options: PostOptions) {
  const person = viewer.person
  if (!person) throw unauthenticated('Sign in to comment.')
  const found = await postingContext(db, {
    slug: options.slug,
    number: options.number,
    blockKey: options.blockKey,
    authorId: person.id,
    idempotencyKey: options.idempotencyKey,
  })
  if (!found || !readableStates(viewer, found.guide.id).includes(found.edition.state))
    throw notFound(`Edition ${String(options.number)} of "${options.slug}"`)
  const { guide, edition } = found
  const moderator = may(viewer, 'moderate', guide)
  if (found.earlierId !== null)
    return { created: false, comment: await viewOf(db, found.earlierId, guide, viewer, moderator) }
  if (!may(viewer, 'comment', { id: guide.id, openSignUp: found.openSignUp }))
    throw forbidden('Only people invited to this consultation can comment.')
  if (!takesComments(edition)) {
    throw new DomainError(
      'consultation-closed',
      'This edition is not open for comments now; reading it still works.',
    )
  }
  const { input } = options
  if (options.blockKey !== null && found.blockText === null)
    throw notFound(`The paragraph "${options.blockKey}"`)
  const parentId = input.parentId ? Number(input.parentId) : null
  const parent =
    parentId === null
      ? undefined
      : await checkParent(db, viewer, guide, parentId, edition.id, options.blockKey)
  // A reply to a comment kept for the editors is kept for them too: published, it would stand alone.
  if (parent && !parent.public && input.public === true)
    throw invalid('A reply to a comment kept for the editors is kept for them too.', [
      { pointer: '/public', detail: fieldMessage('field.publicFalse') },
    ])
  await countCommentWrite(db, config, { ...viewer, person }, 'post')
  const { html, quote } = await checkContent(
    found.blockText === null ? null : { text: found.blockText, translations: found.translatedTexts },
    input,
  )
  const proposed = await proposedWording(
    db,
    { kind: input.kind, quote: quote ?? null, proposal: input.proposal },
    { editionId: edition.id, blockKey: options.blockKey, reply: parentId !== null },
  )
  const row: NewCommentRow = {
    guideId: guide.id,
    editionId: edition.id,
    blockKey: options.blockKey,
    parentId,
    authorId: person.id,
    kind: input.kind,
    body: input.body,
    html,
    quote: quote ?? null,
    ...proposed,
    state: guide.moderation === 'pre' && !moderator ? 'pending' : 'published',
    idempotencyKey: options.idempotencyKey ?? null,
    public: parent && !parent.public ? false : (input.public ?? guide.publishByDefault),
    onBehalfOf: input.onBehalfOf ? input.onBehalfOf : null,
    lang: input.lang ?? viewer.lang,
  }
  // A top-level comment on a paragraph of an older edition is also placed in the later ones, and a
  // published reply tells its thread's authors, in the same transaction; otherwise the comment and its
  // event (and its author following the paragraph) are one statement.
  const carried = found.hasLater && parentId === null && options.blockKey !== null
  const notifies = parentId !== null && isPublished({ state: row.state, public: row.public ?? true })
  let told: number[] = []
  const inserted =
    carried || notifies
      ? await withTransaction(db, async (tx) => {
          const comment = await insertCommentWithEvent(tx, row, edition.number)
          if (comment && carried && options.blockKey !== null)
            await carryIntoLaterEditions(tx, {
              id: comment.id,
              guideId: guide.id,
              editionNumber: edition.number,
              blockKey: options.blockKey,
              quote: row.quote,
            })
          if (comment && notifies) told = await noticeReply(tx, comment.id)
          return comment
        })
      : await insertCommentWithEvent(db, row, edition.number)
  if (inserted) {
    commentsPosted.inc()
    announceEvents(db, edition.id)
    announceNotices(db, told)
    // Grouping keeps up as comments arrive, after the answer (campaign-placement.service.ts).
    placeAfterPosting(db, inserted)
    return { created: true, comment: commentView(inserted, guide, viewer, moderator) }
  }
  // The same key raced in from another request and won: answer with its comment.
  const earlier = options.idempotencyKey
    ? await findByIdempotencyKey(db, person.id, options.idempotencyKey)
    : undefined
  if (!earlier) throw new DomainError('conflict', 'Try again.')
  return { created: false, comment: await viewOf(db, earlier.id, guide, viewer, moderator) }
}

/**
 * A reply goes to a published comment of the same thread, written on this block or carried to it, that
 * the person replying may see (one kept for the editors only by its author and the editors).
 */
async function checkParent(
  db: Db,
  viewer: Viewer,
  guide: GuideRow,
  parentId: number,
  editionId: number,
  blockKey: string | null,
) {
  const parent = await findComment(db, parentId)
  const top = parent?.parentId ?? parent?.id
  const sameThread =
    parent !== undefined &&
    ((parent.editionId === editionId && parent.blockKey === blockKey) ||
      (top !== undefined && blockKey !== null && (await isPlacedAt(db, top, editionId, blockKey))))
  if (!parent || !sameThread || parent.state !== 'published' || !maySeeComment(viewer, guide, parent)) {
    throw invalid('You can only reply to a published comment in the same thread.', [
      { pointer: '/parentId', detail: fieldMessage('field.noSuchComment') },
    ])
  }
  return parent
}

export async function viewOf(db: Db, id: number, guide: GuideRow, viewer: Viewer, moderator: boolean) {
  const row = await findComment(db, id, viewer.person?.id)
  if (!row) throw notFound('That comment')
  return commentView(row, guide, viewer, moderator)
}

/**
 * Counts by edition, with the guide's newest event position and id, and the time, when they were
 * counted: kept while neither moved.
 */
const countsKept = new Map<
  number,
  {
    stamp: number
    newestId: number
    at: number
    rows: Map<string | null, number>
    general: number
    quotes: Counts['quotes']
  }
>()
const COUNTS_KEPT = 256
/**
 * Events are numbered by whichever process next reads them (src/live/event.repository.ts), so one
 * committed while no stream is open waits unnumbered; its id moves the newest id at once. Ids are taken
 * before their transactions commit, though, so one committing just after a later id can move neither:
 * counting again after this long bounds how long that can last.
 */
const COUNTS_FRESH_MS = 10_000

/**
 * Published comments per block of an edition, and the event position they stand at: they hold every
 * event numbered up to it (read before counting), so a stream opened from it brings the page the rest.
 * Counting 100,000 comments takes tens of milliseconds, and the counts change only with an event of the
 * guide (a comment's write, moderation or decision records one in its transaction, in any server
 * process), so they are counted again only when one happened.
 */
async function publishedCounts(db: Db, guideId: number, editionId: number) {
  const { position: stamp, id: newestId } = await guideEventMarks(db, guideId)
  const kept = countsKept.get(editionId)
  if (kept && kept.stamp === stamp && kept.newestId === newestId && Date.now() - kept.at < COUNTS_FRESH_MS)
    return kept
  const at = Date.now()
  const [rows, general, phrases] = await Promise.all([
    countByBlock(db, editionId),
    countGeneral(db, editionId),
    quotedPhrases(db, editionId),
  ])
  const quotes: Counts['quotes'] = {}
  for (const { blockKey, quote, ids } of phrases)
    (quotes[blockKey] ??= []).push({ ...quote, commentIds: ids.map(String) })
  const counted = { stamp, newestId, at, rows, general, quotes }
  countsKept.delete(editionId)
  countsKept.set(editionId, counted)
  if (countsKept.size > COUNTS_KEPT) countsKept.delete(countsKept.keys().next().value ?? editionId)
  return counted
}

/**
 * The small, separate request behind the margin counts, so that the reading page itself stays the same
 * for everyone and cacheable: published comments per block and in the general discussion, whether this
 * viewer may comment now, and the event position the counts stand at, from which the page opens its
 * live stream (`?lastEventId=`) so that a comment committed in between still reaches it.
 */
export async function commentCounts(db: Db, viewer: Viewer, slug: string, number: number) {
  const { guide, edition } = await context(db, viewer, slug, number)
  const { rows, general, stamp, quotes } = await publishedCounts(db, guide.id, edition.id)
  const [openSignUp, organisation] = viewer.person
    ? await Promise.all([signUpOpen(db), profileOrganisation(db, viewer.person.id)])
    : [false, '']
  return {
    counts: Object.fromEntries(
      [...rows].flatMap(([key, count]): [string, number][] => (key === null ? [] : [[key, count]])),
    ) as Record<string, number>,
    general,
    /** Comments carried from paragraphs this edition removed, listed under their own heading. */
    removed: rows.get(null) ?? 0,
    quotes,
    mayEdit: may(viewer, 'edit', guide),
    mayModerate: may(viewer, 'moderate', guide),
    state: shownState(edition),
    opensAt: edition.opensAt?.toISOString() ?? null,
    closesAt: edition.closesAt?.toISOString() ?? null,
    takesComments: takesComments(edition),
    mayComment: takesComments(edition) && may(viewer, 'comment', { id: guide.id, openSignUp }),
    signedIn: viewer.person !== null,
    publishByDefault: guide.publishByDefault,
    organisation,
    position: stamp,
  }
}

export interface ListOptions {
  slug: string
  number: number
  /** A block's key, null for the general discussion, REMOVED for comments on removed text, or the whole edition. */
  blockKey?: string | null | typeof REMOVED
  cursor: string | undefined
}

/**
 * A page of comments the viewer may see: `{items, next}`. A comment carried from an earlier edition
 * says so (`writtenOn`), with a redline from the wording it was written on to the wording here.
 */
export async function listThread(db: Db, viewer: Viewer, options: ListOptions) {
  const { guide, edition, moderator } = await context(db, viewer, options.slug, options.number)
  const here = typeof options.blockKey === 'string' ? await blockText(db, edition.id, options.blockKey) : null
  const after = options.cursor === undefined ? undefined : cursorValue(options.cursor)
  const rows = await listComments(db, {
    editionId: edition.id,
    blockKey: options.blockKey,
    after,
    limit: PAGE,
    moderator,
    viewerId: viewer.person?.id,
  })
  const page = rows.slice(0, PAGE)
  const carried = page.filter((row) => row.editionId !== edition.id && row.parentId === null && row.blockKey)
  const origins = await originTexts(
    db,
    carried.map((row) => ({ editionId: row.editionId, blockKey: row.blockKey ?? '' })),
  )
  const originByPlace = new Map(origins.map((o) => [`${String(o.editionId)} ${o.key}`, o]))
  const originOf = (row: CommentRow) => originByPlace.get(`${String(row.editionId)} ${row.blockKey ?? ''}`)
  const drafts = moderator
    ? await draftsFor(
        db,
        page.map((row) => row.id),
      )
    : new Map<number, DraftDecision>()
  const [placed, changes] = await Promise.all([
    placementsOf(
      db,
      edition.id,
      carried.map((row) => row.id),
    ),
    decisionChanges(db, viewer, guide, page, (row) => row.decision !== 'open' || drafts.has(row.id)),
  ])
  const placements = new Map(placed.map((p) => [p.commentId, p]))
  // The whole edition's list shows carried comments on many blocks: the words of each block they show on
  // here, for their redlines, in one query (a block's thread has its one block's words already).
  const shownOn =
    options.blockKey === undefined
      ? await originTexts(
          db,
          [...new Set(placed.flatMap((p) => (p.blockKey === null ? [] : [p.blockKey])))].map((key) => ({
            editionId: edition.id,
            blockKey: key,
          })),
        )
      : []
  const textOn = new Map(shownOn.map((b) => [b.key, b.text]))
  const hereFor = (row: CommentRow) => {
    if (here !== null) return here
    const key = placements.get(row.id)?.blockKey
    return key === undefined || key === null ? null : (textOn.get(key) ?? null)
  }
  return {
    items: page.map((row) => {
      const view = commentView(row, guide, viewer, moderator, drafts.get(row.id), changes.get(row.id))
      const origin = carried.includes(row) ? originOf(row) : undefined
      if (!origin) return view
      const placement = placements.get(row.id)
      return {
        ...view,
        ...(placement ? { anchor: anchorView(placement, row.state === 'withdrawn') } : {}),
        writtenOn: {
          edition: row.editionNumber,
          number: origin.number,
          text: origin.text,
          redline: redlineAgainst(origin.text, hereFor(row)),
        },
      }
    }),
    next: rows.length > PAGE ? String(page[page.length - 1]?.id) : null,
  }
}

/** The redline from the words a comment was written on to those it shows on; none on removed text. */
const redlineAgainst = (origin: string, here: string | null) =>
  here === null ? null : redlineParts(origin, here)

function cursorValue(cursor: string): number {
  if (!isId(cursor))
    throw invalid('That cursor is not one this list gave.', [
      { pointer: '/cursor', detail: fieldMessage('field.nextValue') },
    ])
  return Number(cursor)
}
