import type { Hono } from 'hono'
import type { ControlledTransaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCommentWithEvent } from '../../src/comments/posting.repository.ts'
import { announceEvents } from '../../src/live/announce.ts'
import type { DB } from '../../src/platform/db/schema.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { SseReader, type SseEvent } from '../support/sse.ts'
import { consultation } from '../support/consultation.ts'

const EVENTS = '/api/guides/order/editions/1/events'
const WAIT_MS = 5_000

const bodyOf = (event: SseEvent | undefined) => (JSON.parse(event?.data ?? '{}') as { body?: string }).body
const idOf = (event: SseEvent | undefined) => (JSON.parse(event?.data ?? '{}') as { id?: string }).id

/** A guide open for comments, its editor signed in, and the thread of its paragraph. */
async function openGuide() {
  const {
    database,
    app,
    admin: editor,
    guide,
  } = await consultation({
    config: { rateLimits: { enabled: false } },
    guides: [{ slug: 'order', markdown: '# Order\n\nA paragraph to discuss.\n', state: 'open' }],
    admin: { email: 'ed@example.org', name: 'Ed' },
  })
  const key = guide.key(1)
  const thread = `/api/guides/order/editions/1/blocks/${key}/comments`
  const post = async (body: string) => {
    const response = await editor.send('POST', thread, { kind: 'comment', body })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  return { database, app, key, post }
}

/**
 * Two transactions writing at once need two connections, which PGlite (one connection) does not have:
 * these run in the PostgreSQL pass of the suite (CI runs both).
 */
describe.runIf(process.env.DATABASE_URL)(
  'live events from transactions that commit out of order (postgres: needs two connections)',
  () => {
    let database: TestDatabase
    let app: Hono<AppEnv>
    let key = ''
    let post: (body: string) => Promise<string>
    const writers: ControlledTransaction<DB>[] = []

    beforeAll(async () => {
      ;({ database, app, key, post } = await openGuide())
    })
    afterAll(async () => {
      // A test that failed half-way leaves its writer open, which would keep the database from closing.
      for (const writer of writers)
        await writer
          .rollback()
          .execute()
          .catch(() => undefined)
      await database.close()
    })

    /** Starts a transaction that posts a comment, with its event, and stays open. */
    async function openWriter(body: string): Promise<ControlledTransaction<DB>> {
      const edition = await database.db
        .selectFrom('editions')
        .select(['id', 'guideId'])
        .where('number', '=', 1)
        .executeTakeFirstOrThrow()
      const author = await database.db.selectFrom('people').select('id').executeTakeFirstOrThrow()
      const trx = await database.db.startTransaction().execute()
      writers.push(trx)
      const row = await insertCommentWithEvent(
        trx,
        {
          guideId: edition.guideId,
          editionId: edition.id,
          blockKey: key,
          parentId: null,
          authorId: author.id,
          kind: 'comment',
          body,
          html: `<p>${body}</p>`,
          quote: null,
          state: 'published',
          idempotencyKey: null,
        },
        1,
      )
      expect(row?.body).toBe(body)
      return trx
    }

    /** The events that have an id but no position yet. */
    const unnumbered = async () =>
      (await database.db.selectFrom('events').select('id').where('position', 'is', null).execute()).length

    it('sends a comment whose transaction took its id first but committed last, after the one that committed first', async () => {
      const stream = new SseReader(await app.request(EVENTS))
      await post('Before both.')
      const [before] = await stream.waitFor(1, WAIT_MS)

      // A takes its event id first; B takes a later one and commits first, and is sent at once.
      const a = await openWriter('A, committed last.')
      const b = await post('B, committed first.')
      const newest = await database.db
        .selectFrom('events')
        .select('commentId')
        .orderBy('id', 'desc')
        .executeTakeFirst()
      expect(String(newest?.commentId)).toBe(b)
      const [, sentB] = await stream.waitFor(2, WAIT_MS)
      expect(bodyOf(sentB)).toBe('B, committed first.')
      // A page that had B and reconnects while A is still being written.
      const during = new SseReader(
        await app.request(EVENTS, { headers: { 'last-event-id': sentB?.id ?? '' } }),
      )

      // When A commits it comes next, with a later id: a reader going by ids would have stepped past it.
      await a.commit().execute()
      // As every writer does once its transaction has committed.
      announceEvents(
        database.db,
        (await database.db.selectFrom('editions').select('id').executeTakeFirstOrThrow()).id,
      )
      const received = await stream.waitFor(3, WAIT_MS)
      expect(received.map(bodyOf)).toEqual(['Before both.', 'B, committed first.', 'A, committed last.'])
      const positions = received.map((e) => Number(e.id))
      expect(positions).toEqual([...positions].sort((x, y) => x - y))
      expect(new Set(positions).size).toBe(3)
      expect((await during.waitFor(1, WAIT_MS)).map(bodyOf)).toEqual(['A, committed last.'])

      // A page that reconnects with the id it had before either receives both, in the same order.
      const reconnected = new SseReader(
        await app.request(EVENTS, { headers: { 'last-event-id': before?.id ?? '' } }),
      )
      const replayed = await reconnected.waitFor(2, WAIT_MS)
      expect(replayed.map(bodyOf)).toEqual(['B, committed first.', 'A, committed last.'])
      expect(replayed.map((e) => e.id)).toEqual(received.slice(1).map((e) => e.id))
      expect(await unnumbered()).toBe(0)
      for (const reader of [stream, during, reconnected]) await reader.close()
    })

    it('does not let a comment still being written, or rolled back, hold back the ones after it', async () => {
      const stream = new SseReader(await app.request(EVENTS))
      const first = await post('First, to know the stream is open.')
      await stream.waitFor(1, WAIT_MS)
      const abandoned = await openWriter('Never committed.')
      const after = await post('Posted while the other was being written.')
      const received = await stream.waitFor(2, WAIT_MS)
      expect(received.map(idOf)).toEqual([first, after])
      expect(Number(received[1]?.id)).toBeGreaterThan(Number(received[0]?.id))
      await abandoned.rollback().execute()
      await post('And the next one.')
      expect((await stream.waitFor(3, WAIT_MS)).map(bodyOf)).not.toContain('Never committed.')
      expect(await unnumbered()).toBe(0)
      await stream.close()
    })
  },
)

describe(`live events under concurrent posting (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let post: (body: string) => Promise<string>

  beforeAll(async () => {
    ;({ database, app, post } = await openGuide())
  })
  afterAll(async () => {
    await database.close()
  })

  it('sends every one of 200 comments posted by 16 writers at once exactly once, with increasing ids, live and after a reconnection', async () => {
    const TOTAL = 200
    const WRITERS = 16
    const open = new SseReader(await app.request(EVENTS))
    const leaving = new SseReader(await app.request(EVENTS))
    await post('Opening.')
    await open.waitFor(1, WAIT_MS)
    await leaving.waitFor(1, WAIT_MS)

    const posted: string[] = []
    let next = 0
    let reconnected: SseReader | undefined
    let before: SseEvent[] = []
    const writer = async () => {
      while (next < TOTAL) {
        const n = next++
        posted.push(await post(`Concurrent ${String(n)}.`))
        // A page goes away a third of the way through and comes back with the last id it had.
        if (n === Math.floor(TOTAL / 3)) {
          await leaving.close()
          before = [...leaving.events]
          reconnected = new SseReader(
            await app.request(EVENTS, { headers: { 'last-event-id': before[before.length - 1]?.id ?? '' } }),
          )
        }
      }
    }
    await Promise.all(Array.from({ length: WRITERS }, writer))
    expect(posted).toHaveLength(TOTAL)

    const live = (await open.waitFor(TOTAL + 1, 60_000)).slice(1)
    const ids = live.map((e) => Number(e.id))
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1] ?? 0)
    expect(live.map(idOf).sort()).toEqual([...posted].sort())

    if (!reconnected) throw new Error('The page never reconnected.')
    const resumed = reconnected
    const missing = TOTAL + 1 - before.length
    const after = await resumed.waitFor(missing, 60_000)
    // What the page had, then what it was sent once back: everything, once, in the order of the open stream.
    const whole = [...before, ...after].slice(1)
    expect(whole.map(idOf)).toEqual(live.map(idOf))
    expect(whole.map((e) => e.id)).toEqual(live.map((e) => e.id))

    // Nothing more arrives on either.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(open.events).toHaveLength(TOTAL + 1)
    expect(resumed.events).toHaveLength(missing)
    await open.close()
    await resumed.close()
  })
})
