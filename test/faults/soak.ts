/**
 * `npm run soak [-- --minutes N]`: a real `gloss serve` under mixed load for ten minutes (reads, posts by
 * several reviewers, event streams that drop and reconnect) while its memory is sampled right after a full
 * collection. Fails when what the process holds (JavaScript heap and buffers, the embedded database's
 * memory among them) grows more than 10% after the warm-up, when its resident memory grows more than 25%,
 * on any 5xx, or when a comment the server acknowledged is not in the database at the end. Runs on
 * PostgreSQL when DATABASE_URL is set (in a fresh database of its own), else on the embedded database in
 * a temporary folder.
 */
import { randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { openDatabase } from '../../src/platform/db/database.ts'
import { runGloss, startGlossServer } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'
import { MemoryProbe } from './support/memory-probe.ts'
import { LoadStats, postLoop, readLoop, streamLoop, type Target } from './support/soak-load.ts'

export interface SoakOptions {
  minutes: number
  sampleSeconds?: number
  streams?: number
  reviewers?: number
  readers?: number
  log?: (line: string) => void
}

/** Memory after the warm-up, sampled right after a full collection each time, in kB: see `growth`. */
export interface Growth {
  startKb: number
  endKb: number
  maxKb: number
  growth: number
}

export interface SoakReport {
  minutes: number
  database: 'postgres' | 'embedded'
  /** The JavaScript heap in use plus memory outside it held by JavaScript objects (buffers, wasm). */
  held: Growth
  rss: Growth
  requests: number
  byKind: Record<string, number>
  failed: number
  serverErrors: string[]
  acknowledged: number
  missing: number
  streamsOpened: number
  streamEvents: number
  problems: string[]
}

const NIST = new URL('../../../shared/corpus/nist-sp800-63b/sp800-63b.final.d061f42.md', import.meta.url)
const FIXTURE = new URL('../fixtures/small-guide.md', import.meta.url)
/** What the process holds may grow this much after the warm-up, and no more. */
const MAX_HELD_GROWTH = 0.1
/**
 * Resident memory after a full collection still moves by a fifth from one sample to the next (the
 * allocator and V8 give pages back when they choose), so it catches only a gross leak outside what
 * JavaScript holds, such as native memory.
 */
const MAX_RSS_GROWTH = 0.25

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined)
  const place = await databaseFor()
  // Imported by `gloss import` beforehand, so the server never starts its splitting thread (which
  // would hold memory until it goes idle and blur the measurement).
  const source = join(place.folder, 'soak.md')
  await writeFile(source, await readFile(existsSync(NIST) ? NIST : FIXTURE, 'utf8'))
  const imported = await runGloss(['import', source, '--slug', 'soak'], place.env)
  if (imported.code !== 0) throw new Error(`gloss import failed: ${imported.stderr}`)
  const probe = new MemoryProbe()
  const server = await startGlossServer(
    { ...place.env, RATE_LIMITS: 'off', LOG_LEVEL: 'error', NODE_OPTIONS: probe.nodeOptions() },
    [],
    (chunk) => probe.read(chunk),
  )
  const pid = server.child.pid as number
  // Whatever happens to this process, the server it started goes with it.
  const orphan = () => server.child.kill('SIGKILL')
  process.once('exit', orphan)
  try {
    const target = await seed(server.url, options.reviewers ?? 6)
    log(
      `Serving ${server.url} (process ${String(pid)}, ${place.kind}); guide "${target.target.slug}" with ${String(target.target.keys.length)} blocks.`,
    )
    const stats = new LoadStats()
    const stop = new AbortController()
    // Each event stream listens for the end of the run.
    setMaxListeners(200, stop.signal)
    const loops = [
      ...Array.from({ length: options.readers ?? 4 }, () => readLoop(target.target, stats, stop.signal, 40)),
      ...target.cookies.map((cookie) => postLoop(target.target, cookie, stats, stop.signal, 400)),
      ...Array.from({ length: options.streams ?? 75 }, () =>
        streamLoop(target.target, stats, stop.signal, [5_000, 30_000]),
      ),
    ].map((loop) =>
      loop.catch((error: unknown) => stats.done('load', 0, `a load loop failed: ${String(error)}`)),
    )

    const durationMs = options.minutes * 60_000
    const warmUpMs = durationMs * 0.2
    const sampleMs = (options.sampleSeconds ?? 5) * 1000
    const samples: { at: number; heldKb: number; rssKb: number }[] = []
    const started = performance.now()
    while (performance.now() - started < durationMs) {
      await sleep(Math.min(sampleMs, durationMs - (performance.now() - started)))
      const memory = await probe.sample(server.child)
      const at = performance.now() - started
      samples.push({
        at,
        heldKb: Math.round((memory.heapUsed + memory.external) / 1024),
        rssKb: Math.round(memory.rss / 1024),
      })
      log(
        `${(at / 1000).toFixed(0).padStart(4)} s  heap ${mb(memory.heapUsed / 1024)}  external ${mb(memory.external / 1024)}  RSS ${mb(memory.rss / 1024)}  requests ${String(stats.total)}  comments ${String(stats.acknowledged.size)}  streams ${String(stats.streamsOpened)}  events ${String(stats.streamEvents)}  failed ${String(stats.failed)}`,
      )
    }
    stop.abort()
    await Promise.all(loops)
    await server.stop()

    const missing = await missingComments(place, stats.acknowledged)
    const after = samples.filter((s) => s.at >= warmUpMs)
    const report: SoakReport = {
      minutes: options.minutes,
      database: place.kind,
      held: growth(after.map((s) => ({ at: s.at, kb: s.heldKb }))),
      rss: growth(after.map((s) => ({ at: s.at, kb: s.rssKb }))),
      requests: stats.total,
      byKind: Object.fromEntries(stats.requests),
      failed: stats.failed,
      serverErrors: stats.serverErrors.slice(0, 20),
      acknowledged: stats.acknowledged.size,
      missing,
      streamsOpened: stats.streamsOpened,
      streamEvents: stats.streamEvents,
      problems: [],
    }
    if (report.held.growth > MAX_HELD_GROWTH)
      report.problems.push(`held memory grew ${percent(report.held.growth)} after the warm-up`)
    if (report.rss.growth > MAX_RSS_GROWTH)
      report.problems.push(`resident memory grew ${percent(report.rss.growth)} after the warm-up`)
    if (stats.serverErrors.length > 0)
      report.problems.push(`${String(stats.serverErrors.length)} answers were 5xx`)
    if (missing > 0) report.problems.push(`${String(missing)} acknowledged comments are missing`)
    if (stats.acknowledged.size === 0) report.problems.push('no comment was acknowledged')
    return report
  } finally {
    if (server.child.exitCode === null) await server.stop('SIGKILL')
    process.off('exit', orphan)
    await place.drop()
  }
}

/**
 * Growth from the first half of the samples after the warm-up to the second, median against median.
 * Each sample is taken right after a full collection, so it is not a sawtooth but what the process
 * holds plus whatever is in flight at that moment (pages being sent, events being fanned out): noise
 * around a level, which a median reads steadily and a lowest sample does not.
 */
export function growth(samples: { at: number; kb: number }[]): Growth {
  if (samples.length < 4) throw new Error('a soak needs four samples after the warm-up at least')
  const half = Math.floor(samples.length / 2)
  const startKb = median(samples.slice(0, half).map((s) => s.kb))
  const endKb = median(samples.slice(half).map((s) => s.kb))
  return { startKb, endKb, maxKb: Math.max(...samples.map((s) => s.kb)), growth: (endKb - startKb) / startKb }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const high = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
  const low = sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN
  return (low + high) / 2
}

interface Place {
  kind: 'postgres' | 'embedded'
  folder: string
  env: Record<string, string | undefined>
  drop(): Promise<void>
}

/** A fresh PostgreSQL database of the soak's own, or a temporary folder for the embedded one. */
async function databaseFor(): Promise<Place> {
  const admin = process.env.DATABASE_URL
  const folder = await mkdtemp(join(tmpdir(), 'gloss-soak-'))
  if (!admin) {
    return {
      kind: 'embedded',
      folder,
      env: { DATA_DIR: join(folder, 'data'), DATABASE_URL: undefined, CONTENT_DIR: folder },
      drop: () => rm(folder, { recursive: true, force: true }),
    }
  }
  const name = `gloss_soak_${randomBytes(5).toString('hex')}`
  await adminQuery(admin, `create database ${name}`)
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    kind: 'postgres',
    folder,
    env: { DATABASE_URL: url.href, CONTENT_DIR: folder },
    drop: async () => {
      await adminQuery(admin, `drop database if exists ${name} with (force)`)
      await rm(folder, { recursive: true, force: true })
    },
  }
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/** An admin, the imported guide opened for comments, and reviewers signed in. */
async function seed(base: string, reviewers: number): Promise<{ target: Target; cookies: string[] }> {
  const post = async (path: string, body: unknown, cookie = '') => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (response.status >= 300) throw new Error(`POST ${path} answered ${String(response.status)}: ${text}`)
    return {
      json: JSON.parse(text) as Record<string, string>,
      cookie: /gloss_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '',
    }
  }
  const admin = (
    await post('/api/setup', { email: 'admin@example.org', password: PASSWORD, displayName: 'Ada' })
  ).cookie
  await post('/api/guides/soak/editions/1/transitions', { to: 'open' }, admin)
  const { token } = (await post('/api/guides/soak/invitations', { role: 'reviewer', maxUses: 100 }, admin))
    .json
  const cookies: string[] = []
  for (let i = 0; i < reviewers; i++) {
    const joined = await post(`/api/invitations/${token ?? ''}/accept`, {
      email: `reviewer${String(i)}@example.org`,
      password: PASSWORD,
      displayName: `Reviewer ${String(i)}`,
    })
    cookies.push(joined.cookie)
  }
  const edition = (await (await fetch(`${base}/api/guides/soak/editions/1`)).json()) as {
    blocks: { key: string }[]
  }
  return { target: { base, slug: 'soak', keys: edition.blocks.map((b) => b.key) }, cookies }
}

/** Acknowledged comments not in the database with the body they were sent with, read after the server stopped. */
async function missingComments(place: Place, acknowledged: Map<number, string>): Promise<number> {
  const database = await openDatabase({
    databaseUrl: place.env.DATABASE_URL,
    dataDir: place.env.DATA_DIR ?? '',
  })
  try {
    const ids = [...acknowledged.keys()]
    let found = 0
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await database.db
        .selectFrom('comments')
        .select(['id', 'body'])
        .where('id', 'in', ids.slice(i, i + 1000))
        .execute()
      found += rows.filter((row) => acknowledged.get(row.id) === row.body).length
    }
    return ids.length - found
  } finally {
    await database.close()
  }
}

export function describeReport(report: SoakReport): string {
  return [
    `Soak, ${String(report.minutes)} min on ${report.database}: ${report.problems.length === 0 ? 'passed' : `FAILED (${report.problems.join('; ')})`}`,
    `  after the warm-up, each sample right after a full collection, median of the first half then of the second:`,
    `    held (heap and external) ${describeGrowth(report.held)}`,
    `    resident ${describeGrowth(report.rss)}`,
    `  requests ${String(report.requests)} (${Object.entries(report.byKind)
      .map(([k, n]) => `${k} ${String(n)}`)
      .join(', ')})`,
    `  failed ${String(report.failed)}, 5xx ${String(report.serverErrors.length)}${report.serverErrors.length > 0 ? `: ${report.serverErrors.slice(0, 3).join(' | ')}` : ''}`,
    `  comments acknowledged ${String(report.acknowledged)}, missing ${String(report.missing)}`,
    `  event streams opened ${String(report.streamsOpened)}, events received ${String(report.streamEvents)}`,
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--minutes')
  const minutes = at === -1 ? 10 : Number(process.argv[at + 1])
  if (!(minutes > 0)) throw new Error('--minutes takes a number of minutes, such as --minutes 2')
  const report = await runSoak({ minutes, log: (line) => console.log(line) })
  console.log(describeReport(report))
  process.exitCode = report.problems.length === 0 ? 0 : 1
}

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(1)} MB`
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`
}

function describeGrowth(memory: Growth): string {
  return `${mb(memory.startKb)} then ${mb(memory.endKb)} (${percent(memory.growth)}), max ${mb(memory.maxKb)}`
}
