import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE = `# Parking

Park only in marked bays near the school gates.
`

interface Answer {
  status: number
  body: string
}

/**
 * Over a real socket, bytes exactly as given, each piece written after a pause so that the server
 * reads the body in several parts (a character split between two of them), as a slow network gives it.
 */
function post(port: number, path: string, headers: Record<string, string>, pieces: Buffer[], hangUp = false) {
  return new Promise<Answer>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('utf8')
      const [head = '', ...rest] = text.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1] ?? 0), body: rest.join('\r\n\r\n') })
    })
    const lines = Object.entries({ host: `127.0.0.1:${String(port)}`, connection: 'close', ...headers })
    socket.write(`POST ${path} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`)
    void (async () => {
      for (const piece of pieces) {
        await new Promise((next) => setTimeout(next, 30))
        socket.write(piece)
      }
      // A client giving up mid-body: its end of the socket closes.
      if (hangUp) socket.end()
    })()
  })
}

/** A body's text cut into pieces at byte offsets, wherever they fall in its characters. */
const cut = (bytes: Buffer, ...at: number[]) =>
  [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length))

/** A chunked body: each piece framed with its size, then the last chunk. */
const chunked = (pieces: Buffer[]) => [
  ...pieces.map((piece) =>
    Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]),
  ),
  Buffer.from('0\r\n\r\n'),
]

/**
 * What differs when the app is served over a real socket, which `app.request` has none of: posting
 * reads a JSON body straight from Node's request when its length is declared
 * (src/platform/http/request-body.ts), and through the Web Request when it is chunked; and every
 * answer, written through Node's response, must carry the headers the app gives it in-process.
 */
describe(`requests and answers over a socket (${databaseKind})`, () => {
  let c: Consultation<'rhian'>
  let server: ServerType
  let port: number
  let thread: string
  let headers: Record<string, string>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parking', markdown: GUIDE, state: 'open' }],
      people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } },
    })
    thread = `/api/guides/parking/editions/1/blocks/${c.guide.key('Park only')}/comments`
    // Her session's cookie, for the socket's requests.
    const rhian = await c.signIn('rhian@example.org')
    server = serve({ fetch: c.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((ready) => server.once('listening', ready))
    port = (server.address() as AddressInfo).port
    headers = { cookie: rhian.cookie, 'content-type': 'application/json' }
  }, 60_000)
  afterAll(async () => {
    await new Promise((closed) => server.close(closed))
    await c.close()
  })

  const stored = async () => {
    const response = await c.people.rhian.send('GET', thread)
    return ((await response.json()) as { items: { body: string }[] }).items.map((item) => item.body)
  }

  it('takes a comment whose declared body arrives in pieces, a Welsh character split between two', async () => {
    const body = Buffer.from(JSON.stringify({ kind: 'comment', body: 'Mae angen lle i feiciau ŵyn ac ŷd.' }))
    const split = body.indexOf(Buffer.from('ŵ')) + 1
    const answer = await post(
      port,
      thread,
      { ...headers, 'content-length': String(body.length), 'idempotency-key': 'declared-1' },
      cut(body, 10, split),
    )
    expect(answer.status, answer.body).toBe(201)
    expect((JSON.parse(answer.body) as { body: string }).body).toBe('Mae angen lle i feiciau ŵyn ac ŷd.')
    expect(await stored()).toContain('Mae angen lle i feiciau ŵyn ac ŷd.')
  })

  it('takes the same comment sent in chunks without a declared length', async () => {
    const body = Buffer.from(JSON.stringify({ kind: 'comment', body: 'Sent in chunks: ŵ and ŷ.' }))
    const answer = await post(
      port,
      thread,
      { ...headers, 'transfer-encoding': 'chunked', 'idempotency-key': 'chunked-1' },
      chunked(cut(body, 7, body.indexOf(Buffer.from('ŷ')) + 1)),
    )
    expect(answer.status, answer.body).toBe(201)
    expect(await stored()).toContain('Sent in chunks: ŵ and ŷ.')
  })

  it('refuses bytes that are not UTF-8 or not JSON with a 400, storing nothing', async () => {
    const before = (await stored()).length
    const notUtf8 = Buffer.concat([
      Buffer.from('{"kind":"comment","body":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ])
    const refused = await post(
      port,
      thread,
      { ...headers, 'content-length': String(notUtf8.length) },
      cut(notUtf8, 5),
    )
    expect(refused.status).toBe(400)
    expect((JSON.parse(refused.body) as { type: string }).type).toMatch(/malformed-json$/)
    const notJson = Buffer.from('{"kind":"comment","body":')
    const broken = await post(port, thread, { ...headers, 'content-length': String(notJson.length) }, [
      notJson,
    ])
    expect(broken.status).toBe(400)
    expect(await stored()).toHaveLength(before)
  })

  it('checks the fields of the body it read, declared or chunked, naming each one refused', async () => {
    // The route's schema reads the body read straight from Node's request (request-body.ts), through
    // Hono's body cache: what it checks must be that body, not an empty or a stale one.
    const before = (await stored()).length
    const body = Buffer.from(JSON.stringify({ kind: 'comment', body: 'Ŵyn.', colour: 'red' }))
    for (const [framing, pieces] of [
      [{ 'content-length': String(body.length) }, cut(body, 9)],
      [{ 'transfer-encoding': 'chunked' }, chunked(cut(body, 9))],
    ] as const) {
      const refused = await post(port, thread, { ...headers, ...framing }, [...pieces])
      expect(refused.status, refused.body).toBe(422)
      const problem = JSON.parse(refused.body) as { errors: { pointer: string; detail: string }[] }
      expect(problem.errors).toEqual([{ pointer: '/colour', detail: '"colour" is not a field here.' }])
    }
    const noKind = Buffer.from(JSON.stringify({ body: 'Which kind?' }))
    const missing = await post(port, thread, { ...headers, 'content-length': String(noKind.length) }, [
      noKind,
    ])
    expect(missing.status, missing.body).toBe(422)
    expect(
      (JSON.parse(missing.body) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer),
    ).toEqual(['/kind'])
    expect(await stored()).toHaveLength(before)
  })

  it('refuses a declared body past the limit before reading it, and one that turns out too large in chunks', async () => {
    const large = Buffer.from(JSON.stringify({ kind: 'comment', body: 'a'.repeat(70 * 1024) }))
    const declared = await post(port, thread, { ...headers, 'content-length': String(large.length) }, [])
    expect(declared.status).toBe(413)
    const chunkedLarge = await post(
      port,
      thread,
      { ...headers, 'transfer-encoding': 'chunked' },
      chunked(cut(large, 32 * 1024, 64 * 1024)),
    )
    expect(chunkedLarge.status).toBe(413)
  })

  it('stores nothing of a body cut short, and goes on answering', async () => {
    const before = (await stored()).length
    const body = Buffer.from(JSON.stringify({ kind: 'comment', body: 'Never finished.' }))
    const answer = await post(
      port,
      thread,
      { ...headers, 'content-length': String(body.length + 100) },
      [body.subarray(0, 20)],
      true,
    )
    // The server waits for the rest; the client gives up (the socket's end), so no answer or a 400.
    expect([0, 400]).toContain(answer.status)
    expect(await stored()).toHaveLength(before)
    const after = Buffer.from(JSON.stringify({ kind: 'comment', body: 'Still here.' }))
    const next = await post(port, thread, { ...headers, 'content-length': String(after.length) }, [after])
    expect(next.status).toBe(201)
  })

  it('gives every answer the same security headers and a request id as the app does in-process', async () => {
    const pick = (headers: Headers) =>
      Object.fromEntries(
        [
          'content-security-policy',
          'x-frame-options',
          'x-content-type-options',
          'referrer-policy',
          'strict-transport-security',
          'cross-origin-opener-policy',
          'cache-control',
          'vary',
        ].map((name) => [name, headers.get(name)]),
      )
    const base = `http://127.0.0.1:${String(port)}`
    let revalidated = 0
    for (const path of [
      '/g/parking/1',
      '/api/guides/parking/editions/1',
      '/api/guides/nowhere',
      '/no-such-page',
    ]) {
      const overSocket = await fetch(`${base}${path}`)
      const inProcess = await c.app.request(path)
      expect(overSocket.status, path).toBe(inProcess.status)
      expect(pick(overSocket.headers), path).toEqual(pick(inProcess.headers))
      expect(overSocket.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
      expect(overSocket.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/)
      expect(inProcess.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/)
      // A page not modified: the 304 carries them too.
      const etag = overSocket.headers.get('etag')
      if (etag) {
        const again = await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })
        expect(again.status, path).toBe(304)
        revalidated++
        expect(pick(again.headers), path).toMatchObject({
          'content-security-policy': overSocket.headers.get('content-security-policy'),
          'x-frame-options': 'SAMEORIGIN',
        })
        expect(again.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/)
      }
    }
    expect(revalidated).toBeGreaterThan(0)
    const body = Buffer.from(JSON.stringify({ kind: 'comment', body: 'With its headers.' }))
    const posted = await post(port, thread, { ...headers, 'content-length': String(body.length) }, [body])
    expect(posted.status).toBe(201)
  })
})
