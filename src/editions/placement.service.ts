import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { DomainError, invalid, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { recordEvent } from '../comments/comment.repository.ts'
import { editionsOfGuide, findEdition, findGuideBySlug } from '../guides/guide.repository.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { blockOfEdition, keyOfNumber, lockPlacement, movePlacement } from './placement.repository.ts'
import { findQuoteInBlock, quoteLanguageOf } from './quote-finding.service.ts'
import { fieldMessage, fieldMessageSaying } from '../platform/i18n/field-messages.ts'

const newestNumber = async (db: Db, guideId: number) =>
  Math.max(...(await editionsOfGuide(db, guideId)).map((e) => e.number))

/**
 * Why comments cannot be placed in this edition, if they cannot: the thread pages offer the form only
 * where this says nothing, so an editor is never offered a control that can only be refused.
 */
export function placingRefusal(
  edition: { number: number; state: string },
  newest: number,
): DomainError | undefined {
  if (edition.state === 'published')
    return new DomainError(
      'edition-published',
      'A published edition never changes; place comments before publishing it.',
    )
  // A later edition was made from this one's placements: moving a comment here would leave it where it
  // was there, so the two editions would disagree about it. Comments are placed in the newest edition.
  if (newest > edition.number)
    return new DomainError(
      'newer-edition-exists',
      `Edition ${String(newest)} was made after edition ${String(edition.number)}: place comments in edition ${String(newest)}.`,
    )
  return undefined
}

/** Whether an editor may place comments in this edition of a guide now (see placingRefusal). */
export const placingAllowed = async (db: Db, guideId: number, edition: { number: number; state: string }) =>
  placingRefusal(edition, await newestNumber(db, guideId)) === undefined

/**
 * An editor places a comment carried into an edition on another of its blocks, or under "comments on
 * removed text" (null), where lineage put it somewhere else. Its quote is found again in the block it
 * goes to. Only carried comments move (one written on the edition stays on its block), and a published
 * edition never changes. Audited, and recorded as an event so the margin counts follow at once.
 */
export async function placeComment(
  db: Db,
  viewer: Viewer,
  place: { slug: string; number: number; commentId: number; blockKey: string | null },
) {
  const guide = await findGuideBySlug(db, place.slug)
  if (!guide) throw notFound(`The guide "${place.slug}"`)
  authorise(viewer, 'edit', guide)
  const edition = await findEdition(db, guide.id, place.number)
  if (!edition) throw notFound(`Edition ${String(place.number)} of "${place.slug}"`)
  const refusal = placingRefusal(edition, await newestNumber(db, guide.id))
  if (refusal) throw refusal
  return withTransaction(db, async (tx) => {
    const placed = await lockPlacement(tx, place.commentId, edition.id)
    if (!placed || placed.guideId !== guide.id)
      throw notFound(
        `A comment carried into edition ${String(place.number)} with id ${String(place.commentId)}`,
      )
    const block = place.blockKey === null ? null : await blockOfEdition(tx, edition.id, place.blockKey)
    if (place.blockKey !== null && !block)
      throw invalid('That paragraph is not in this edition.', [
        {
          pointer: '/blockKey',
          detail: fieldMessageSaying('field.noParagraphKey', {
            number: String(place.number),
            key: place.blockKey,
          }),
        },
      ])
    // The words as last found, so that placing it back where it was finds them as before, in the
    // text of their language.
    const looked = placed.placedQuote ?? placed.quote
    const quote =
      looked &&
      (await findQuoteInBlock(
        tx,
        looked,
        await quoteLanguageOf(tx, place.commentId),
        edition.id,
        block ?? undefined,
      ))
    await movePlacement(tx, {
      commentId: place.commentId,
      editionId: edition.id,
      blockKey: place.blockKey,
      quote,
    })
    await recordEvent(tx, edition.id, 'comment.placed', place.commentId)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'comment.placed',
      guideId: guide.id,
      subject: String(place.commentId),
      detail: {
        edition: edition.number,
        from: placed.blockKey,
        fromNumber: placed.blockNumber,
        to: place.blockKey,
        toNumber: block?.number ?? null,
      },
    })
    return {
      commentId: String(place.commentId),
      edition: edition.number,
      anchor: {
        blockKey: place.blockKey,
        placedBy: 'editor' as const,
        quote: quote?.status ? { ...quote.quote, status: quote.status } : null,
      },
    }
  })
}

/**
 * The editor's form names the paragraph by the number its margin shows (or none, for "comments on
 * removed text"); the same placing then follows.
 */
export async function placeCommentByNumber(
  db: Db,
  viewer: Viewer,
  place: { slug: string; number: number; commentId: number; paragraph: string | null },
) {
  let blockKey: string | null = null
  if (place.paragraph !== null) {
    const guide = await findGuideBySlug(db, place.slug)
    if (!guide) throw notFound(`The guide "${place.slug}"`)
    authorise(viewer, 'edit', guide)
    // An empty number must not read as "comments on removed text": that is the other button's, on purpose.
    if (place.paragraph.trim() === '')
      throw invalid('Say which paragraph to place the comment on.', [
        { pointer: '/paragraph', detail: fieldMessage('field.paragraphRequired') },
      ])
    const edition = await findEdition(db, guide.id, place.number)
    if (!edition) throw notFound(`Edition ${String(place.number)} of "${place.slug}"`)
    blockKey = (await keyOfNumber(db, edition.id, place.paragraph)) ?? null
    if (blockKey === null)
      throw invalid('That paragraph is not in this edition.', [
        {
          pointer: '/paragraph',
          detail: fieldMessageSaying('field.noParagraphNumber', {
            number: String(place.number),
            paragraph: place.paragraph,
          }),
        },
      ])
  }
  return placeComment(db, viewer, { ...place, blockKey })
}
