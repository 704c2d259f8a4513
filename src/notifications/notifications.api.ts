import { setTimeout as sleep } from 'node:timers/promises'
import { streamSSE } from 'hono/streaming'
import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { notificationsContract as contract } from './notifications.contract.ts'
import { followState, setFollow } from './follow.service.ts'
import { markNoticesRead, myNotices, unreadNotices } from './notice.service.ts'
import { announceNotices } from './notice-announce.ts'
import { myFollows } from './following-list.service.ts'

const KEEP_ALIVE_MS = 20_000
const RETRY_MS = 3_000

/** Personal answers: never stored by a cache, nor by a shared one for anyone else. */
const PERSONAL = { 'cache-control': 'private, no-store' }

/** The handlers of notifications.contract.ts: following, notices, and the personal stream of the header count. */
export const notificationsApi = ({ config, database: { db }, live }: Deps) =>
  routes()
    .openapi(contract.guideFollowed, async (c) =>
      c.json(
        await followState(db, c.get('viewer'), { slug: c.req.valid('param').slug, blockKey: null }),
        200,
        PERSONAL,
      ),
    )
    .openapi(contract.blockFollowed, async (c) => {
      const { slug, key } = c.req.valid('param')
      return c.json(await followState(db, c.get('viewer'), { slug, blockKey: key }), 200, PERSONAL)
    })
    .openapi(contract.followGuide, async (c) =>
      c.json(
        await setFollow(db, c.get('viewer'), { slug: c.req.valid('param').slug, blockKey: null }, true),
        200,
        PERSONAL,
      ),
    )
    .openapi(contract.unfollowGuide, async (c) =>
      c.json(
        await setFollow(db, c.get('viewer'), { slug: c.req.valid('param').slug, blockKey: null }, false),
        200,
        PERSONAL,
      ),
    )
    .openapi(contract.followBlock, async (c) => {
      const { slug, key } = c.req.valid('param')
      return c.json(await setFollow(db, c.get('viewer'), { slug, blockKey: key }, true), 200, PERSONAL)
    })
    .openapi(contract.unfollowBlock, async (c) => {
      const { slug, key } = c.req.valid('param')
      return c.json(await setFollow(db, c.get('viewer'), { slug, blockKey: key }, false), 200, PERSONAL)
    })
    .openapi(contract.follows, async (c) => {
      const { items, next } = await myFollows(db, c.get('viewer'), c.req.valid('query').cursor)
      return c.json(
        {
          items: items.map(({ slug, title, blockKey, number }) => ({ slug, title, blockKey, number })),
          next,
        },
        200,
        PERSONAL,
      )
    })
    .openapi(contract.list, async (c) =>
      c.json(await myNotices(db, c.get('viewer'), c.req.valid('query').cursor, c.get('lang')), 200, PERSONAL),
    )
    .openapi(contract.read, async (c) => {
      const viewer = c.get('viewer')
      const result = await markNoticesRead(db, viewer, c.req.valid('json').ids)
      // The person's other pages and tabs show the count as it now is.
      if (viewer.person && result.marked > 0) announceNotices(db, [viewer.person.id])
      return c.json(result, 200, PERSONAL)
    })
    .openapi(contract.events, (c) => {
      const viewer = c.get('viewer')
      const person = viewer.person
      // The header of every page asks, signed in or not; 204 stops an EventSource quietly, where 401
      // would put an error in the console of every public page.
      if (!person) return c.body(null, 204, PERSONAL)
      const release = live.admit(viewer, config.rateLimits.enabled)
      const response = streamSSE(c, async (stream) => {
        const ended = new AbortController()
        const over = () => ended.signal.aborted
        let sent: number | undefined
        let reading: Promise<void> = Promise.resolve()
        // Reads the count again after every announcement, one read at a time, and sends it when it moved.
        const refresh = () => {
          reading = reading
            .then(async () => {
              if (over()) return
              const unread = await unreadNotices(db, person.id)
              if (unread === sent || over()) return
              sent = unread
              await stream.writeSSE({ event: 'unread', data: JSON.stringify({ unread }) })
            })
            .catch(() => undefined)
        }
        // A session that ends (signed out, revoked, expired) ends the stream: the count is that session's.
        const session = { endedBecause: undefined as string | undefined }
        const stopWatching = live.viewers.watch(viewer, (now) => {
          if (now) return
          session.endedBecause = 'Your session has ended.'
          ended.abort()
        })
        const stopNotices = await live.watchNotices(person.id, refresh)
        stream.onAbort(() => ended.abort())
        try {
          await stream.write(`retry: ${String(RETRY_MS)}\n\n`)
          refresh()
          const until = AbortSignal.any([ended.signal, live.closing])
          const open = () => !until.aborted && !stream.aborted && !stream.closed
          while (open()) {
            await sleep(KEEP_ALIVE_MS, undefined, { signal: until }).catch(() => undefined)
            if (open()) await stream.write(': keep-alive\n\n')
          }
          await reading
          const reason =
            session.endedBecause ?? (live.closing.aborted ? 'The server is stopping; reconnect.' : undefined)
          if (reason && !stream.aborted)
            await stream.writeSSE({ event: 'reconnect', data: JSON.stringify({ reason }), retry: RETRY_MS })
        } finally {
          ended.abort()
          stopNotices()
          stopWatching()
          release()
        }
      })
      // streamSSE answers `no-cache`, which a shared cache may store: this count is one person's.
      response.headers.set('cache-control', PERSONAL['cache-control'])
      return response
    })
