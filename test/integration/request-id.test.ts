import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'

const PROXY_ID = '6c1f0d8e9a2b4c7d8e9f0a1b2c3d4e5f'

describe(`X-Request-Id (${databaseKind})`, () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database.close()
  })

  it("keeps a trusted proxy's id, so one id follows a request through both logs", async () => {
    const app = await testApp(database, { trustProxy: true })
    const response = await app.request('/healthz', { headers: { 'x-request-id': PROXY_ID } })
    expect(response.headers.get('x-request-id')).toBe(PROXY_ID)
    // An id that would break a log line is replaced, even from the proxy.
    const odd = await app.request('/healthz', { headers: { 'x-request-id': 'two words; and {json}' } })
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('makes its own when there is no trusted proxy, whatever the client sent', async () => {
    const app = await testApp(database)
    const response = await app.request('/healthz', { headers: { 'x-request-id': PROXY_ID } })
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const failed = await app.request('/api/guides/nothing-here')
    expect(failed.status).toBe(404)
    expect(failed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
