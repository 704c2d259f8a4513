import { setTimeout as sleep } from 'node:timers/promises'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { CommentRow } from '../comments/comment.repository.ts'
import { commentView } from '../comments/comment.service.ts'
import { getEdition } from '../guides/reading.service.ts'
import type { AppEnv, Deps } from '../http/env.ts'
import { editionNumber } from '../http/params.ts'
import { may } from '../people/policy.ts'
import { lastPosition } from './event.repository.ts'
import { eventsPage, type LiveEvent } from './live-hub.ts'

const KEEP_ALIVE_MS = 20_000
const RETRY_MS = 3_000
/** When the server stops: soon enough to reach another process, or this one once it is back. */
const RECONNECT_MS = 1_000

/** Waits, unless the server starts stopping first. */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined)

/**
 * Server-Sent Events for an edition: new and changed comments, each with an increasing id (the event's
 * position, see event.repository.ts). A client reconnecting with Last-Event-ID (or `?lastEventId=`)
 * first gets everything it missed. The stream starts with the id it stands at, so even a client that
 * saw no event resumes from there. When the server stops, each stream ends with a `reconnect` event and
 * a short retry.
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
    const resumed = asked && /^\d{1,15}$/.test(asked) ? Number(asked) : undefined
    // A new stream starts after every event committed so far, numbered first.
    const since: number = resumed ?? (await live.sequence().then(() => lastPosition(db, edition.id)))

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
          // What a stream is sent depends only on whether its viewer moderates and wrote the comment, so
          // with a thousand streams open each event is serialised a handful of times, not a thousand.
          const kind = `${String(moderator)}:${String(event.comment.authorId === viewer.person?.id)}`
          event.serialised ??= new Map()
          if (!event.serialised.has(kind)) {
            const data = shown(event.comment)
            event.serialised.set(kind, data ? JSON.stringify(data) : undefined)
          }
          const data = event.serialised.get(kind)
          if (data) await stream.writeSSE({ event: event.type, id: String(event.id), data })
        }
      }
      let writing = Promise.resolve()
      const unsubscribe = await live.subscribe(edition.id, since, (events) => {
        if (replaying) held.push(...events)
        else writing = writing.then(() => send(events)).catch(() => undefined)
      })
      stream.onAbort(unsubscribe)
      await stream.write(`retry: ${String(RETRY_MS)}\nid: ${String(since)}\n\n`)
      // Numbered again now that the stream is subscribed: an event committed just before woke a hub not yet
      // listening, or one with no feed for this edition, and nobody numbered it.
      await live.sequence()
      // However far behind the client is, a page at a time.
      for (let after = since, more = true; more;) {
        const page = await eventsPage(db, edition.id, after)
        await send(page.events)
        after = page.last
        more = page.more
      }
      replaying = false
      await send(held.splice(0))
      const { closing } = live
      const open = () => !stream.aborted && !stream.closed && !closing.aborted
      while (open()) {
        await pause(KEEP_ALIVE_MS, closing)
        if (open()) await stream.write(': keep-alive\n\n')
      }
      unsubscribe()
      if (closing.aborted && !stream.aborted) {
        await writing
        await stream.writeSSE({
          event: 'reconnect',
          id: String(sent),
          data: JSON.stringify({ reason: 'The server is stopping; reconnect.' }),
          retry: RECONNECT_MS,
        })
      }
    })
  })
