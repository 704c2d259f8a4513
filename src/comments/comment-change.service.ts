import type { z } from 'zod'
import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { takesComments } from '../editions/transition.service.ts'
import { DomainError, forbidden, invalid, notFound, unauthenticated } from '../kernel/errors.ts'
import { findGuideById } from '../guides/guide.repository.ts'
import { getEdition } from '../guides/reading.service.ts'
import { announceEvents } from '../live/announce.ts'
import { signUpOpen } from '../people/account.service.ts'
import { may, maySeeComment } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { checkContent, trueQuote, type CommentPlace } from './comment-content.ts'
import type { Quote } from '../platform/db/schema.ts'
import { ifMatchHolds } from '../platform/http/conditional.ts'
import { draftsFor, lockComment } from '../decisions/decision.repository.ts'
import { countCommentWrite } from './comment-limits.ts'
import {
  findComment,
  insertFlag,
  recordEvent,
  saveRevision,
  unpublishReplies,
  updateComment,
  type CommentRow,
} from './comment.repository.ts'
import { UNPUBLISHED } from '../live/event-types.ts'
import type { CommentEdit } from './comment.schemas.ts'
import { blockPlace, commentEtag, viewOf, withoutAgreement } from './comment.service.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { proposedWording } from './suggestion.service.ts'
import { placeInCampaign } from '../campaigns/campaign-grouping.service.ts'
import { editionById } from '../editions/edition.repository.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { codeMeaning } from '../platform/i18n/problem-words.ts'

/**
 * The author's own comment, while its edition takes comments and the author may still comment on its
 * guide. The viewer's roles are read afresh on every request (http/session.ts), so a reviewer whose role
 * was taken away can no more change what they wrote than post something new.
 */
async function ownEditable(db: Db, viewer: Viewer, id: number) {
  const person = viewer.person
  if (!person) throw unauthenticated()
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  const moderator = may(viewer, 'moderate', guide)
  if (row.authorId !== person.id) throw forbidden('Only its author can change a comment.')
  if (!may(viewer, 'comment', { id: guide.id, openSignUp: await signUpOpen(db) }))
    throw forbidden('You no longer take part in this consultation, so your comments stay as they are.')
  if (row.state === 'withdrawn' || row.state === 'hidden')
    throw new DomainError('comment-closed', `This comment is ${row.state}.`)
  const edition = await editionById(db, row.editionId)
  if (!takesComments(edition))
    throw new DomainError('consultation-closed', 'The consultation is closed, so comments stay as they are.')
  return { row, guide, person, moderator }
}

/**
 * Edits keep the earlier wording in comment_revisions. The new words pass the very checks posting
 * makes (comment-content.ts) and count against the same kind of limit. On a pre-moderated guide an edit
 * by its author goes back to the moderators: what they approved is not what would now be shown.
 */
export async function editComment(
  db: Db,
  config: Config,
  viewer: Viewer,
  id: number,
  given: z.infer<typeof CommentEdit>,
  ifMatch?: string,
) {
  const { row, guide, person, moderator } = await ownEditable(db, viewer, id)
  const place = row.blockKey === null ? null : await blockPlace(db, row.editionId, row.blockKey)
  // Values the comment already has change nothing: an edit of nothing but those keeps no revision, is
  // not counted and leaves the comment (its tag included) as it was.
  const input = changesOnly(row, given, place)
  if (Object.keys(input).length === 0) {
    if (!ifMatchHolds(ifMatch, await commentTag(db, row, moderator), withoutAgreement)) throw stale()
    return viewOf(db, id, guide, viewer, moderator)
  }
  const rewords =
    input.body !== undefined ||
    input.kind !== undefined ||
    input.quote !== undefined ||
    input.proposal !== undefined
  // A released decision answers these very words: changed now, the decision would stand beside words no
  // editor has read. Whether it is published, whom it speaks for and its language may still change, and
  // withdrawing stays open (a person may always take their words back).
  if (rewords && row.decision !== 'open')
    throw new DomainError('comment-decided', codeMeaning('en', 'comment-decided'))
  await countCommentWrite(db, config, { ...viewer, person }, 'edit')
  // A suggestion's quote must stay in the edition's own text, whether or not this edit changes its kind.
  const { html } = await checkContent(place, { ...input, kind: input.kind ?? row.kind })
  // The wording is checked again against the quote and kind the comment will have after the edit.
  const respells = input.kind !== undefined || input.quote !== undefined || input.proposal !== undefined
  const proposed = respells
    ? await proposedWording(
        db,
        {
          kind: input.kind ?? row.kind,
          quote: input.quote === undefined ? row.quote : input.quote,
          proposal:
            input.proposal ??
            ((input.kind ?? row.kind) === 'suggestion' ? (row.proposal ?? undefined) : undefined),
        },
        { editionId: row.editionId, blockKey: row.blockKey, reply: row.parentId !== null },
      )
    : undefined
  // Whether it may be published, whom it speaks for and which language it is in are not its words:
  // changing only those keeps no revision and, on a pre-moderated guide, does not send it back to the
  // moderators.
  const consentOnly =
    !rewords && (input.public !== undefined || input.onBehalfOf !== undefined || input.lang !== undefined)
  const held = guide.moderation === 'pre' && !moderator && !consentOnly
  const consent = await consentChange(db, row, input)
  await withTransaction(db, async (tx) => {
    // With If-Match, written only if the comment is still the one its tag names (what its author read).
    if (
      ifMatch !== undefined &&
      !ifMatchHolds(ifMatch, await commentTag(tx, await lockComment(tx, id), moderator), withoutAgreement)
    )
      throw stale()
    if (!consentOnly)
      await saveRevision(tx, {
        id,
        body: row.body,
        html: row.html,
        quote: row.quote,
        kind: row.kind,
        proposal: row.proposal,
      })
    await updateComment(tx, id, {
      ...(input.body === undefined ? {} : { body: input.body, html }),
      ...(input.kind === undefined ? {} : { kind: input.kind }),
      ...(input.quote === undefined ? {} : { quote: input.quote }),
      ...(proposed ?? {}),
      ...(held ? { state: 'pending' as const } : {}),
      ...(input.lang === undefined ? {} : { lang: input.lang }),
      ...consent.values,
    })
    // Kept for the editors, its replies are too: published, they would stand alone in the thread.
    if (consent.unpublishes) await unpublishReplies(tx, id)
    await recordEvent(tx, row.editionId, consent.unpublishes ? UNPUBLISHED : 'comment.updated', id)
  })
  announceEvents(db, row.editionId)
  // New words may make it one of a campaign (a member stays in the campaign it is in).
  if (input.body !== undefined) await placeInCampaign(db, id)
  return viewOf(db, id, guide, viewer, moderator)
}

const stale = () => new DomainError('stale', 'Someone changed this comment since you loaded it; look again.')

/** The comment's tag as its GET gives it to this viewer (an editor's includes a draft decision). */
async function commentTag(db: Db, row: { id: number; version: number }, moderator: boolean) {
  return commentEtag(row, moderator ? (await draftsFor(db, [row.id])).get(row.id) : undefined)
}

/**
 * An edit's fields that would change the comment: those left out, and those equal to what it has, go.
 * A quote is compared as it would be stored (its prefix and suffix the paragraph's own, comment-content.ts).
 */
function changesOnly(row: CommentRow, input: z.infer<typeof CommentEdit>, place: CommentPlace) {
  const quote = input.quote ? trueQuote(input.quote, place) : input.quote
  const sameQuote = (a: Quote | null, b: Quote | null) =>
    a === null || b === null ? a === b : a.exact === b.exact && a.prefix === b.prefix && a.suffix === b.suffix
  const changes: z.infer<typeof CommentEdit> = {}
  if (input.kind !== undefined && input.kind !== row.kind) changes.kind = input.kind
  if (input.body !== undefined && input.body !== row.body) changes.body = input.body
  if (quote !== undefined && !sameQuote(quote, row.quote)) changes.quote = quote
  if (input.proposal !== undefined && input.proposal !== row.proposal) changes.proposal = input.proposal
  if (input.public !== undefined && input.public !== row.public) changes.public = input.public
  if (input.onBehalfOf !== undefined && (input.onBehalfOf || null) !== row.onBehalfOf)
    changes.onBehalfOf = input.onBehalfOf
  if (input.lang !== undefined && input.lang !== row.lang) changes.lang = input.lang
  return changes
}

/**
 * The consent fields of an edit: a reply may not be published while the comment it answers is kept for
 * the editors; `unpublishes` when a published comment becomes one kept for them.
 */
async function consentChange(db: Db, row: CommentRow, input: z.infer<typeof CommentEdit>) {
  const values = {
    ...(input.public === undefined ? {} : { public: input.public }),
    ...(input.onBehalfOf === undefined ? {} : { onBehalfOf: input.onBehalfOf ? input.onBehalfOf : null }),
  }
  if (input.public === true && !row.public && row.parentId !== null) {
    const parent = await findComment(db, row.parentId)
    if (parent && !parent.public)
      throw invalid('A reply to a comment kept for the editors is kept for them too.', [
        { pointer: '/public', detail: fieldMessage('field.publishedWithParent') },
      ])
  }
  return { values, unpublishes: input.public === false && row.public }
}

/** Withdrawing keeps the comment (and its words, for the record) but shows it as withdrawn. */
export async function withdrawComment(db: Db, viewer: Viewer, id: number) {
  const { row, guide, moderator } = await ownEditable(db, viewer, id)
  await withTransaction(db, async (tx) => {
    await updateComment(tx, id, { state: 'withdrawn' })
    await recordEvent(tx, row.editionId, 'comment.updated', id)
  })
  announceEvents(db, row.editionId)
  return viewOf(db, id, guide, viewer, moderator)
}

/**
 * Anyone signed in may flag a comment they can see (SPEC.md: flagging abuse is not taking part); one flag
 * per person, its reason updated, counted like other writes so a flood of them cannot fill the queue.
 */
export async function flagComment(db: Db, config: Config, viewer: Viewer, id: number, reason: string) {
  const person = viewer.person
  if (!person) throw unauthenticated('Sign in to flag a comment.')
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  if (!maySeeComment(viewer, guide, row) || (row.state !== 'published' && row.authorId !== person.id))
    throw notFound('That comment')
  const edition = await editionById(db, row.editionId)
  await getEdition(db, guide.slug, edition.number, viewer)
  await countCommentWrite(db, config, { ...viewer, person }, 'flag')
  await insertFlag(db, id, person.id, reason)
}
