import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'

/** More than the 500 events read at once, as after a long outage with people still posting elsewhere. */
const MISSED = 620

describe(`an event stream reconnecting far behind (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  const events = '/api/guides/far/editions/1/events'
  let thread = ''

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database, { rateLimits: { enabled: false } })
    await importGuide(database.db, '# Far\n\nA paragraph to discuss.\n', {
      slug: 'far',
      defaultState: 'open',
    })
    admin = new Client(app)
    await admin.send('POST', '/api/setup', { email: 'ad@example.org', password: PASSWORD, displayName: 'Ad' })
    const edition = (await (await admin.request('/api/guides/far/editions/1')).json()) as {
      blocks: { key: string }[]
    }
    thread = `/api/guides/far/editions/1/blocks/${edition.blocks[1]?.key ?? ''}/comments`
  })
  afterAll(async () => {
    await database.close()
  })

  it('is replayed every event it missed with Last-Event-ID, in order, however many', async () => {
    const live = new SseReader(await app.request(events))
    const post = async (body: string) => {
      const response = await admin.send('POST', thread, { kind: 'comment', body })
      expect(response.status).toBe(201)
      return ((await response.json()) as { id: string }).id
    }
    await post('Seen before the client went away.')
    const [seen] = await live.waitFor(1)
    await live.close()

    const missed: string[] = []
    for (let i = 0; i < MISSED; i += 10)
      missed.push(
        ...(await Promise.all(Array.from({ length: 10 }, (_, k) => post(`Missed ${String(i + k)}.`)))),
      )
    const replay = new SseReader(await app.request(events, { headers: { 'last-event-id': seen?.id ?? '' } }))
    const received = await replay.waitFor(MISSED, 30_000)
    const ids = received.map((e) => Number(e.id))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(received.map((e) => (JSON.parse(e.data) as { id: string }).id).sort()).toEqual([...missed].sort())

    // And it goes on live from there.
    const after = await post('Posted once the client was back.')
    await replay.waitFor(MISSED + 1)
    expect(JSON.parse(replay.events[MISSED]?.data ?? '{}')).toMatchObject({ id: after })
    await replay.close()
  })
})
