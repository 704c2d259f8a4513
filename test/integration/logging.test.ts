import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/database.ts'
import { consultationAt } from '../support/consultation.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { parseMetrics, sample } from '../support/prometheus.ts'
// The password the fixture's admin set up with: the log must never hold it.
import { PASSWORD } from '../support/session.ts'

const EMAIL = 'ada.logs@example.org'
/** One short guide, so that a first start on a busy machine imports it in moments. */
const GUIDE = `---
title: Logging
slug: logging
---

# Logging

## Why

Operators read the log when something went wrong.
`

interface LogLine {
  level?: string
  slug?: string
  blocks?: number
  by?: number
  rows?: number
  msg?: string
  requestId?: string
  method?: string
  path?: string
  status?: number
  durationMs?: number
  route?: string
  viewerId?: number
  err?: { message?: string; stack?: string; detail?: unknown }
}

/** The JSON lines among what the server wrote (its start-up lines are plain text, as they always were). */
const logLines = (server: ServerProcess): LogLine[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)

/** A line is written as the answer goes out, so it may reach the test a moment after the answer does. */
async function lineFor(server: ServerProcess, found: (line: LogLine) => boolean): Promise<LogLine> {
  // Generous: on a busy machine the pipe from the server can lag well behind its answers.
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const line = logLines(server).find(found)
    if (line) return line
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`No such log line in:\n${server.output()}`)
}

const post = (url: string, body: unknown, cookie = '') =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })

/** `gloss serve` as an operator runs it, reading its standard output. */
describe(`gloss serve logs at LOG_LEVEL (${databaseKind})`, () => {
  let folder: string
  let database: TestDatabase | undefined
  const env = () => ({
    DATA_DIR: join(folder, 'data'),
    CONTENT_DIR: join(folder, 'content'),
    DATABASE_URL: database?.url,
  })
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-logs-'))
    await mkdir(join(folder, 'content'))
    await writeFile(join(folder, 'content', 'logging.md'), GUIDE)
    if (process.env.DATABASE_URL) database = await createTestDatabase()
  })
  afterAll(async () => {
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('at info, writes a line for each request with its status and time, and no secret', async () => {
    const server = await startGlossServer({ ...env(), LOG_LEVEL: 'info' })
    try {
      // The admin set up through /api/setup, the guide already imported from the content folder.
      const c = await consultationAt(server.url, {
        admin: { email: EMAIL, name: 'Ada' },
        guides: [{ slug: 'logging', existing: true }],
      })
      const { cookie } = c.admin
      expect(cookie).toMatch(/^gloss_session=./)
      const made = await post(`${server.url}/api/guides/logging/invitations`, { role: 'reviewer' }, cookie)
      expect(made.status).toBe(201)
      const { token } = (await made.json()) as { token: string }

      const page = await fetch(`${server.url}/invitations/${token}?again=${token}`, { headers: { cookie } })
      expect(page.status).toBe(200)
      const requestId = page.headers.get('x-request-id')
      const line = await lineFor(server, (l) => l.requestId === requestId)
      expect(line).toMatchObject({
        level: 'info',
        method: 'GET',
        path: '/invitations/[redacted]',
        route: expect.stringMatching(/^\/invitations\/:\w+$/) as unknown,
        status: 200,
        viewerId: expect.any(Number) as unknown,
      })
      expect(line.durationMs).toBeGreaterThan(0)
      await lineFor(server, (l) => l.method === 'POST' && l.path === '/api/setup' && l.status === 201)

      // The public reading the published guide, again and again: the app answers the first, the front
      // cache those after it (src/platform/http/front-cache.ts), and each is a line of its own.
      const reads = []
      for (const headers of [{}, {}, {}]) reads.push(await fetch(`${server.url}/g/logging/1`, { headers }))
      const etag = reads[0]?.headers.get('etag') ?? ''
      reads.push(await fetch(`${server.url}/g/logging/1`, { headers: { 'if-none-match': etag } }))
      expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 304])
      const ids = reads.map((r) => r.headers.get('x-request-id'))
      expect(new Set(ids).size).toBe(4)
      for (const [i, id] of ids.entries()) {
        const read = await lineFor(server, (l) => l.requestId === id)
        expect(read).toMatchObject({
          level: 'info',
          method: 'GET',
          path: '/g/logging/1',
          route: '/g/:slug/:n',
        })
        expect(read.status).toBe(reads[i]?.status)
        expect(read.viewerId).toBeUndefined()
      }

      // The events an operator cares about: a guide imported through the API, an instance restored.
      const imported = await post(
        `${server.url}/api/guides`,
        { markdown: '# Imported\n\nA paragraph.\n', slug: 'imported-here' },
        cookie,
      )
      expect(imported.status).toBe(201)
      expect(await lineFor(server, (l) => l.msg === 'imported a guide through the API')).toMatchObject({
        level: 'info',
        slug: 'imported-here',
        blocks: 2,
        by: line.viewerId,
      })
      const file = await fetch(`${server.url}/api/instance/export`, { headers: { cookie } })
      expect(file.status).toBe(200)
      const restored = await fetch(`${server.url}/api/instance/restore`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/gzip' },
        body: await file.arrayBuffer(),
      })
      expect(restored.status).toBe(200)
      expect(
        await lineFor(server, (l) => l.msg === 'restored an instance file; everyone signs in again'),
      ).toMatchObject({ level: 'info', rows: expect.any(Number) as unknown, by: line.viewerId })

      const output = server.output()
      expect(output).not.toContain(token)
      expect(output).not.toContain(cookie.split('=')[1])
      expect(output).not.toContain(EMAIL)
      expect(output).not.toContain(PASSWORD)
    } finally {
      await server.stop()
    }
  }, 120_000)

  it('stopped while its log’s reader lags, still writes every request’s line, whole, before it exits', async () => {
    const server = await startGlossServer({ ...env(), LOG_LEVEL: 'info' })
    try {
      // The reader stops reading (a collector restarting): the pipe fills with the lines of 400 answers.
      // Their paths are long (the log keeps up to 512 characters of one), so that the lines are more
      // than the pipe holds however few writes carry them.
      server.child.stdout?.pause()
      const ids: string[] = []
      for (let i = 0; i < 400; i++) {
        const read = await fetch(`${server.url}/g/${'x'.repeat(480)}-${String(i)}/1`)
        expect(read.status).toBe(404)
        ids.push(read.headers.get('x-request-id') ?? '')
      }
      // Everything the server wrote has been read once its output closes, which may be after it exits.
      const closed = new Promise((resolve) => server.child.once('close', resolve))
      const exited = server.stop()
      let resumed = false
      setTimeout(() => {
        resumed = true
        server.child.stdout?.resume()
      }, 1_000)
      expect(await exited).toBe(0)
      // The server waited for its reader: it did not exit with lines still in its hands.
      expect(resumed).toBe(true)
      await closed
      // Every line parses (logLines would throw on a broken one) and every answer has its own.
      const lines = logLines(server)
      const logged = new Set(lines.map((l) => l.requestId))
      expect(ids.filter((id) => !logged.has(id))).toEqual([])
      expect(lines.at(-1)?.msg).toBe('stopped')
    } finally {
      await server.stop()
    }
  }, 120_000)

  it('goes on serving when its log’s reader goes away, says so once, counts what it drops, and stops cleanly', async () => {
    const server = await startGlossServer({ ...env(), LOG_LEVEL: 'info' })
    try {
      // A collector that dies: the pipe's reading end closes, and each write to it fails with EPIPE.
      server.child.stdout?.destroy()
      for (let i = 0; i < 50; i++) {
        const read = await fetch(`${server.url}/g/logging/1?n=${String(i)}`)
        expect(read.status).toBe(200)
      }
      const metrics = parseMetrics(await (await fetch(`${server.url}/metrics`)).text())
      expect(sample(metrics, 'gloss_log_lines_dropped_total', {})).toBeGreaterThan(40)
      const notes = server.output().match(/the log's output failed \(EPIPE\)/g) ?? []
      expect(notes).toHaveLength(1)
      // Before, sonic-boom's last flush retried the broken pipe for ever: the process never exited.
      expect(await server.stop(), server.output()).toBe(0)
    } finally {
      await server.stop()
    }
  }, 120_000)

  it('at error, writes no request lines, and an unexpected failure with the request id its answer carries', async () => {
    // A failing dependency: the comments table gone from under a server that expects it.
    const sabotage = database ?? (await openDatabase({ dataDir: env().DATA_DIR }))
    await sql`alter table comments rename to comments_gone`.execute(sabotage.db)
    if (!database) await sabotage.close()

    const server = await startGlossServer({ ...env(), LOG_LEVEL: 'error' })
    try {
      expect((await fetch(`${server.url}/api/guides`)).status).toBe(200)
      const failed = await fetch(`${server.url}/api/guides/logging/editions/1/counts`)
      expect(failed.status).toBe(500)
      expect(await failed.json()).toMatchObject({ status: 500, code: 'internal' })
      const requestId = failed.headers.get('x-request-id')
      expect(requestId).toMatch(/^[\w-]{8,}$/)

      const line = await lineFor(server, (l) => l.requestId === requestId)
      expect(line).toMatchObject({ level: 'error', err: { message: expect.stringMatching(/comments/) } })
      expect(line.err?.stack).toMatch(/\n\s+at /)
      expect(logLines(server).filter((l) => l.status !== undefined)).toEqual([])
    } finally {
      await server.stop()
    }
  }, 120_000)
})
