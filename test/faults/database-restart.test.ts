import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/database.ts'
import { testApp } from '../support/app.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { SseReader } from '../support/sse.ts'
import { openConsultation, type Consultation } from './support/http-client.ts'
import {
  createCluster,
  createDatabase,
  describeOnOwnCluster,
  type Cluster,
} from './support/postgres-cluster.ts'
import { acknowledged, postContinuously } from './support/posting.ts'
import { until } from './support/until.ts'

const GUIDE = `# Keeping records

Keep a record of every decision, with the reasons for it and who took it.

Store records where the whole team can find them, and say where in the guide.

Delete personal data when the retention period ends.
`

/** Seconds the database stays down: long enough for every loop to meet the outage several times. */
const OUTAGE_MS = 3_000

describeOnOwnCluster('the database restarting while comments are posted', () => {
  let cluster: Cluster
  let url: string
  let folder: string
  let server: ServerProcess
  let consultation: Consultation

  beforeAll(async () => {
    cluster = await createCluster()
    url = await createDatabase(cluster, 'gloss')
    folder = await mkdtemp(join(tmpdir(), 'gloss-restart-'))
    server = await startGlossServer({
      DATABASE_URL: url,
      RATE_LIMITS: 'off',
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: join(folder, 'no-content'),
    })
    consultation = await openConsultation(server.url, GUIDE, 'records')
  })
  afterAll(async () => {
    await server.stop()
    await cluster.destroy()
    await rm(folder, { recursive: true, force: true })
  })

  it('answers 503 with Retry-After at once, keeps every acknowledged comment, and recovers by itself, event streams included', async () => {
    const { reviewer, slug, keys } = consultation
    const edition = `${server.url}/api/guides/${slug}/editions/1`
    const thread = `${edition}/blocks/${keys[1] ?? ''}/comments`
    const live = new SseReader(await fetch(`${edition}/events`))
    await sleep(300)

    const posting = postContinuously(reviewer, thread, 4)
    await until('twenty comments before the outage', () => acknowledged(posting.answers).length >= 20)
    const down = performance.now()
    await cluster.stop('fast')
    // Pages and reads meet the outage too, and say when to come back.
    const page = await fetch(`${server.url}/g/${slug}/1`)
    expect(page.status).toBe(503)
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/)
    await sleep(OUTAGE_MS)
    const starting = performance.now()
    await cluster.start()
    const up = performance.now()
    await until('a comment accepted after the restart', () =>
      posting.answers.some((a) => a.status === 201 && a.sentAt > up),
    )
    await sleep(1_000)
    const answers = await posting.stop()

    // Nothing but 201 and 503: no 500, no hanging request, no dropped connection.
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201, 503]))
    const refused = answers.filter((a) => a.status === 503)
    for (const answer of refused) {
      expect(answer.contentType).toMatch(/^application\/problem\+json/)
      expect(answer.retryAfter).toMatch(/^\d+$/)
      expect(answer.code).toBe('database-unavailable')
    }
    const duringOutage = answers.filter((a) => a.sentAt >= down && a.sentAt <= up)
    const slowest = Math.max(...duringOutage.map((a) => a.answeredAt - a.sentAt))
    expect(slowest).toBeLessThan(2_500)
    const firstAfter = Math.min(
      ...answers.filter((a) => a.status === 201 && a.answeredAt > up).map((a) => a.answeredAt),
    )
    const recovery = firstAfter - up
    expect(recovery).toBeLessThan(3_000)

    // Every comment acknowledged is in the database, once.
    const ids = acknowledged(answers)
    expect(new Set(ids).size).toBe(ids.length)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    const stored = await client.query<{ id: string }>(
      'select id::text as id from comments where id = any($1::bigint[])',
      [ids],
    )
    await client.end()
    expect(stored.rows.map((r) => r.id).sort()).toEqual([...ids].sort())

    // The stream opened before the outage stayed open and, once the LISTEN connection was back, caught up.
    const seen = () => new Set(live.events.map((e) => (JSON.parse(e.data) as { id: string }).id))
    await until('every acknowledged comment on the live stream', () =>
      ids.every((id) => seen().has(id)),
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; missing: ${ids.filter((id) => !seen().has(id)).join(', ')}`)
    })
    const caughtUp = performance.now() - up
    const after = await reviewer.expect<{ id: string }>(201, 'POST', thread, {
      kind: 'comment',
      body: 'Posted once everything was back.',
    })
    await until('the comment posted after recovery on the live stream', () => seen().has(after.id))

    // A client reconnecting with Last-Event-ID gets what it missed, from before the outage to after.
    const from = live.events[5]
    const missed = live.events.slice(6).map((e) => e.id)
    const replay = new SseReader(
      await fetch(`${edition}/events`, { headers: { 'last-event-id': from?.id ?? '' } }),
    )
    await replay.waitFor(missed.length)
    expect(replay.events.map((e) => e.id)).toEqual(missed)
    await Promise.all([live.close(), replay.close()])

    expect(server.child.exitCode).toBeNull()
    console.log(
      `[database restart] ${String(answers.length)} posts, ${String(ids.length)} acknowledged; ` +
        `${String(refused.length)} answered 503 during the ${String(OUTAGE_MS / 1000)} s outage; ` +
        `slowest answer during the outage ${slowest.toFixed(0)} ms; ` +
        `first 201 ${recovery.toFixed(0)} ms after the database was up (pg_ctl start took ${(up - starting).toFixed(0)} ms); ` +
        `live stream caught up ${caughtUp.toFixed(0)} ms after it was up`,
    )
  })
})

describe('a database that accepts connections and never answers', () => {
  it('is answered 503 with Retry-After once the connection timeout passes, not left hanging', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const database = await openDatabase({
      databaseUrl: `postgres://postgres@127.0.0.1:${String(port)}/gloss`,
    })
    const app = await testApp(database)
    const began = performance.now()
    const answers = await Promise.all(
      ['/api/guides', '/api/guides/any/editions/1/events', '/g/any/1'].map(async (path) => app.request(path)),
    )
    const took = performance.now() - began
    for (const answer of answers) {
      expect(answer.status).toBe(503)
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
    }
    expect(took).toBeLessThan(3_000)
    for (const socket of sockets) socket.destroy()
    await new Promise((resolve) => silent.close(resolve))
    await database.close()
    console.log(`[database silent] three requests answered 503 after ${took.toFixed(0)} ms`)
  })
})
