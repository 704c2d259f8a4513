import type { Db } from '../platform/db/database.ts'
import { countByBlock, findComments } from '../comments/comment.repository.ts'
import { placementsOf } from '../comments/anchor.repository.ts'
import { findGuideById } from '../guides/guide.repository.ts'
import { draftsFor } from '../decisions/decision.repository.ts'
import { eventsAfter, guideOfEdition, lastPosition, sequenceEvents } from './event.repository.ts'
import type { LiveEvent } from './live-hub.ts'

/** Events read at once; a reader further behind reads several pages. */
const PAGE = 500

/**
 * A page of an edition's numbered events after position `after`, each with its comment and its block's
 * count (one query for the page's blocks, however many events); `last` is the newest position read
 * (`after` when there is none) and `more` says another page may follow.
 */
export async function eventsPage(db: Db, editionId: number, after: number) {
  const events = await eventsAfter(db, editionId, after, PAGE)
  const found = await findComments(
    db,
    events.flatMap((e) => (e.commentId ? [e.commentId] : [])),
  )
  // A comment carried here from an earlier edition (or a reply to one) shows on the block it was placed
  // on in this edition: its event names that block, and carries that block's count.
  const tops = found.flatMap((c) => (c.editionId === editionId ? [] : [c.parentId ?? c.id]))
  const placed = new Map(
    (await placementsOf(db, editionId, [...new Set(tops)])).map((p) => [p.commentId, p.blockKey]),
  )
  const comments = new Map(
    found.map((c) => {
      const key = c.editionId === editionId ? null : placed.get(c.parentId ?? c.id)
      return [c.id, key ? { ...c, blockKey: key } : c]
    }),
  )
  const guideId = comments.values().next().value?.guideId
  const guide = guideId === undefined ? undefined : await findGuideById(db, guideId)
  const names = guide?.names ?? 'none'
  const retentionAppliedAt = guide?.retentionAppliedAt ?? null
  const drafts = await draftsFor(db, [...comments.keys()])
  const keys = [...new Set([...comments.values()].flatMap((c) => (c.blockKey === null ? [] : [c.blockKey])))]
  const counts =
    keys.length === 0 ? new Map<string | null, number>() : await countByBlock(db, editionId, keys)
  const live = events.flatMap((e): LiveEvent[] => {
    const comment = e.commentId ? comments.get(e.commentId) : undefined
    if (!comment) return []
    const blockCount = comment.blockKey === null ? undefined : (counts.get(comment.blockKey) ?? 0)
    return [
      {
        id: e.position,
        type: e.type,
        comment,
        blockCount,
        names,
        retentionAppliedAt,
        draft: drafts.get(comment.id),
      },
    ]
  })
  return { events: live, last: events[events.length - 1]?.position ?? after, more: events.length === PAGE }
}

/** Numbers the events committed since the last call; answers the editions that have new ones. */
export const numberNewEvents = (db: Db) => sequenceEvents(db)

/** The newest event position of an edition's guide: where a stream that asks for nothing missed starts. */
export const streamStart = (db: Db, guideId: number) => lastPosition(db, guideId)

/** The guide of an edition: a stream on any of its editions may show that edition's comments. */
export const editionGuide = (db: Db, editionId: number) => guideOfEdition(db, editionId)
