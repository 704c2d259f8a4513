import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import { findGuideBySlug } from '../../src/guides/guide.repository.ts'
import { API } from '../../src/api.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { startSession } from '../../src/people/account.service.ts'
import { hashPassword } from '../../src/people/password.ts'
import { insertPerson, setRole } from '../../src/people/people.repository.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'

const FIRST = '# Parking\n\nPark in the bays.\n\nDo not park on the verge.\n'
const SECOND = '# Parking\n\nPark in the marked bays.\n\nDo not park on the verge.\n'

type Viewer = 'the public' | 'a reviewer' | 'an editor'
const VIEWERS: Viewer[] = ['the public', 'a reviewer', 'an editor']

describe(`nothing rendered for one viewer is served to another (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  const cookies = {} as Record<Viewer, string | undefined>
  const keys: string[] = []
  let commentId = ''

  const get = (path: string, viewer: Viewer) =>
    app.request(path, { headers: cookies[viewer] ? { cookie: cookies[viewer] } : {} })

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database, { rateLimits: { enabled: false } })
    const passwordHash = await hashPassword(PASSWORD)
    const person = async (email: string) =>
      (await insertPerson(database.db, { email, displayName: email, passwordHash, isAdmin: false })).id
    const editor = await person('editor@example.org')
    const reviewer = await person('reviewer@example.org')
    cookies['the public'] = undefined
    cookies['an editor'] = `gloss_session=${(await startSession(database.db, editor, 'test')).token}`
    cookies['a reviewer'] = `gloss_session=${(await startSession(database.db, reviewer, 'test')).token}`
    // Each guide: an open edition 1 and, beside it, a draft edition 2 only its editor may see.
    for (const slug of ['parking', 'verges', 'walk']) {
      await importGuide(database.db, FIRST, { slug, defaultState: 'open' })
      const guide = await findGuideBySlug(database.db, slug)
      if (!guide) throw new Error(slug)
      await setRole(database.db, guide.id, editor, 'editor')
      await setRole(database.db, guide.id, reviewer, 'reviewer')
      const made = await app.request(`/api/guides/${slug}/editions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies['an editor'] ?? '' },
        body: JSON.stringify({ markdown: SECOND }),
      })
      expect(made.status).toBe(201)
    }
    const edition = (await (await get('/api/guides/walk/editions/1', 'the public')).json()) as {
      blocks: { key: string }[]
    }
    keys.push(...edition.blocks.map((b) => b.key))
    const posted = await app.request(`/api/guides/walk/editions/1/blocks/${keys[1] ?? ''}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies['a reviewer'] ?? '' },
      body: JSON.stringify({ kind: 'comment', body: 'Bays are too narrow.' }),
    })
    expect(posted.status).toBe(201)
    commentId = ((await posted.json()) as { id: string }).id
    // A hidden comment editors still see, and edition 2 of this guide published: its report and
    // redline are public, and may be kept by shared caches only if they are the same for everyone.
    const editorSends = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: cookies['an editor'] ?? '' },
        body: JSON.stringify(body),
      })
    const second = await app.request(`/api/guides/walk/editions/1/blocks/${keys[1] ?? ''}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies['a reviewer'] ?? '' },
      body: JSON.stringify({ kind: 'comment', body: 'Something rude about bays.' }),
    })
    const hidden = ((await second.json()) as { id: string }).id
    expect((await editorSends(`/api/comments/${hidden}/hide`, { reason: 'Rude.' })).status).toBe(200)
    expect((await editorSends('/api/guides/walk/editions/2/transitions', { to: 'published' })).status).toBe(
      200,
    )
  })
  afterAll(async () => {
    await database.close()
  })

  it("never serves an editor's page of a public edition, with its link to the draft, to the public", async () => {
    const editors = await get('/g/parking/1', 'an editor')
    expect(await editors.text()).toContain('href="/g/parking/2"')
    expect(editors.headers.get('cache-control')).toMatch(/\bprivate\b/)
    for (const viewer of ['the public', 'a reviewer'] as const) {
      const page = await get('/g/parking/1', viewer)
      expect(page.status).toBe(200)
      expect(await page.text(), viewer).not.toContain('/g/parking/2')
    }
  })

  it("never serves the public's page of an edition to its editor", async () => {
    expect(await (await get('/g/verges/1', 'the public')).text()).not.toContain('/g/verges/2')
    const editors = await get('/g/verges/1', 'an editor')
    expect(await editors.text()).toContain('href="/g/verges/2"')
    // Asked again with the public's ETag: not told "unchanged".
    const publicTag = (await get('/g/verges/1', 'the public')).headers.get('etag') ?? ''
    const revalidated = await app.request('/g/verges/1', {
      headers: { cookie: cookies['an editor'] ?? '', 'if-none-match': publicTag },
    })
    expect(revalidated.status).toBe(200)
  })

  it('lets shared caches keep only what is the same for every viewer, and tells every cache it varies by cookie', async () => {
    const fill = (path: string) =>
      path
        .replace(':slug', 'walk')
        .replace(':n', '1')
        .replace(':key', keys[1] ?? '')
        .replace(':id', commentId)
        .replace(':token', 'a'.repeat(43))
        .replace(':a', '1')
        .replace(':b', '2')
    const api = Object.entries(API)
      .filter(([route, op]) => route.startsWith('GET ') && !op.produces?.startsWith('text/event-stream'))
      .map(([route]) => route.slice(4))
    const pages = app.routes
      // Assets, the icon and the health check answer before anyone is looked up: the same for all.
      .filter((r) => r.method === 'GET' && !/^\/(api|assets)\/|^\/(favicon\.ico|healthz)$/.test(r.path))
      .map((r) => r.path)
    const published = ['/g/walk/2', '/g/walk/2/report', '/g/walk/2/report.csv', '/api/guides/walk/editions/2']
    const paths = [...new Set([...api, ...pages].map(fill)), ...published].map((p) =>
      p.includes('search') ? `${p}?q=bays` : p,
    )
    expect(paths).toContain('/g/walk/1')
    const problems: string[] = []
    for (const path of paths) {
      const answers = await Promise.all(
        VIEWERS.map(async (viewer) => {
          const response = await get(path, viewer)
          return {
            viewer,
            body: await response.text(),
            cacheControl: response.headers.get('cache-control') ?? '',
            vary: response.headers.get('vary') ?? '',
          }
        }),
      )
      const publics = answers[0]?.body
      const same = answers.every((other) => other.body === publics)
      for (const answer of answers) {
        if (answer.cacheControl === '') problems.push(`${path} for ${answer.viewer}: no Cache-Control`)
        // Even a browser's own cache: one person's copy is not revalidated for the next who signs in.
        if (!same && !/\bcookie\b/i.test(answer.vary))
          problems.push(`${path} for ${answer.viewer}: differs by viewer, no Vary: Cookie`)
        if (/\bpublic\b/.test(answer.cacheControl) && answer.body !== publics)
          problems.push(`${path}: ${answer.viewer}'s own answer is public (${answer.cacheControl})`)
      }
    }
    expect(problems).toEqual([])
  })

  it("never serves one request's Host as the server of the OpenAPI document", async () => {
    const served = await testApp(database)
    const serverOf = async (url: string) =>
      ((await (await served.request(url)).json()) as { servers: { url: string }[] }).servers[0]?.url
    expect(await serverOf('http://attacker.example/api/openapi.json')).toBe('/')
    expect(await serverOf('http://gloss.example/api/openapi.json')).toBe('/')
    const configured = await testApp(database, { publicUrl: 'https://gloss.example' })
    const document = await configured.request('http://attacker.example/api/openapi.json')
    expect(((await document.json()) as { servers: { url: string }[] }).servers[0]?.url).toBe(
      'https://gloss.example',
    )
  })

  it('never keeps links built from one request for another, in memory or in a shared cache', async () => {
    // Behind a trusted proxy with no PUBLIC_URL: links come from the forwarded host, request by request.
    const proxied = await testApp(database, { trustProxy: true, rateLimits: { enabled: false } })
    const paths = [
      ...Object.entries(API)
        .filter(([route, op]) => route.startsWith('GET ') && !op.produces?.startsWith('text/event-stream'))
        .map(([route]) => route.slice(4)),
      ...proxied.routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/')).map((r) => r.path),
    ]
      .map((path) =>
        path
          .replace(':slug', 'walk')
          .replace(':n', '1')
          .replace(':key', keys[1] ?? '')
          .replace(':id', commentId)
          .replace(':token', 'a'.repeat(43))
          .replace(':a', '1')
          .replace(':b', '2'),
      )
      .filter((path) => !path.includes(':'))
    const problems: string[] = []
    for (const path of new Set(paths)) {
      const poisoned = await proxied.request(`http://attacker.example${path}`, {
        headers: { 'x-forwarded-host': 'forged.example', 'x-forwarded-proto': 'http' },
      })
      const poisonedBody = await poisoned.text()
      const cacheControl = poisoned.headers.get('cache-control') ?? ''
      const vary = (poisoned.headers.get('vary') ?? '').toLowerCase()
      if (
        poisonedBody.includes('forged.example') &&
        /\bpublic\b/.test(cacheControl) &&
        !vary.includes('x-forwarded-host')
      )
        problems.push(
          `${path}: a forged host's links may be kept for everyone (${cacheControl}; vary ${vary})`,
        )
      const honest = await (await proxied.request(`http://gloss.example${path}`)).text()
      if (/attacker\.example|forged\.example/.test(honest))
        problems.push(`${path}: served another request's host`)
    }
    expect(problems).toEqual([])
  })
})
