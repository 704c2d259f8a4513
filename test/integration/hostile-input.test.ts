import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const TABLES = [
  'guides',
  'editions',
  'blocks',
  'people',
  'roles',
  'invitations',
  'passwordResets',
  'settings',
] as const

/** Every route, every shape of body, signed in as the admin (who may reach the most code): never a 500. */
describe(`hostile input to every API route (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  beforeAll(async () => {
    ;({ database, app, admin } = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'g1', markdown: '# Guide\n\nText.\n' }],
    }))
  })
  afterAll(async () => {
    await database.close()
  })

  const counts = async () =>
    Promise.all(
      TABLES.map(
        async (table) =>
          (
            await database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
      ),
    )

  it('answers malformed, mistyped and oversized bodies with problem+json 4xx, changing nothing', async () => {
    const routes = app.routes.filter(
      (r) => r.path.startsWith('/api/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
    )
    expect(routes.length).toBeGreaterThan(15)
    const before = await counts()
    const param = fc.oneof(
      fc.constant('g1'),
      fc.constant('1'),
      fc.string({ maxLength: 30 }),
      fc.constant('%00'),
      fc.constant('99999999999'),
    )
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
      fc.constant('{"email": "a@b.org", "password": 1, "displayName": {}}'),
      fc.constant('{"role": "owner"}'),
      fc.constant('{"markdown": "\\u0000"}'),
      fc.constant(`{"x": "${'y'.repeat(70_000)}"}`),
      fc.constant('\uD800'),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), param, body, async (route, value, payload) => {
        const path = route.path.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(value))
        const response = await admin.request(path, {
          method: route.method,
          headers: { 'content-type': 'application/json' },
          body: payload,
        })
        if (response.status >= 400) {
          expect(response.status, `${route.method} ${path}`).toBeLessThan(500)
          expect(response.headers.get('content-type'), `${route.method} ${path}`).toContain(
            'application/problem+json',
          )
        }
      }),
      { numRuns: 300 },
    )
    // Valid requests among the random ones may have changed settings or made links; none may add people or guides.
    const after = await counts()
    expect(after[0]).toBe(before[0])
    expect(after[3]).toBe(before[3])
  })

  it('refuses unsafe requests from another origin on every route, changing nothing', async () => {
    const before = await counts()
    for (const route of app.routes.filter(
      (r) => r.path.startsWith('/api/') && r.method !== 'GET' && r.method !== 'ALL',
    )) {
      const path = route.path.replace(/:[a-zA-Z]+/g, 'g1')
      const response = await admin.request(path, {
        method: route.method,
        headers: { 'content-type': 'application/json', origin: 'https://attacker.example' },
        body: '{}',
      })
      expect(response.status, `${route.method} ${path}`).toBe(403)
    }
    expect(await counts()).toEqual(before)
  })
})
