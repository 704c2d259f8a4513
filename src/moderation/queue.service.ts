import type { Db } from '../platform/db/database.ts'
import { notFound } from '../kernel/errors.ts'
import { findComment, findComments } from '../comments/comment.repository.ts'
import { commentView, type CommentView } from '../comments/comment.service.ts'
import { findGuideBySlug } from '../guides/guide.repository.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { flagsByComment, queueIds, type FlagView } from './flag.repository.ts'

/** How many comments each list of the queue page shows: the oldest first, the rest once these are dealt with. */
export const QUEUE_LIMIT = 200

export type QueueItem = CommentView & { flags: FlagView[] }

/** The guide's comments that need a moderator, as one page shows them. */
export interface ModerationQueue {
  guide: { slug: string; title: string; lang: string }
  /** Waiting for approval (pre-moderation), with any flags they have. */
  pending: QueueItem[]
  /** Flagged and not yet looked at. */
  flagged: QueueItem[]
  /** Hidden, the most recent first, so one hidden by mistake can be restored. */
  hidden: QueueItem[]
  /** Which lists had more than `QUEUE_LIMIT`. */
  more: { pending: boolean; flagged: boolean; hidden: boolean }
}

/**
 * The moderation queue of a guide for its editors (and admins): pending and flagged comments with who
 * flagged each and why, and the recently hidden. Four queries, whatever the number of comments.
 */
export async function moderationQueuePage(db: Db, viewer: Viewer, slug: string): Promise<ModerationQueue> {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'moderate', guide)
  const lists = await queueIds(db, guide.id, QUEUE_LIMIT + 1)
  const flagged = lists.flagged.slice(0, QUEUE_LIMIT)
  const shown = {
    pending: lists.pending.slice(0, QUEUE_LIMIT),
    flagged,
    // A hidden comment flagged since (only its author can) is listed once, with its flags.
    hidden: lists.hidden.slice(0, QUEUE_LIMIT).filter((id) => !flagged.includes(id)),
  }
  const ids = [...new Set([...shown.pending, ...shown.flagged, ...shown.hidden])]
  const [rows, flags] = await Promise.all([
    findComments(db, ids),
    flagsByComment(db, ids, viewer.lang ?? 'en'),
  ])
  const byId = new Map(rows.map((row) => [row.id, row]))
  const items = (list: number[]) =>
    list.flatMap((id): QueueItem[] => {
      const row = byId.get(id)
      return row ? [{ ...commentView(row, guide, viewer, true), flags: flags.get(String(id)) ?? [] }] : []
    })
  return {
    guide: { slug: guide.slug, title: guide.title, lang: guide.lang },
    pending: items(shown.pending),
    flagged: items(shown.flagged),
    hidden: items(shown.hidden),
    more: {
      pending: lists.pending.length > QUEUE_LIMIT,
      flagged: lists.flagged.length > QUEUE_LIMIT,
      hidden: lists.hidden.length > QUEUE_LIMIT,
    },
  }
}

/**
 * Before a queue form acts: the viewer moderates this guide, and the comment is one of its own. A form
 * naming another guide's comment is refused (404) with nothing done, as if the comment were not there.
 */
export async function checkQueueAction(db: Db, viewer: Viewer, slug: string, id: number) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'moderate', guide)
  const comment = await findComment(db, id)
  if (comment?.guideId !== guide.id) throw notFound('That comment')
}
