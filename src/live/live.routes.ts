import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { eventsAfter, findComments, lastEventId, type CommentRow } from '../comments/comment.repository.ts'
import { commentView } from '../comments/comment.service.ts'
import { getEdition } from '../guides/reading.service.ts'
import type { AppEnv, Deps } from '../http/env.ts'
import { editionNumber } from '../http/params.ts'
import { may } from '../people/policy.ts'
import type { LiveEvent } from './live-hub.ts'

const KEEP_ALIVE_MS = 20_000
const RETRY_MS = 3_000

/**
 * Server-Sent Events for an edition: new and changed comments, each with an increasing id. A client
 * reconnecting with Last-Event-ID (or `?lastEventId=`) first gets everything it missed.
 */
export const liveRoutes = ({ database: { db }, live }: Deps) =>
  new Hono<AppEnv>().get('/guides/:slug/editions/:n/events', async (c) => {
    const viewer = c.get('viewer')
    const { guide, edition } = await getEdition(
      db,
      c.req.param('slug'),
      editionNumber(c.req.param('n')),
      viewer,
    )
    const moderator = may(viewer, 'moderate', guide)
    const asked = c.req.header('last-event-id') ?? c.req.query('lastEventId')
    const since = asked && /^\d{1,15}$/.test(asked) ? Number(asked) : await lastEventId(db, edition.id)

    /** What this viewer may see of an event: all of it, only that it was hidden, or nothing. */
    const shown = (row: CommentRow) => {
      if (
        moderator ||
        row.state === 'published' ||
        row.state === 'withdrawn' ||
        row.authorId === viewer.person?.id
      ) {
        return commentView(row, guide, viewer, moderator)
      }
      return row.state === 'hidden' ? { id: String(row.id), state: 'hidden' } : undefined
    }

    return streamSSE(c, async (stream) => {
      let sent = since
      let replaying = true
      const held: LiveEvent[] = []
      const send = async (events: LiveEvent[]) => {
        for (const event of events) {
          if (event.id <= sent) continue
          sent = event.id
          const data = shown(event.comment)
          if (data)
            await stream.writeSSE({ event: event.type, id: String(event.id), data: JSON.stringify(data) })
        }
      }
      let writing = Promise.resolve()
      const unsubscribe = await live.subscribe(edition.id, since, (events) => {
        if (replaying) held.push(...events)
        else writing = writing.then(() => send(events)).catch(() => undefined)
      })
      stream.onAbort(unsubscribe)
      await stream.write(`retry: ${String(RETRY_MS)}\n\n`)
      const missed = await eventsAfter(db, edition.id, since)
      const comments = new Map(
        (
          await findComments(
            db,
            missed.flatMap((e) => (e.commentId ? [e.commentId] : [])),
          )
        ).map((r) => [r.id, r]),
      )
      await send(
        missed.flatMap((e) => {
          const comment = e.commentId ? comments.get(e.commentId) : undefined
          return comment ? [{ id: e.id, type: e.type, comment }] : []
        }),
      )
      replaying = false
      await send(held.splice(0))
      const open = () => !stream.aborted && !stream.closed
      while (open()) {
        await stream.sleep(KEEP_ALIVE_MS)
        if (open()) await stream.write(': keep-alive\n\n')
      }
      unsubscribe()
    })
  })
