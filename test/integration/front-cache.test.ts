import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { FRESH_MS } from '../../src/guides/pages/guide-pages.routes.tsx'
import { listen } from '../../src/platform/http/listen.ts'
import { httpRequests } from '../../src/platform/metrics/metrics.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const MANUAL = `# Manual

## Parking

Park only in marked bays near the school gates.
`

interface Answer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Headers that belong to one answer on one connection, not to the page. */
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive', 'x-request-id'])

/** A request over a real socket, the body as sent (not decoded), the headers as written. */
function ask(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<Answer & { requestId: string }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const kept: Record<string, string> = {}
        for (const [name, value] of Object.entries(res.headers))
          if (!PER_ANSWER.has(name)) kept[name] = Array.isArray(value) ? value.join(', ') : (value ?? '')
        resolve({
          status: res.statusCode ?? 0,
          headers: kept,
          body: Buffer.concat(chunks),
          requestId: String(res.headers['x-request-id']),
        })
      })
    })
    request.on('error', reject)
    request.end()
  })
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

const countOf = async (labels: Partial<Record<'method' | 'route' | 'status', string>>) =>
  (await httpRequests.get()).values
    .filter((v) =>
      Object.entries(labels).every(([name, value]) => v.labels[name as keyof typeof labels] === value),
    )
    .reduce((sum, v) => sum + v.value, 0)

/**
 * The front cache (src/platform/http/front-cache.ts) answers public reading pages before the app. Its
 * answers are compared with the app's own over a socket, and every request it may not answer is seen
 * reaching the app: the app's fetch counts them.
 */
describe(`the front cache before the app (${databaseKind})`, () => {
  let c: Consultation<'rhian'>
  let calls = 0
  let front: http.Server
  let plain: ServerType
  let frontPort: number
  let plainPort: number
  let rhianCookie: string

  beforeAll(async () => {
    // Behind a trusted proxy, with no PUBLIC_URL: the forwarded host is one of the things pages vary by.
    const config = { trustProxy: true, metrics: true }
    c = await consultation({
      config,
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [
        { slug: 'manual', markdown: MANUAL, state: 'published' },
        { slug: 'parking', markdown: MANUAL, state: 'open' },
      ],
      people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } },
    })
    rhianCookie = (await c.signIn('rhian@example.org')).cookie
    front = await listen(
      (request, env) => {
        calls++
        return c.app.fetch(request, env)
      },
      { ...loadConfig({}), ...config, host: '127.0.0.1' },
      0,
    )
    frontPort = (front.address() as AddressInfo).port
    // The same app over a socket with nothing before it: what every answer must look like.
    plain = serve({ fetch: c.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((ready) => plain.once('listening', ready))
    plainPort = (plain.address() as AddressInfo).port
  }, 60_000)
  afterAll(async () => {
    await new Promise((closed) => front.close(closed))
    await new Promise((closed) => plain.close(closed))
    await c.close()
  })

  const reaching = async (ask: () => Promise<unknown>) => {
    const before = calls
    await ask()
    return calls - before
  }

  it('answers a public edition again without the app, header for header and byte for byte as the app does', async () => {
    const readers: Record<string, string>[] = [
      { 'accept-encoding': 'br' },
      { 'accept-encoding': 'gzip, deflate' },
      {},
      { cookie: 'lang=cy', 'accept-encoding': 'br' },
      { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.8' },
      { cookie: 'lang=en', 'accept-language': 'cy', 'accept-encoding': 'gzip' },
      { 'x-forwarded-host': 'consult.example.gov.uk', 'x-forwarded-proto': 'https' },
    ]
    for (const headers of readers) {
      const path = '/g/manual/1'
      const expected = await ask(plainPort, path, headers)
      expect(expected.status).toBe(200)
      const before = calls
      const first = await ask(frontPort, path, headers)
      expect(calls - before, `the first reader reaches the app: ${JSON.stringify(headers)}`).toBe(1)
      const again = await ask(frontPort, path, headers)
      const head = await ask(frontPort, path, headers, 'HEAD')
      const expectedHead = await ask(plainPort, path, headers, 'HEAD')
      const notModified = await ask(frontPort, path, {
        ...headers,
        'if-none-match': `W/"x", ${expected.headers.etag ?? ''}`,
      })
      const expectedNotModified = await ask(plainPort, path, {
        ...headers,
        'if-none-match': `W/"x", ${expected.headers.etag ?? ''}`,
      })
      expect(calls - before, `answered from the front: ${JSON.stringify(headers)}`).toBe(1)

      for (const answer of [first, again]) {
        expect(answer.headers).toEqual(expected.headers)
        expect(answer.body.equals(expected.body)).toBe(true)
      }
      expect(head.headers).toEqual(expectedHead.headers)
      expect(head.body.length).toBe(0)
      expect(notModified.status).toBe(304)
      expect(notModified.headers).toEqual(expectedNotModified.headers)
      expect(notModified.body.length).toBe(0)
      // Each answer has its own id, made here: nobody's id is handed to another.
      const ids = [first, again, head, notModified].map((a) => a.requestId)
      for (const id of ids) expect(id).toMatch(UUID)
      expect(new Set(ids).size).toBe(4)
    }
    // The page is the reader's language's: Welsh for the switch's cookie, English for its English one.
    const welsh = await ask(frontPort, '/g/manual/1', { cookie: 'lang=cy' })
    const english = await ask(frontPort, '/g/manual/1', { cookie: 'lang=en', 'accept-language': 'cy' })
    expect(welsh.body.toString()).toContain('<html lang="cy"')
    expect(english.body.toString()).toContain('<html lang="en"')
  })

  it('leaves to the app every request that names someone, and every page that is not the same for all', async () => {
    const path = '/g/manual/1'
    // Kept for the public a moment ago.
    await ask(frontPort, path, { 'accept-encoding': 'br' })
    const twice = (headers: Record<string, string>, at = path, method = 'GET') =>
      reaching(async () => {
        await ask(frontPort, at, headers, method)
        await ask(frontPort, at, headers, method)
      })
    // A signed-in reader: the app looks them up every time, and their page is never kept for others.
    expect(await twice({ cookie: rhianCookie, 'accept-encoding': 'br' })).toBe(2)
    // Nor does their visit leave anything for the public to be answered from.
    expect(await reaching(() => ask(frontPort, '/g/manual/1?text=cy', { cookie: rhianCookie }))).toBe(1)
    expect(await reaching(() => ask(frontPort, '/g/manual/1?text=cy'))).toBe(1)
    // Any other cookie, an Authorization header, a language cookie the app would read otherwise.
    for (const cookie of ['gloss_device=abc', 'lang=cy; other=1', 'lang=cy; lang=en', 'lang="cy"', 'lang'])
      expect(await twice({ cookie }), cookie).toBe(2)
    expect(await twice({ authorization: 'Bearer someone' })).toBe(2)
    // A consultation's page, whose margins count comments; a guide's own address; anything not a read.
    expect(await twice({}, '/g/parking/1')).toBe(2)
    expect(await twice({}, '/g/manual')).toBe(2)
    expect(await twice({}, path, 'POST')).toBe(2)
    expect(await twice({}, path, 'OPTIONS')).toBe(2)
  })

  it('keeps a page only as long as its route says, then the app checks again', async () => {
    const path = '/g/manual/1?text=en'
    expect(await reaching(() => ask(frontPort, path))).toBe(1)
    expect(await reaching(() => ask(frontPort, path))).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, FRESH_MS + 100))
    expect(await reaching(() => ask(frontPort, path))).toBe(1)
    expect(await reaching(() => ask(frontPort, path))).toBe(0)
  })

  it('keeps each forwarded host apart and a trusted proxy its request id', async () => {
    const path = '/g/manual/1?beside=cy'
    const from = (host: string, id?: string) =>
      ask(frontPort, path, { 'x-forwarded-host': host, ...(id ? { 'x-request-id': id } : {}) })
    expect(await reaching(() => from('a.example.org'))).toBe(1)
    expect(await reaching(() => from('b.example.org'))).toBe(1)
    expect(await reaching(() => from('a.example.org'))).toBe(0)
    expect((await from('a.example.org', 'proxy-request-0001')).requestId).toBe('proxy-request-0001')
  })

  it('counts what it answers in the metrics, by route and status', async () => {
    const path = '/g/manual/1?text=cy'
    const { etag } = (await ask(frontPort, path)).headers
    const labels = { method: 'GET', route: '/g/:slug/:n' }
    const ok = await countOf({ ...labels, status: '200' })
    const notModified = await countOf({ ...labels, status: '304' })
    expect(await reaching(() => ask(frontPort, path))).toBe(0)
    expect(await reaching(() => ask(frontPort, path, { 'if-none-match': etag ?? '' }))).toBe(0)
    expect(await countOf({ ...labels, status: '200' })).toBe(ok + 1)
    expect(await countOf({ ...labels, status: '304' })).toBe(notModified + 1)
  })
})
