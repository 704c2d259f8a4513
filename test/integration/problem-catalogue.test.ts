import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { ERROR_CODES } from '../../src/kernel/error-codes.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { json, testApp } from '../support/app.ts'

describe(`problems name a catalogued code whose type leads to a page saying what it means (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database)
  })
  afterAll(async () => {
    await database.close()
  })

  it('answers a body that is not JSON with malformed-json, whose type page says 400 and what it means', async () => {
    const response = await app.request('/api/session', { ...json('POST'), body: '{"email":' })
    expect(response.status).toBe(400)
    const problem = (await response.json()) as { type: string; code: string; status: number }
    expect(problem).toMatchObject({ code: 'malformed-json', status: 400, type: '/problems/malformed-json' })
    const page = await app.request(problem.type)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('malformed-json')
    expect(html).toContain('(400)')
    expect(html).toContain(ERROR_CODES['malformed-json'].meaning)
  })

  it('lists every code with its status on /problems, and knows no code it does not hold', async () => {
    const html = await (await app.request('/problems')).text()
    for (const code of Object.keys(ERROR_CODES)) expect(html).toContain(`id="${code}"`)
    expect(html).toContain('(422)')
    expect((await app.request('/problems/no-such-problem')).status).toBe(404)
  })

  it('documents the catalogue in the OpenAPI Problem component', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      components: { schemas: { Problem: { properties: { code: { anyOf: { enum?: string[] }[] } } } } }
    }
    const listed = document.components.schemas.Problem.properties.code.anyOf.flatMap((s) => s.enum ?? [])
    expect(listed.sort()).toEqual(Object.keys(ERROR_CODES).sort())
  })
})
