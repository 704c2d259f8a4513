import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { API } from '../../src/api.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const FIRST = '# Parking\n\nPark in the bays.\n\nDo not park on the verge.\n'
const SECOND = '# Parking\n\nPark in the marked bays.\n\nDo not park on the verge.\n'

type Viewer = 'the public' | 'a reviewer' | 'an editor'
const VIEWERS: Viewer[] = ['the public', 'a reviewer', 'an editor']

describe(`nothing rendered for one viewer is served to another (${databaseKind})`, () => {
  let c: Consultation<'editor' | 'reviewer'>
  let database: TestDatabase
  let app: Hono<AppEnv>
  const clients = {} as Record<Viewer, Client>
  const keys: string[] = []
  let commentId = ''

  const get = (path: string, viewer: Viewer, init: RequestInit = {}) => clients[viewer].request(path, init)

  beforeAll(async () => {
    // Each guide: an open edition 1 and, beside it, a draft edition 2 only its editor may see.
    const slugs = ['parking', 'verges', 'walk']
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: slugs.map((slug) => ({ slug, markdown: FIRST, state: 'open' as const })),
      people: {
        editor: { email: 'editor@example.org', name: 'editor@example.org', role: 'editor', alsoOn: slugs },
        reviewer: { email: 'reviewer@example.org', name: 'reviewer@example.org', alsoOn: slugs },
      },
    })
    ;({ database, app } = c)
    clients['the public'] = c.visitor()
    clients['an editor'] = c.people.editor
    clients['a reviewer'] = c.people.reviewer
    for (const slug of slugs) {
      const made = await c.people.editor.send('POST', `/api/guides/${slug}/editions`, { markdown: SECOND })
      expect(made.status).toBe(201)
    }
    keys.push(...(c.guides.walk?.keys ?? []))
    const posted = await c.people.reviewer.send(
      'POST',
      `/api/guides/walk/editions/1/blocks/${keys[1] ?? ''}/comments`,
      { kind: 'comment', body: 'Bays are too narrow.' },
    )
    expect(posted.status).toBe(201)
    commentId = ((await posted.json()) as { id: string }).id
    // A hidden comment editors still see, and edition 2 of this guide published: its report and
    // redline are public, and may be kept by shared caches only if they are the same for everyone.
    const editorSends = (path: string, body: unknown) => c.people.editor.send('POST', path, body)
    const second = await c.people.reviewer.send(
      'POST',
      `/api/guides/walk/editions/1/blocks/${keys[1] ?? ''}/comments`,
      { kind: 'comment', body: 'Something rude about bays.' },
    )
    const hidden = ((await second.json()) as { id: string }).id
    expect(
      (await editorSends(`/api/comments/${hidden}/hide`, { reasonCode: 'other', reason: 'Rude.' })).status,
    ).toBe(200)
    expect((await editorSends('/api/guides/walk/editions/2/transitions', { to: 'published' })).status).toBe(
      200,
    )
  })
  afterAll(async () => {
    await c.close()
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
    const revalidated = await get('/g/verges/1', 'an editor', { headers: { 'if-none-match': publicTag } })
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

  it('keeps notices, following and the notices stream out of every shared cache, and tells caches they vary by cookie', async () => {
    // The reviewer follows the paragraph they commented on, which edition 2 changed: they have notices.
    const listed = (await (await get('/api/me/notifications', 'a reviewer')).json()) as {
      items: { id: string }[]
    }
    const [notice] = listed.items
    expect(notice).toBeDefined()
    const personal = (cacheControl: string) => /\b(private|no-store)\b/.test(cacheControl)
    const problems: string[] = []
    const check = (what: string, response: Response) => {
      const cacheControl = response.headers.get('cache-control') ?? ''
      if (!personal(cacheControl) || /\bpublic\b/.test(cacheControl))
        problems.push(`${what}: ${String(response.status)} with Cache-Control "${cacheControl}"`)
      if (response.status < 300 && !/\bcookie\b/i.test(response.headers.get('vary') ?? ''))
        problems.push(`${what}: no Vary: Cookie`)
    }
    const reads = [
      '/me/notifications',
      `/me/notifications/${notice?.id ?? ''}`,
      '/me/following',
      '/api/me/notifications',
      '/api/me/follows',
      '/api/me/notifications/events',
      '/api/guides/walk/follow',
      `/api/guides/walk/blocks/${keys[1] ?? ''}/follow`,
    ]
    for (const path of reads) {
      for (const viewer of VIEWERS) {
        // The stream stays open: its headers are all that is looked at.
        const stop = new AbortController()
        const response = await get(path, viewer, { signal: stop.signal })
        check(`GET ${path} for ${viewer}`, response)
        stop.abort()
        await response.body?.cancel().catch(() => undefined)
      }
    }
    const writes = [
      ['PUT', '/api/guides/walk/follow'],
      ['DELETE', '/api/guides/walk/follow'],
      ['PUT', `/api/guides/walk/blocks/${keys[1] ?? ''}/follow`],
      ['DELETE', `/api/guides/walk/blocks/${keys[1] ?? ''}/follow`],
      ['POST', '/api/me/notifications/read'],
    ] as const
    for (const [method, path] of writes) {
      const response = await get(path, 'a reviewer', {
        method,
        headers: { 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: '{}' } : {}),
      })
      expect(response.status, `${method} ${path}`).toBe(200)
      check(`${method} ${path}`, response)
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
