import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { consultationAt } from '../support/consultation.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/**
 * Two real server processes on one PostgreSQL database behave as one. PGlite is a single process, so
 * this runs in the PostgreSQL pass of the suite (CI runs both).
 */
describe.runIf(process.env.DATABASE_URL)('two server processes on one PostgreSQL database', () => {
  let folder: string
  let database: TestDatabase
  let a: ServerProcess
  let b: ServerProcess
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-two-'))
    database = await createTestDatabase()
    const env = { DATABASE_URL: database.url, DATA_DIR: join(folder, 'data'), SIGN_IN_LIMIT_PER_ACCOUNT: '4' }
    // Started together on an empty database, both try to import content/ at once.
    ;[a, b] = await Promise.all([startGlossServer(env), startGlossServer(env)])
  })
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()])
    await database.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('imports the shipped guides once when started together on an empty database', async () => {
    const guides = await database.db.selectFrom('guides').select('slug').execute()
    expect(guides.map((g) => g.slug)).toEqual(['councillors-online'])
    for (const server of [a, b]) expect((await fetch(`${server.url}/g/councillors-online`)).status).toBe(200)
  })

  it('holds the sign-in limit across both processes', async () => {
    expect(
      (
        await post(`${a.url}/api/setup`, {
          email: 'admin@example.org',
          password: PASSWORD,
          displayName: 'Admin',
        })
      ).status,
    ).toBe(201)
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const server = i % 2 === 0 ? a : b
      statuses.push(
        (
          await post(`${server.url}/api/session`, {
            email: 'admin@example.org',
            password: 'wrong password here',
          })
        ).status,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
    const limited = await post(`${b.url}/api/session`, { email: 'admin@example.org', password: PASSWORD })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('carries a comment posted to one process to an event stream on the other, and replays the gap', async () => {
    // The test above left the account rate-limited; a new window starts here.
    await database.db.deleteFrom('rateLimits').execute()
    // The admin set up above signs in again on process A, where the guide is imported (a draft).
    const c = await consultationAt(a.url, {
      admin: { email: 'admin@example.org', name: 'Admin', existing: true },
      guides: [{ slug: 'shared', markdown: '# Shared\n\nOne paragraph.\n' }],
    })
    // Opened through process B, with the session process A gave.
    expect(
      (await c.admin.send('POST', `${b.url}/api/guides/shared/editions/1/transitions`, { to: 'open' }))
        .status,
    ).toBe(200)
    const send = (url: string, method: string, body: unknown) => c.admin.send(method, url, body)
    const thread = `/api/guides/shared/editions/1/blocks/${c.guide.key('One paragraph')}/comments`

    const onB = new SseReader(await fetch(`${b.url}/api/guides/shared/editions/1/events`))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const posted = (await (
      await send(`${a.url}${thread}`, 'POST', { kind: 'comment', body: 'From process A' })
    ).json()) as { id: string }
    const [first] = await onB.waitFor(1)
    expect(JSON.parse(first?.data ?? '{}')).toMatchObject({ id: posted.id, body: 'From process A' })
    await onB.close()

    await send(`${b.url}${thread}`, 'POST', { kind: 'comment', body: 'Missed, posted to B' })
    const replay = new SseReader(
      await fetch(`${a.url}/api/guides/shared/editions/1/events`, {
        headers: { 'last-event-id': first?.id ?? '' },
      }),
    )
    const [missed] = await replay.waitFor(1)
    expect(JSON.parse(missed?.data ?? '{}')).toMatchObject({ body: 'Missed, posted to B' })
    await replay.close()
  })
})
