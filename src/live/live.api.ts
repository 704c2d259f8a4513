import { setTimeout as sleep } from 'node:timers/promises'
import { streamSSE } from 'hono/streaming'
import { getEdition } from '../guides/reading.service.ts'
import { routes } from '../platform/http/contract.ts'
import { EDITION_MOVED } from './event-types.ts'
import { logger } from '../platform/log.ts'
import type { Deps } from '../platform/http/env.ts'
import { liveContract as contract } from './live.contract.ts'
import type { LiveEvent } from './live-hub.ts'
import { eventsPage, streamStart } from './event.service.ts'
import { StreamViewer } from './stream-viewer.ts'

const KEEP_ALIVE_MS = 20_000
const RETRY_MS = 3_000
/** When the server stops: soon enough to reach another process, or this one once it is back. */
const RECONNECT_MS = 1_000

/** Waits, unless the signal comes first (the abort it then rejects with is the point, not a failure). */
const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => undefined)

/**
 * Server-Sent Events for an edition: new and changed comments, each with an increasing id (the event's
 * position, see event.repository.ts). A client reconnecting with Last-Event-ID (or `?lastEventId=`)
 * first gets everything it missed. The stream starts with the id it stands at, so even a client that
 * saw no event resumes from there. Each event is shown as its viewer may see it when it is sent (see
 * stream-viewer.ts); a stream whose session ends, or whose viewer may no longer read the edition, ends
 * with a `reconnect` event, and the browser comes back as whoever it now is. When the server stops,
 * each stream ends with a `reconnect` event and a short retry. A client holds a limited number of
 * streams (see stream-limits.ts).
 */
export const liveApi = ({ config, database: { db }, live }: Deps) =>
  routes().openapi(contract.events, async (c) => {
    const { slug, n } = c.req.valid('param')
    // Counted before any database work, so that a refused stream costs nothing.
    const release = live.admit(c.get('viewer'), config.rateLimits.enabled)
    let found: Awaited<ReturnType<typeof getEdition>>
    let since: number
    try {
      found = await getEdition(db, slug, n, c.get('viewer'))
      const asked = c.req.valid('header')['last-event-id'] ?? c.req.valid('query').lastEventId
      const resumed = asked && /^\d{1,15}$/.test(asked) ? Number(asked) : undefined
      // A new stream starts after every event committed so far, numbered first.
      since = resumed ?? (await live.sequence().then(() => streamStart(db, found.guide.id)))
    } catch (error) {
      release()
      throw error
    }
    const { edition } = found
    const viewer = new StreamViewer(c.get('viewer'), found)

    return streamSSE(c, async (stream) => {
      const stop = live.viewers.watch(viewer.current, (now) => viewer.update(now))
      let sent = since
      let replaying = true
      const held: LiveEvent[] = []
      const send = async (events: LiveEvent[]) => {
        for (const event of events) {
          if (viewer.ended.aborted) return
          if (event.id <= sent) continue
          sent = event.id
          const data = viewer.serialise(event)
          if (data) await stream.writeSSE({ event: event.type, id: String(event.id), data })
        }
      }
      let writing = Promise.resolve()
      let unsubscribe: () => void = () => undefined
      let done = false
      const finish = () => {
        if (done) return
        done = true
        unsubscribe()
        stop()
        release()
      }
      /** The client went: its place is given back at once, not at the next keep-alive. */
      const gone = new AbortController()
      stream.onAbort(() => {
        finish()
        gone.abort()
      })
      try {
        const write = (next: () => Promise<void>) => {
          writing = writing.then(next).catch((error: unknown) => {
            // The stream goes on: its next write, or its keep-alive, finds out whether the client is there.
            logger.warn(
              { err: error, requestId: c.get('requestId') },
              'live events: writing to a stream failed',
            )
          })
        }
        const subscribed = await live.subscribe(
          edition.id,
          found.guide.id,
          since,
          (events) => {
            if (replaying) held.push(...events)
            else write(() => send(events))
          },
          // No id: it is no event of the edition's numbered sequence, only a sign to look at it again.
          () => write(() => stream.writeSSE({ event: EDITION_MOVED, data: '{}' })),
        )
        unsubscribe = subscribed
        // Gone while subscribing: finish() ran before there was anything to unsubscribe.
        if (gone.signal.aborted) {
          subscribed()
          return
        }
        await stream.write(`retry: ${String(RETRY_MS)}\nid: ${String(since)}\n\n`)
        // Numbered again now that the stream is subscribed: an event committed just before woke a hub not
        // yet listening, or one with no feed for this edition, and nobody numbered it.
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
        const until = AbortSignal.any([closing, viewer.ended, gone.signal])
        const open = () => !stream.aborted && !stream.closed && !until.aborted
        while (open()) {
          await pause(KEEP_ALIVE_MS, until)
          if (open()) await stream.write(': keep-alive\n\n')
        }
        finish()
        const reason =
          viewer.endedBecause ?? (closing.aborted ? 'The server is stopping; reconnect.' : undefined)
        if (reason && !stream.aborted) {
          await writing
          await stream.writeSSE({
            event: 'reconnect',
            id: String(sent),
            data: JSON.stringify({ reason }),
            retry: viewer.endedBecause ? RETRY_MS : RECONNECT_MS,
          })
        }
      } catch (error) {
        // Work for a client that has gone failing (the database closing under it) is nobody's concern.
        if (!gone.signal.aborted) throw error
        logger.debug(
          { err: error, requestId: c.get('requestId') },
          'live events: a stream failed after its client left',
        )
      } finally {
        finish()
      }
    })
  })
