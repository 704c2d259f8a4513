import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API } from '../../src/api.ts'
import { PUBLIC_BODY_BYTES } from '../../src/platform/http/body-limits.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const MB = 1024 * 1024
const CHUNK = 4 * 1024
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE']
/** Where a guide's source or an instance file is sent: the routes whose limits were megabytes. */
const LARGE =
  /^\/(api\/guides(\/:slug\/editions(\/preview|\/:n\/translations)?)?|guides\/new(\/preview)?|g\/:slug\/(revise\/.*|manage\/:n\/translation)|(api|admin)\/instance\/restore)$/

/**
 * A 2 MB body handed over only as it is read, a chunk at a time, counting what the server took. Sent
 * without a length (as a chunked upload is) the server must read to learn its size; `declared` states it.
 */
function body(declared: boolean) {
  const read = { bytes: 0 }
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (read.bytes >= 2 * MB) {
          controller.close()
          return
        }
        read.bytes += CHUNK
        controller.enqueue(new Uint8Array(CHUNK).fill(0x61))
      },
    },
    { highWaterMark: 0 },
  )
  const length: Record<string, string> = declared ? { 'content-length': String(2 * MB) } : {}
  return { stream, read, length }
}

const contentType = (path: string) =>
  path.startsWith('/api/instance')
    ? 'application/gzip'
    : path.startsWith('/api/')
      ? 'application/json'
      : 'multipart/form-data; boundary=x'

describe(`no one makes the server read more body than they may send (${databaseKind})`, () => {
  let c: Consultation<'reviewer' | 'editor' | 'otherEditor' | 'walker' | 'sender'>
  let app: Hono<AppEnv>
  let reviewer: Client
  let editor: Client
  /** An editor of another guide: someone who may send a guide's source, but not to this guide. */
  let otherEditor: Client
  let fill: (path: string) => string
  /** Every route that takes a body, as the app registered it: the API table's and the pages'. */
  let routes: { method: string; path: string }[] = []

  const person = (n: number) => ({ email: `bodies-${String(n)}@example.org`, name: `Person ${String(n)}` })

  const send = async (method: string, path: string, declared: boolean, who: Client = c.visitor()) => {
    const { stream, read, length } = body(declared)
    const headers: Record<string, string> = { 'content-type': contentType(path), ...length }
    const response = await who.request(fill(path), {
      method,
      headers,
      body: stream,
      duplex: 'half',
    })
    return { response, read: read.bytes }
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        { slug: 'open', markdown: '# Open\n\nA paragraph to comment on.\n', state: 'open' },
        { slug: 'other', markdown: '# Other\n\nAnother guide.\n' },
      ],
      people: {
        reviewer: person(1),
        editor: { ...person(2), role: 'editor' },
        otherEditor: { ...person(3), role: 'editor', guide: 'other' },
        // An editor of its own for the walk over the pages' forms, which signs out and revokes.
        walker: { ...person(4), role: 'editor' },
        // Someone else signed in, with no role on any guide, whose sessions the bodyless routes are sent with.
        sender: { ...person(5), role: 'none' },
      },
    })
    app = c.app
    ;({ reviewer, editor, otherEditor } = c.people)
    const me = await reviewer.expect<{ id: string }>(200, 'GET', '/api/me')
    const values: Record<string, string> = {
      slug: 'open',
      n: '1',
      key: c.guide.key(0),
      id: '1',
      personId: me.id,
      ordinal: '1',
      token: 'a'.repeat(43),
    }
    fill = (path) => path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? name)
    routes = app.routes
      .filter((r) => BODY_METHODS.includes(r.method))
      .map(({ method, path }) => ({ method, path }))
  })
  afterAll(async () => {
    await c.close()
  })

  it('walks every route that takes a body, the API table and the upload pages among them', () => {
    const registered = new Set(routes.map((r) => `${r.method} ${r.path}`))
    const apiWithBodies = Object.entries(API)
      .filter(([key, operation]) => operation.body !== undefined || key === 'POST /api/instance/restore')
      .map(([key]) => key)
    expect(apiWithBodies.length).toBeGreaterThan(20)
    for (const key of apiWithBodies) expect(registered, key).toContain(key)
    for (const page of ['POST /guides/new', 'POST /guides/new/preview', 'POST /g/:slug/revise/text']) {
      expect(registered).toContain(page)
    }
  })

  it.each([false, true])(
    'refuses the public a 2 MB body on every route having read at most a few kilobytes (length declared: %s)',
    async (declared) => {
      for (const { method, path } of routes) {
        const { response, read } = await send(method, path, declared)
        const where = `${method} ${path}`
        expect(response.status, where).toBeLessThan(500)
        expect(read, where).toBeLessThanOrEqual(PUBLIC_BODY_BYTES + 2 * CHUNK)
        // A route that read the body was stopped at the limit (one that needs none may answer without it).
        if (read > 0 || declared) expect([401, 413], where).toContain(response.status)
        if (path.startsWith('/api/') && response.status >= 400) {
          expect(response.headers.get('content-type'), where).toMatch(/^application\/problem\+json/)
        }
        // A route for people signed in says so before reading anything.
        const operation = API[where]
        if (operation && !['anyone', 'the first person'].includes(operation.access)) {
          expect(response.status, where).toBe(401)
          expect(read, where).toBe(0)
        }
      }
    },
  )

  it("reads no guide's source or instance file from someone who may not send one", async () => {
    const large = routes.filter((r) => LARGE.test(r.path))
    expect(large.length).toBeGreaterThanOrEqual(8)
    for (const { method, path } of large) {
      const { response, read } = await send(method, path, false, reviewer)
      const where = `${method} ${path}`
      expect(read, where).toBeLessThanOrEqual(128 * 1024 + 2 * CHUNK)
      expect([403, 413], where).toContain(response.status)
    }
  })

  it('refuses a large body sent to an API route that takes none, having read no more than the limit', async () => {
    const bodyless = Object.entries(API)
      .filter(([key, operation]) => operation.body === undefined && !key.startsWith('GET '))
      .filter(([key]) => key !== 'POST /api/instance/restore')
    expect(bodyless.length).toBeGreaterThan(5)
    for (const [key] of bodyless) {
      const [method = '', path = ''] = key.split(' ')
      const session = await c.signIn(person(5).email)
      const { response, read } = await send(method, path, false, session)
      expect(response.status, key).toBe(413)
      expect(read, key).toBeLessThanOrEqual(64 * 1024 + 2 * CHUNK)
    }
  })

  it('reads nothing of an upload to the import pages from someone who may not import', async () => {
    for (const path of ['/guides/new', '/guides/new/preview']) {
      const { response, read } = await send('POST', path, false, reviewer)
      expect(response.status, path).toBe(403)
      expect(read, path).toBe(0)
    }
  })

  it('reads nothing of a revision or translation sent to a guide by an editor of another', async () => {
    for (const path of [
      '/g/:slug/revise/text',
      '/g/:slug/revise/blocks/:ordinal',
      '/g/:slug/manage/:n/translation',
    ]) {
      const { response, read } = await send('POST', path, false, otherEditor)
      expect(response.status, path).toBe(403)
      expect(read, path).toBe(0)
    }
  })

  it('answers a form that is not the form it claims to be without a server error, on every page, whoever sends it', async () => {
    const pages = routes.filter((r) => !r.path.startsWith('/api/'))
    expect(pages.length).toBeGreaterThan(20)
    // An editor of its own, signed in again whenever a form signed them out or revoked the session, so
    // every form is sent with a live session (a sign-in costs a password's work, so not for each form).
    let walker = c.people.walker
    const signedIn = async () => {
      if ((await walker.request('/api/me')).status !== 200) walker = await c.signIn(person(4).email)
      return walker
    }
    for (const asWalker of [false, true]) {
      for (const { method, path } of pages) {
        const who = asWalker ? await signedIn() : c.visitor()
        const response = await who.request(fill(path), {
          method,
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
          body: 'not--x\r\na form',
        })
        expect(response.status, `${method} ${path}`).toBeLessThan(500)
      }
    }
  })

  it('still takes a large guide from an editor', async () => {
    const words = Array.from({ length: 30_000 }, (_, i) => `word${String(i)}`).join(' ')
    const response = await editor.send('POST', '/api/guides/open/editions/preview', {
      markdown: `# Open\n\n${words}\n`,
    })
    expect(words.length).toBeGreaterThan(128 * 1024)
    expect(response.status).toBe(200)
  })
})
