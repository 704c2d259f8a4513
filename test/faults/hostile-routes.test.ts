import fc from 'fast-check'
import type { Hono } from 'hono'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API } from '../../src/api.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'
import { watchedTables } from './support/db-snapshot.ts'
import { expectComposure, Tally, timed, Watcher } from './support/fuzz-check.ts'
import {
  fuzzableRoutes,
  hostileRequest,
  type FuzzRoute,
  type HostileRequest,
} from './support/hostile-requests.ts'
import { MALFORMED_HTTP, rawRequest } from './support/raw-http.ts'
import { wrongValue } from './support/schema-values.ts'
import { ROLES, World, type Role } from './support/world.ts'

/**
 * Every JSON route, as the public, a reviewer, an editor and an admin, with random and malformed bodies,
 * wrong types, huge strings, invalid UTF-8, NUL bytes, deep JSON and odd headers: never a 500, never a
 * crash, every refusal problem+json, never over two seconds, and nothing written by a refused request.
 */
describe(`hostile requests to every JSON route (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let world: World
  let watcher: Watcher
  let routes: FuzzRoute[]
  const tally = new Tally()
  const crashes: unknown[] = []
  const onCrash = (error: unknown) => crashes.push(error)

  beforeAll(async () => {
    process.on('unhandledRejection', onCrash)
    process.on('uncaughtException', onCrash)
    world = await World.seed({ rateLimits: { enabled: false } })
    database = world.database
    app = world.app
    watcher = new Watcher(database.db, await watchedTables(database.db))
    await watcher.baseline()
    routes = fuzzableRoutes(app)
  })
  afterAll(async () => {
    process.off('unhandledRejection', onCrash)
    process.off('uncaughtException', onCrash)
    console.log(tally.report(`hostile-routes (${databaseKind})`))
    await world.close()
  })

  const describeRequest = (r: HostileRequest) => `${r.method} ${r.url.slice(0, 200)} as ${r.role}`

  async function attack(request: HostileRequest): Promise<void> {
    const what = describeRequest(request)
    const cookie = world.cookies.get(request.role) ?? ''
    const headers = { ...request.headers, ...(cookie && !request.headers.cookie ? { cookie } : {}) }
    const outcome = await timed(() =>
      app.request(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body as RequestInit['body'] }),
      }),
    )
    tally.count(what, request.kind, outcome)
    expectComposure(`${what} with ${request.kind}`, outcome, { mustRefuse: request.mustRefuse })
    await watcher.after(`${what} with ${request.kind}`, outcome.status >= 400)
    // An allowed request may have signed a role out, erased it or changed its role: put it back.
    if (outcome.status < 400 && request.method !== 'GET' && (await world.repair()).length > 0)
      await watcher.baseline()
    const health = await app.request('/healthz')
    expect(health.status, `after ${what}`).toBe(200)
    expect(crashes, `after ${what}`).toEqual([])
  }

  it('fuzzes every registered JSON route, each documented with its body schema', () => {
    expect(routes.length).toBeGreaterThan(55)
    for (const route of routes) expect(API[`${route.method} ${route.path}`], route.path).toBeDefined()
    expect(routes.filter((r) => r.body).length).toBeGreaterThan(20)
  })

  it('answers anything sent to any route, as anyone, calmly', async () => {
    await fc.assert(fc.asyncProperty(hostileRequest(routes, world.known), attack), {
      numRuns: 2500,
    })
  })

  it('refuses a field of the wrong type, a missing field or an unknown one, on every route that takes a body', async () => {
    let sent = 0
    for (const route of routes) {
      const schema = route.body
      if (!schema) continue
      for (const [name, field] of Object.entries(schema.properties ?? {})) {
        const wrongs = fc.sample(wrongValue(field), { numRuns: 3, seed: name.length })
        const bodies = [
          ...wrongs.map((wrong) => ({ [name]: wrong })),
          { [name]: wrongs[0], unexpected: true },
        ]
        for (const role of ROLES) {
          for (const body of bodies) {
            const path = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => world.known[p]?.[0] ?? '1')
            await attack({
              role,
              method: route.method,
              url: path,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
              kind: `wrong ${name}`,
              mustRefuse: true,
            })
            sent += 1
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(300)
    console.log(`wrong fields: ${String(sent)} requests`)
  })

  it('takes 1–8 MB bodies on every route without slowing down or writing anything', async () => {
    // Half go where a guide's source may be 8 MB, as someone allowed to send one: there the body is read.
    const sources = routes.filter((r) => r.body?.properties?.markdown)
    const huge = fc.record({
      route: fc.oneof(
        fc.constantFrom(...sources),
        fc.constantFrom(...routes.filter((r) => r.method !== 'GET')),
      ),
      role: fc.constantFrom<Role>('editor', 'admin', ...ROLES),
      megabytes: fc.integer({ min: 1, max: 8 }),
      shape: fc.constantFrom('raw', 'field', 'markdown-and-unknown', 'invalid-utf8'),
    })
    await fc.assert(
      fc.asyncProperty(huge, async ({ route, role, megabytes, shape }) => {
        const filler = 'é'.repeat((megabytes * 1024 * 1024) / 2)
        const body =
          shape === 'raw'
            ? filler
            : shape === 'field'
              ? JSON.stringify({ body: filler, kind: 'comment' }).replace('"kind"', '"kinds"')
              : shape === 'markdown-and-unknown'
                ? JSON.stringify({ markdown: filler, extra: 1 })
                : new Uint8Array(
                    Buffer.concat([
                      Buffer.from('{"markdown":"'),
                      Buffer.alloc(megabytes * 1024 * 1024, 0xff),
                      Buffer.from('"}'),
                    ]),
                  )
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => world.known[p]?.[0] ?? '1')
        await attack({
          role,
          method: route.method,
          url: path,
          headers: { 'content-type': 'application/json' },
          body,
          kind: `huge ${shape}`,
          // Past 64 kB only a guide's source is read, and never with these bodies.
          mustRefuse: true,
        })
      }),
      { numRuns: 30 },
    )
  })
})

/**
 * The same over real HTTP to a real `gloss serve` process: raw bytes as bodies, and requests malformed
 * below the app (lengths that lie, broken chunking, enormous headers). The process must stay up, answer
 * /healthz and log no error.
 */
describe(`hostile bytes to a gloss serve process (${databaseKind})`, () => {
  let folder: string
  let database: TestDatabase | undefined
  let server: ServerProcess
  let adminCookie = ''
  const tally = new Tally()

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-hostile-'))
    if (process.env.DATABASE_URL) database = await createTestDatabase()
    server = await startGlossServer({
      DATA_DIR: join(folder, 'data'),
      DATABASE_URL: database?.url,
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'error',
    })
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD, displayName: 'Ada' }),
    })
    expect(setup.status).toBe(201)
    adminCookie = /gloss_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')?.[0] ?? ''
    const fixture = await readFile(new URL('../fixtures/small-guide.md', import.meta.url), 'utf8')
    const imported = await fetch(`${server.url}/api/guides`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({ markdown: fixture.replace('slug: listening', 'slug: g1') }),
    })
    expect(imported.status).toBe(201)
    // Edition 1 of a guide the API imports is a draft (SPEC.md); open it as an editor would.
    const opened = await fetch(`${server.url}/api/guides/g1/editions/1/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({ to: 'open' }),
    })
    expect(opened.status).toBe(200)
  })
  afterAll(async () => {
    console.log(tally.report(`hostile bytes over HTTP (${databaseKind})`))
    await server.stop()
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  const stillServing = async (after: string) => {
    expect(server.child.exitCode, `the server exited after ${after}`).toBeNull()
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status, `after ${after}`).toBe(200)
  }

  it('answers raw bytes sent to any route, as the public or an admin, calmly', async () => {
    // The routes as the app registers them, from an app over a throwaway database.
    const listing = await createTestDatabase()
    const routes = fuzzableRoutes(await testApp(listing))
    await listing.close()
    const known: Record<string, string[] | undefined> = { slug: ['g1'], n: ['1'] }
    const raw = fc.record({
      route: fc.constantFrom(...routes.filter((r) => r.method !== 'GET')),
      admin: fc.boolean(),
      body: fc.oneof(
        fc.uint8Array({ maxLength: 2000 }),
        fc.uint8Array({ minLength: 60_000, maxLength: 70_000 }),
        fc.string({ unit: 'binary', maxLength: 500 }).map((s) => new Uint8Array(Buffer.from(s, 'utf16le'))),
      ),
      type: fc.constantFrom(
        'application/json',
        'application/gzip',
        'multipart/form-data; boundary=--x',
        'text/plain',
      ),
    })
    await fc.assert(
      fc.asyncProperty(raw, async ({ route, admin, body, type }) => {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => known[p]?.[0] ?? '1')
        const what = `${route.method} ${path} with ${String(body.length)} raw bytes as ${type}`
        const outcome = await timed(() =>
          fetch(`${server.url}${path}`, {
            method: route.method,
            headers: { 'content-type': type, ...(admin ? { cookie: adminCookie } : {}) },
            body,
          }),
        )
        tally.count(what, `raw ${type}`, outcome)
        expectComposure(what, outcome, { mustRefuse: route.body !== undefined })
      }),
      { numRuns: 300 },
    )
    await stillServing('raw bodies')
  })

  it('refuses requests malformed at the HTTP level and stays up', async () => {
    for (const [what, bytes] of Object.entries(MALFORMED_HTTP)) {
      const status = await rawRequest(server.url, bytes)
      // Node's parser answers 400, 413 or 431, or just closes: never a 5xx.
      expect(status, what).not.toMatch(/^HTTP\/1\.[01] 5/)
      await stillServing(what)
    }
  })

  it('logged no error while refusing all of it', () => {
    expect(server.output()).not.toMatch(/error|internal/i)
  })
})
