import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'

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
    a = await startGlossServer(env)
    b = await startGlossServer(env)
  })
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()])
    await database.close()
    await rm(folder, { recursive: true, force: true })
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
})
