import { Agent, get } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { openConsultation, type Consultation } from './support/http-client.ts'
import { generatedGuide } from './support/large-guide.ts'
import { until } from './support/until.ts'

/** Reads an event stream as raw text until the server ends it. */
function readStream(url: string) {
  let text = ''
  const ended = fetch(url).then(async (response) => {
    for await (const chunk of response.body ?? []) text += Buffer.from(chunk).toString()
  })
  return { text: () => text, ended }
}

/** A keep-alive connection that has answered one request and now sits idle; resolves once idle. */
function idleConnection(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const request = get(`${url}/healthz`, { agent: new Agent({ keepAlive: true }) }, (response) => {
      response.resume()
      response.on('end', () => setImmediate(() => resolve(request.socket as Socket)))
    })
    request.on('error', reject)
  })
}

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })

describe(`stopping the server with SIGTERM (${databaseKind})`, () => {
  let folder: string
  let database: TestDatabase | undefined
  let server: ServerProcess
  let consultation: Consultation
  const start = async () => {
    server = await startGlossServer({
      DATABASE_URL: database?.url,
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: join(folder, 'no-content'),
      RATE_LIMITS: 'off',
    })
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-shutdown-'))
    if (databaseKind === 'postgres') database = await createTestDatabase()
    await start()
    consultation = await openConsultation(server.url, generatedGuide(0, 20), 'guide')
  })
  afterAll(async () => {
    await server.stop()
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('finishes requests in flight, ends event streams with a retry hint, refuses new connections and exits 0 within 10 s', async () => {
    const events = `${server.url}/api/guides/guide/editions/1/events`
    const streams = [readStream(events), readStream(events)]
    const idle = await idleConnection(server.url)
    const idleClosed = new Promise<void>((resolve) => idle.once('close', () => resolve()))
    await until('both event streams open', () => streams.every((s) => s.text().includes('retry:')))
    const port = Number(new URL(server.url).port)

    // A revision takes long enough to be in flight when the signal comes.
    const revision = consultation.admin
      .send('POST', `${server.url}/api/guides/guide/editions`, { markdown: generatedGuide(1, 20) })
      .then((response) => ({ status: response.status, at: performance.now() }))
    await sleep(50)
    const signalled = performance.now()
    const exited = server.stop('SIGTERM')

    // New connections are refused at once, while the revision is still being made.
    let refusedAt = Infinity
    for (let tries = 0; tries < 100 && refusedAt === Infinity; tries++) {
      if (await refused(port)) refusedAt = performance.now()
      else await sleep(10)
    }
    const code = await exited
    const took = performance.now() - signalled
    expect(code).toBe(0)
    expect(took).toBeLessThan(10_000)

    const answered = await revision
    expect(answered.status).toBe(201)
    expect(answered.at).toBeGreaterThan(signalled)
    expect(refusedAt).toBeLessThan(signalled + took)
    // PGlite works on the server's own thread, so there the signal is handled once the revision's
    // database work is done; with PostgreSQL the server stops listening while the revision is made.
    if (databaseKind === 'postgres') expect(refusedAt).toBeLessThan(answered.at)

    // Each stream ended with an event that says to reconnect, soon, from where it stood.
    await Promise.all(streams.map((s) => s.ended))
    for (const stream of streams) {
      expect(stream.text()).toMatch(/event: reconnect\ndata: .*\nid: \d+\nretry: \d+\n\n$/)
    }
    await idleClosed

    // What was finished during the stop is there after it.
    await start()
    const guide = await consultation.admin.expect<{ editions: { number: number }[] }>(
      200,
      'GET',
      `${server.url}/api/guides/guide`,
    )
    expect(guide.editions.map((e) => e.number)).toEqual([1, 2])
    console.log(
      `[shutdown, ${databaseKind}] exited ${String(code)} ${took.toFixed(0)} ms after SIGTERM, with two event ` +
        `streams and an idle keep-alive connection open; new connections refused ` +
        `${(refusedAt - signalled).toFixed(0)} ms after it; the revision in flight answered 201 ` +
        `${(answered.at - signalled).toFixed(0)} ms after it`,
    )
  })
})
