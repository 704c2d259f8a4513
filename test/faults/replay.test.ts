import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { SseReader } from '../support/sse.ts'

/** More than the 500 events read at once, as after a long outage with people still posting elsewhere. */
const MISSED = 620

describe(`an event stream reconnecting far behind (${databaseKind})`, () => {
  let c: Consultation<never>
  const events = '/api/guides/far/editions/1/events'
  let thread = ''

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'ad@example.org', name: 'Ad' },
      guides: [{ slug: 'far', markdown: '# Far\n\nA paragraph to discuss.\n', state: 'open' }],
    })
    thread = `/api/guides/far/editions/1/blocks/${c.guide.key(1)}/comments`
  })
  afterAll(async () => {
    await c.close()
  })

  it('is replayed every event it missed with Last-Event-ID, in order, however many', async () => {
    const live = new SseReader(await c.app.request(events))
    const post = async (body: string) => {
      const response = await c.admin.send('POST', thread, { kind: 'comment', body })
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
    const replay = new SseReader(
      await c.app.request(events, { headers: { 'last-event-id': seen?.id ?? '' } }),
    )
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
