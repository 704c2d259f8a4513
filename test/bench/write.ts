import { spawn } from 'node:child_process'
import { get } from 'node:http'
import { availableParallelism } from 'node:os'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT, startGlossServer } from '../support/process.ts'
import { fmt, ratio, type Figure } from './figure.ts'
import {
  Cleanups,
  TSX,
  firstLine,
  nistContent,
  percentile,
  run,
  scratchDatabase,
  withClient,
} from './harness.ts'
import { cpuTimes, postgresTimes } from './cpu.ts'
import type { WriteLoadPlan, WriteLoadResult } from './write-load.ts'
import { CAMPAIGN_TEXTS, campaignCopy, seeded, unrelatedComment } from '../support/campaign-texts.ts'
import { corpusSentences } from '../support/corpus-sentences.ts'

const FRONT_MATTER = '---\nslug: nist\nstate: open\n---\n'
const PGBENCH = '/usr/lib/postgresql/15/bin/pgbench'
const CONNECTIONS = 32
const SECONDS = 10
const PASSWORD = 'bench password that is long enough'
/** More comments than the fastest run posts, so that none is posted twice. */
const BODIES = 40_000
const IN_CAMPAIGNS = 0.2

/** The reference: PostgreSQL alone inserting one comment-like row per transaction from 32 clients. */
const PGBENCH_TABLE = `create table comments (
  id integer generated always as identity primary key,
  edition_id integer not null,
  block_key text,
  author_id integer not null,
  body text not null,
  idempotency_key text,
  created_at timestamptz not null default now(),
  unique (author_id, idempotency_key)
)`
const PGBENCH_SCRIPT = `insert into comments (edition_id, block_key, author_id, body, idempotency_key)
  values (1, 'b' || :client_id, :client_id, 'Comment from a reviewer: the second sentence reads ambiguously.', md5(random()::text));
`

/**
 * Signed-in reviewers posting comments through the API, from a separate process, to one `gloss serve`
 * and then to `gloss serve --workers 2` (each on a fresh database), then once more to one process with
 * every comment a copy of one text (grouping's worst case), against pgbench inserting single
 * rows with prepared statements on the same PostgreSQL server, in the same run. Afterwards every
 * acknowledged comment must be found in the database. Node CPU per post is the server processes' own
 * CPU time (user and system, workers and primary) over the run, divided by the comments acknowledged.
 */
export async function benchWrite(): Promise<Figure[]> {
  const cleanups = new Cleanups()
  try {
    const { folder, contentDir } = await nistContent('write', FRONT_MATTER, cleanups)
    const tps = await pgbench(folder, cleanups)
    const figures: Figure[] = []
    const consultation = consultationBodies()
    figures.push(
      ...(await floorWrites(
        folder,
        contentDir,
        { bodies: consultation, tps: tps.tps, pgbenchLatency: tps.latency },
        cleanups,
      )),
    )
    for (const [workers, bodies] of [
      [1, consultation],
      [2, consultation],
      [1, []],
    ] as const) {
      const run = { workers, bodies, tps: tps.tps, pgbenchLatency: tps.latency }
      figures.push(...(await glossWrites(folder, contentDir, run, cleanups)))
    }
    return figures
  } finally {
    await cleanups.run()
  }
}

/**
 * A server people use renders pages as well as taking comments, and its first page turns hono/jsx's
 * AsyncLocalStorage on, whose hooks then run for every promise the process makes, posting's included.
 * So each worker renders the guide's page before the posting starts: a page read on connections of
 * their own, which the cluster hands to its workers in turn.
 */
async function readPageOnEachWorker(url: string, workers: number): Promise<void> {
  for (let i = 0; i < workers * 2; i++) {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`${url}/g/nist/1`, { agent: false }, (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode))
      }).on('error', reject)
    })
    if (status !== 200) throw new Error(`GET /g/nist/1 answered ${String(status)}`)
  }
}

/** A reviewer's session cookie (`name=value`), signed in through the API. */
async function signIn(url: string, email: string): Promise<string> {
  const answer = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  const cookie = answer.headers.getSetCookie()[0]?.split(';')[0]
  if (answer.status !== 200 || cookie === undefined)
    throw new Error(`${email} could not sign in: ${String(answer.status)} ${await answer.text()}`)
  return cookie
}

async function pgbench(folder: string, cleanups: Cleanups): Promise<{ tps: number; latency: number }> {
  const referenceDb = await scratchDatabase('gloss_bench_pgbench', cleanups)
  await withClient(referenceDb, (client) => client.query(PGBENCH_TABLE))
  const scriptFile = join(folder, 'insert.sql')
  await writeFile(scriptFile, PGBENCH_SCRIPT)
  const target = new URL(referenceDb)
  const pgbenchOutput = await run(PGBENCH, [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(CONNECTIONS),
    '-j',
    '2',
    '-T',
    String(SECONDS),
    '-r',
    '-f',
    scriptFile,
    '-h',
    decodeURIComponent(target.hostname),
    '-p',
    target.port || '5432',
    '-U',
    decodeURIComponent(target.username) || 'postgres',
    target.pathname.slice(1),
  ])
  return {
    tps: Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(pgbenchOutput)?.[1]),
    latency: Number(/latency average = ([\d.]+) ms/.exec(pgbenchOutput)?.[1]),
  }
}

/**
 * What a consultation's reviewers write: 20 % copies of five campaign texts with varied wording (as
 * the campaigns benchmark has them), the rest each a comment of its own, from real guides' sentences.
 */
function consultationBodies(): string[] {
  const random = seeded(18)
  const sentences = corpusSentences()
  return Array.from({ length: BODIES }, () =>
    random.next() < IN_CAMPAIGNS
      ? campaignCopy(Math.floor(random.next() * CAMPAIGN_TEXTS), random)
      : unrelatedComment(random, sentences),
  )
}

interface WriteRun {
  workers: number
  /** The comments' words; none for every reviewer posting a numbered copy of one text. */
  bodies: readonly string[]
  tps: number
  pgbenchLatency: number
}

async function glossWrites(
  folder: string,
  contentDir: string,
  { workers, bodies, tps, pgbenchLatency }: WriteRun,
  cleanups: Cleanups,
): Promise<Figure[]> {
  const glossDb = await scratchDatabase(`gloss_bench_write_${String(workers)}`, cleanups)
  const server = await startGlossServer(
    {
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: contentDir,
      DATABASE_URL: glossDb,
      LOG_LEVEL: 'error',
      RATE_LIMITS: 'off',
    },
    workers > 1 ? ['--workers', String(workers)] : [],
  )
  cleanups.push(() => server.stop())
  const pid = server.child.pid ?? 0
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD, displayName: 'Bench admin' }),
  })
  if (setup.status !== 201) throw new Error(`POST /api/setup answered ${setup.status}: ${await setup.text()}`)
  await readPageOnEachWorker(server.url, workers)

  // Reviewers share the admin's password hash: each then signs in for real through the API.
  const emails = Array.from({ length: CONNECTIONS }, (_, i) => `reviewer-${i}@example.org`)
  const blockKeys = await withClient(glossDb, async (client) => {
    const guide = await client.query<{ id: number }>(`select id from guides where slug = 'nist'`)
    const guideId = guide.rows[0]?.id
    if (guideId === undefined) throw new Error('The guide was not imported')
    await client.query(
      `with reviewers as (
         insert into people (email, display_name, password_hash)
         select email, 'Reviewer ' || email, (select password_hash from people where email = 'admin@example.org')
         from unnest($1::text[]) as email
         returning id)
       insert into roles (guide_id, person_id, role) select $2, id, 'reviewer' from reviewers`,
      [emails, guideId],
    )
    const keys = await client.query<{ key: string }>(
      `select b.key from blocks b join editions e on e.id = b.edition_id
       where e.guide_id = $1 and e.number = 1 order by b.ordinal`,
      [guideId],
    )
    return keys.rows.map((row) => row.key)
  })

  // Signing in hashes a password on purpose slowly: done here, before the CPU clock starts, so the
  // figure per post is posting's alone.
  const cookies: string[] = []
  for (const email of emails) cookies.push(await signIn(server.url, email))
  const plan: WriteLoadPlan = {
    url: server.url,
    slug: 'nist',
    number: 1,
    blockKeys,
    cookies,
    bodies: [...bodies],
    seconds: SECONDS,
  }
  // Posting answers before placing each comment in its campaign: the clock stops once every comment
  // acknowledged is placed (each bench comment is long enough), so the CPU per post includes it.
  const placed = { count: 0 }
  const measured = await measurePosting(pid, plan, folder, glossDb, async (acknowledged) => {
    placed.count = await withClient(glossDb, async (client) => {
      const deadline = Date.now() + 60_000
      for (;;) {
        const found = await client.query<{ count: string }>(
          `select count(*) from campaign_texts where comment_id = any($1::int[])`,
          [acknowledged],
        )
        const count = Number(found.rows[0]?.count ?? 0)
        if (count >= acknowledged.length || Date.now() > deadline) return count
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })
  })
  await server.stop()

  const label = `POST comments, postgres, ${workers === 1 ? 'one process' : `--workers ${String(workers)}`}${bodies.length === 0 ? ', every comment a copy of one text' : ''}`
  const acknowledged = measured.result.acknowledged.length
  return [
    ...postingFigures(
      label,
      measured,
      { tps, pgbenchLatency },
      'from the first post until every comment was placed',
    ),
    {
      figure: `${label}: acknowledged comments placed in campaigns`,
      gloss: `${fmt(placed.count, 0)} of ${fmt(acknowledged, 0)}`,
      reference: '—',
      ratio: '—',
      note: `grouping runs just after each answer, in batches: the last was placed ${fmt(Math.max(0, measured.clockSeconds - measured.result.seconds), 1)} s after the posting stopped (counting the load generator's start-up)`,
    },
  ]
}

/** What one posting run measured: the load's own result, and the CPU each side used over it. */
interface Measured {
  result: WriteLoadResult
  /** The server processes' CPU time (user and system), in milliseconds. */
  cpuUsed: number
  cpuSystem: number
  postgresUsed: number
  /** From the first post until `settled` returned. */
  clockSeconds: number
  /** Of the acknowledged comments, those found in the database by id afterwards. */
  stored: number
}

/**
 * Runs the load generator's plan against the server `pid` and reads the CPU used by it and by
 * PostgreSQL from the first post until `settled` (Gloss's placing catching up) returns, then counts the
 * acknowledged comments the database holds.
 */
async function measurePosting(
  pid: number,
  plan: WriteLoadPlan,
  folder: string,
  databaseUrl: string,
  settled: (acknowledged: string[]) => Promise<void> = () => Promise.resolve(),
): Promise<Measured> {
  const planFile = join(folder, 'plan.json')
  await writeFile(planFile, JSON.stringify(plan))
  const cpuBefore = await cpuTimes(pid)
  const postgresBefore = await postgresTimes()
  const clockStarted = performance.now()
  const result = JSON.parse(
    await run(process.execPath, [...TSX, join(ROOT, 'test/bench/write-load.ts'), planFile]),
  ) as WriteLoadResult
  await settled(result.acknowledged)
  const cpuAfter = await cpuTimes(pid)
  const postgresAfter = await postgresTimes()
  const clockSeconds = (performance.now() - clockStarted) / 1000
  const stored = await withClient(databaseUrl, async (client) => {
    const found = await client.query<{ count: string }>(
      `select count(*) from comments where id = any($1::int[])`,
      [result.acknowledged],
    )
    return Number(found.rows[0]?.count ?? 0)
  })
  const cpuSystem = cpuAfter.system - cpuBefore.system
  return {
    result,
    cpuUsed: cpuAfter.user - cpuBefore.user + cpuSystem,
    cpuSystem,
    postgresUsed: postgresAfter.user + postgresAfter.system - postgresBefore.user - postgresBefore.system,
    clockSeconds,
    stored,
  }
}

/** The figures every posting run reports: rate against pgbench, latency, CPU per post and split, and storage. */
function postingFigures(
  label: string,
  { result, cpuUsed, cpuSystem, postgresUsed, clockSeconds, stored }: Measured,
  { tps, pgbenchLatency }: { tps: number; pgbenchLatency: number },
  clockSpan: string,
): Figure[] {
  const acknowledged = result.acknowledged.length
  const perSecond = acknowledged / result.seconds
  const sorted = [...result.latencies].sort((a, b) => a - b)
  const failures = Object.entries(result.failures)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ')
  return [
    {
      figure: `${label}: comments/s`,
      gloss: fmt(perSecond, 0),
      reference: `${fmt(tps, 0)} (pgbench tps)`,
      ratio: ratio(perSecond, tps),
      note: [
        `${CONNECTIONS} writers, ${SECONDS} s, one Idempotency-Key per request; pgbench -M prepared -c ${CONNECTIONS} -j 2 inserting single rows`,
        failures ? `not acknowledged: ${failures}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    },
    {
      figure: `${label}: p99 latency (ms)`,
      gloss: fmt(percentile(sorted, 0.99)),
      reference: `${fmt(pgbenchLatency)} (pgbench mean)`,
      ratio: '—',
      note: `median ${fmt(percentile(sorted, 0.5))} ms`,
    },
    {
      figure: `${label}: Node CPU per post (ms)`,
      gloss: fmt(cpuUsed / Math.max(1, acknowledged)),
      reference: '—',
      ratio: '—',
      note: `server processes only (workers and primary, user and system time), over the posting run: ${fmt(cpuUsed / 1000 / result.seconds)} cores busy on average, ${fmt((100 * cpuSystem) / Math.max(1, cpuUsed), 0)} % of it in the kernel`,
    },
    {
      figure: `${label}: CPU split (cores busy on average)`,
      gloss: fmt(cpuUsed / 1000 / clockSeconds),
      reference: '—',
      ratio: '—',
      note: `server ${fmt(cpuUsed / 1000 / clockSeconds)}, PostgreSQL ${fmt(postgresUsed / 1000 / clockSeconds)}, load generator ${fmt(result.cpuMs / 1000 / clockSeconds)}, of ${String(availableParallelism())} cores, over the ${fmt(clockSeconds, 1)} s ${clockSpan}`,
    },
    {
      figure: `${label}: acknowledged comments stored`,
      gloss: `${fmt(stored, 0)} of ${fmt(acknowledged, 0)}`,
      reference: '—',
      ratio: '—',
      note: stored === acknowledged ? 'every 201 found by id' : 'SOME 201s ARE MISSING',
    },
  ]
}

/**
 * The floor under Gloss's figures (write-floor-server.ts): the same load, bodies and 32 writers against
 * a bare node:http server that puts each turn's posts into Gloss's `comments` table in one insert and
 * does nothing else, on a database Gloss has migrated and imported the guide into. What is left between
 * it and pgbench is the table (its search vector and indexes), node-postgres and node:http; what is
 * left between Gloss and it is Gloss's own work.
 */
async function floorWrites(
  folder: string,
  contentDir: string,
  { bodies, tps, pgbenchLatency }: Omit<WriteRun, 'workers'>,
  cleanups: Cleanups,
): Promise<Figure[]> {
  const floorDb = await scratchDatabase('gloss_bench_write_floor', cleanups)
  // Gloss makes the tables and reads the guide in, then leaves the machine to the floor.
  const gloss = await startGlossServer({
    DATA_DIR: join(folder, 'data'),
    CONTENT_DIR: contentDir,
    DATABASE_URL: floorDb,
    LOG_LEVEL: 'error',
  })
  await gloss.stop()
  const { guideId, editionId, authorId, blockKeys } = await withClient(floorDb, async (client) => {
    const edition = await client.query<{ guideId: number; editionId: number }>(
      `select g.id as "guideId", e.id as "editionId" from guides g join editions e on e.guide_id = g.id
       where g.slug = 'nist' and e.number = 1`,
    )
    const author = await client.query<{ id: number }>(
      `insert into people (email, display_name) values ('floor@example.org', 'Floor') returning id`,
    )
    const first = edition.rows[0]
    const authorId = author.rows[0]?.id
    if (first === undefined || authorId === undefined) throw new Error('The guide was not imported')
    const keys = await client.query<{ key: string }>(
      `select key from blocks where edition_id = $1 order by ordinal`,
      [first.editionId],
    )
    return { ...first, authorId, blockKeys: keys.rows.map((row) => row.key) }
  })
  const floor = spawn(
    process.execPath,
    [
      ...TSX,
      join(ROOT, 'test/bench/write-floor-server.ts'),
      String(guideId),
      String(editionId),
      String(authorId),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DATABASE_URL: floorDb } },
  )
  const stop = () => Promise.resolve(floor.kill())
  cleanups.push(stop)
  const url = `http://127.0.0.1:${String((JSON.parse(await firstLine(floor)) as { port: number }).port)}`
  const measured = await measurePosting(
    floor.pid ?? 0,
    {
      url,
      slug: 'nist',
      number: 1,
      blockKeys,
      cookies: Array.from({ length: CONNECTIONS }, () => ''),
      bodies: [...bodies],
      seconds: SECONDS,
    },
    folder,
    floorDb,
  )
  await stop()
  return postingFigures(
    'POST comments, postgres, the floor (node:http and one insert a turn into the comments table, nothing else)',
    measured,
    { tps, pgbenchLatency },
    'of posting',
  )
}
