import type { Tx } from '../platform/db/transaction.ts'
import { writeNotices, type NoticeInput } from './notice.service.ts'
import {
  commentsForNotice,
  editionForNotice,
  landedComments,
  mayReadEdition,
  peopleOfGuide,
  previousEdition,
  readersAmong,
  readingRights,
  revisedBlocks,
  threadAuthors,
  type RevisedBlock,
} from './notice.repository.ts'
import { paragraphFollowers } from './follow.repository.ts'
import { isPublished } from '../people/policy.ts'
import { redlineParts, type RedlinePart } from '../lineage/redline.ts'

/**
 * The notices Gloss writes, each in the transaction of what caused it, to people who may see what it is
 * about at that moment, never to the person who did it. Each answers the people it wrote to, for the
 * caller to announce once the transaction has committed (notice-announce.ts).
 */

const written = async (tx: Tx, notices: NoticeInput[]) =>
  (await writeNotices(tx, notices)).map((row) => row.personId)

/**
 * A published reply: its parent's author, the thread's first author and everyone who replied in the
 * thread before it are told (replying follows the thread). Called when the reply is posted published,
 * and again when a moderator approves one held back (once each, by its dedupe key).
 */
export async function noticeReply(tx: Tx, replyId: number): Promise<number[]> {
  const [reply] = await commentsForNotice(tx, [replyId])
  // A reply kept for the editors tells nobody: a notice would show it to someone who may not see it.
  if (!reply || reply.parentId === null || !isPublished(reply)) return []
  const thread = await threadAuthors(tx, reply.id)
  const told = [reply.parentAuthorId, ...thread.authorIds].filter(
    (id): id is number => id !== null && id !== reply.authorId,
  )
  const readers = await readersAmong(tx, reply.guideId, reply.editionState, told)
  return written(
    tx,
    [...readers].map((personId) => ({
      personId,
      guideId: reply.guideId,
      type: 'comment.replied',
      subject: {
        commentId: reply.id,
        parentId: reply.parentId,
        blockKey: reply.blockKey,
        blockNumber: reply.blockNumber,
        editionNumber: reply.editionNumber,
        mine: personId === reply.parentAuthorId,
        thread: personId === thread.starterId ? 'started' : 'joined',
      },
      dedupeKey: `comment.replied:${String(reply.id)}`,
    })),
  )
}

/** Decisions that just became public: each comment's author is told (once per decision made). */
export async function noticeDecisions(tx: Tx, ids: readonly number[], actorId: number | null) {
  const comments = (await commentsForNotice(tx, ids)).filter(
    (comment) => comment.state === 'published' && comment.authorId !== actorId,
  )
  // Who may read what, asked once for every author of the batch.
  const rights = await readingRights(
    tx,
    comments.map((comment) => comment.authorId),
  )
  const notices: NoticeInput[] = []
  for (const comment of comments) {
    if (!mayReadEdition(rights.get(comment.authorId), comment.guideId, comment.editionState)) continue
    notices.push({
      personId: comment.authorId,
      guideId: comment.guideId,
      type: 'comment.decided',
      subject: {
        commentId: comment.id,
        blockKey: comment.blockKey,
        blockNumber: comment.blockNumber,
        editionNumber: comment.editionNumber,
        decision: comment.decision,
      },
      // The version moves with each decision, so a decision changed later is told again.
      dedupeKey: `comment.decided:${String(comment.id)}:${String(comment.version)}`,
    })
  }
  return written(tx, notices)
}

/**
 * The paragraphs of the edition before that this edition changed: each follower of one is told how,
 * where its words went and where their own comments on it landed. A new edition is a draft, so at
 * first only followers who read drafts are told; the rest when it opens or is published.
 */
export async function noticeRevisedBlocks(tx: Tx, editionId: number, actorId: number | null) {
  const edition = await editionForNotice(tx, editionId)
  const previous = await previousEdition(tx, edition.guideId, edition.number)
  if (!previous) return []
  const blocks = await revisedBlocks(tx, editionId, previous.id)
  const follows = (
    await paragraphFollowers(
      tx,
      edition.guideId,
      blocks.map((b) => b.fromKey),
    )
  ).filter((f) => f.personId !== actorId)
  const readers = await readersAmong(
    tx,
    edition.guideId,
    edition.state,
    follows.map((f) => f.personId),
  )
  const landed = await landedComments(tx, editionId, previous.id, [...readers])
  const byKey = new Map(blocks.map((b) => [b.fromKey, b]))
  // One redline a paragraph, whoever follows it: its words before against the words it went to.
  const redlines = new Map(blocks.map((b) => [b.fromKey, blockRedline(b)]))
  return written(
    tx,
    follows.flatMap(({ personId, blockKey }) => {
      const block = blockKey === null ? undefined : byKey.get(blockKey)
      if (!block || !readers.has(personId)) return []
      return [
        {
          personId,
          guideId: edition.guideId,
          type: 'block.revised' as const,
          subject: {
            blockKey: block.fromKey,
            blockNumber: block.fromNumber,
            fromEdition: previous.number,
            editionNumber: edition.number,
            change: block.change,
            to: block.to,
            redline: redlines.get(block.fromKey) ?? [],
            comments: landed
              .filter((c) => c.authorId === personId && c.fromKey === block.fromKey)
              .map((c) => ({
                commentId: c.id,
                // Where it shows now; a comment decided before stays with its decision, and is said so.
                carried: c.shown,
                blockKey: c.shown ? c.toKey : null,
                blockNumber: c.shown ? c.toNumber : null,
                decision: c.decision,
                response: c.response,
              })),
          },
          dedupeKey: `block.revised:${String(editionId)}:${block.fromKey}`,
        },
      ]
    }),
  )
}

/**
 * A revised paragraph's words as the redline page marks them: against the blocks it went to, read in
 * order (a split paragraph against its pieces together), or all struck out where it was removed.
 */
const blockRedline = (block: RevisedBlock): RedlinePart[] =>
  block.change === 'removed' || block.toTexts.length === 0
    ? [{ text: block.fromText, change: 'del' }]
    : redlineParts(block.fromText, block.toTexts.join(' '))

/** An edition opened for consultation: the guide's people (invited, following) are told, once. */
export async function noticeOpened(tx: Tx, editionId: number, actorId: number | null) {
  const edition = await editionForNotice(tx, editionId)
  const people = (await peopleOfGuide(tx, edition.guideId)).filter((id) => id !== actorId)
  const readers = await readersAmong(tx, edition.guideId, edition.state, people)
  return written(
    tx,
    [...readers].map((personId) => ({
      personId,
      guideId: edition.guideId,
      type: 'consultation.opened',
      subject: { editionNumber: edition.number, opensAt: edition.opensAt, closesAt: edition.closesAt },
      dedupeKey: `consultation.opened:${String(editionId)}`,
    })),
  )
}

/** An edition published: the guide's people, its followers and everyone who commented on it, once. */
export async function noticePublished(tx: Tx, editionId: number, actorId: number | null) {
  const edition = await editionForNotice(tx, editionId)
  const people = (await peopleOfGuide(tx, edition.guideId, { commenters: true })).filter(
    (id) => id !== actorId,
  )
  const readers = await readersAmong(tx, edition.guideId, edition.state, people)
  return written(
    tx,
    [...readers].map((personId) => ({
      personId,
      guideId: edition.guideId,
      type: 'edition.published',
      subject: { editionNumber: edition.number },
      dedupeKey: `edition.published:${String(editionId)}`,
    })),
  )
}
