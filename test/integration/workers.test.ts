import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { runGloss, startGlossServer, type ServerProcess } from '../support/process.ts'
import { parseMetrics, sample } from '../support/prometheus.ts'

const POOL = 3

/** Worker pids, from the "listening" line each worker logs. */
const workerPids = (server: ServerProcess): number[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"msg":"listening"'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid)

const running = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`Still waiting for ${what}`)
}

/** The pools' largest size, summed over every worker by the primary: POOL per worker serving. */
const poolMax = async (server: ServerProcess) =>
  sample(parseMetrics(await (await fetch(`${server.url}/metrics`)).text()), 'gloss_db_pool_connections', {
    state: 'max',
  })

describe.runIf(process.env.DATABASE_URL)('gloss serve --workers 2 on PostgreSQL', () => {
  let folder: string
  let database: TestDatabase
  let server: ServerProcess
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-workers-'))
    database = await createTestDatabase()
    server = await startGlossServer(
      {
        DATABASE_URL: database.url,
        DATA_DIR: join(folder, 'data'),
        DB_POOL_SIZE: String(POOL),
        LOG_LEVEL: 'info',
      },
      ['--workers', '2'],
    )
  })
  afterAll(async () => {
    await server.stop('SIGKILL')
    for (const pid of workerPids(server)) if (running(pid)) process.kill(pid, 'SIGKILL')
    await database.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('serves on one port from two processes, each with its own pool, and /metrics adds them up', async () => {
    expect(server.output()).toContain('with 2 workers.')
    // Each worker's own line may reach the output a moment after the primary's.
    await until(
      'both workers',
      () => workerPids(server),
      (pids) => new Set(pids).size === 2,
    )
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    expect(await poolMax(server)).toBe(2 * POOL)
  })

  it('starts a new worker when one dies, and stops them all on SIGTERM', async () => {
    const [victim, survivor] = workerPids(server)
    process.kill(victim ?? 0, 'SIGKILL')
    const pids = await until(
      'a new worker',
      () => workerPids(server),
      (p) => p.length === 3,
    )
    const replacement = pids[2] ?? 0
    expect([victim, survivor]).not.toContain(replacement)
    expect(server.output()).toMatch(/"msg":"a worker died; starting another"/)
    expect(
      await until(
        'two pools again',
        () => poolMax(server),
        (max) => max === 2 * POOL,
      ),
    ).toBe(2 * POOL)
    for (let i = 0; i < 6; i++) expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    expect(await server.stop('SIGTERM')).toBe(0)
    expect([survivor, replacement].filter((pid) => running(pid ?? 0))).toEqual([])
    expect(server.output()).toContain('SIGTERM: stopping 2 workers.')
  })
})

// Whatever the pass: each process here is started without DATABASE_URL, so on the embedded database.
// CI runs this slow tier only on PostgreSQL, where a describe kept to the embedded pass never ran (#18).
describe('the embedded database belongs to one process', () => {
  let folder: string
  let dataDir: string
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-one-'))
    dataDir = join(folder, 'data')
    // No guides to import: the embedded database's first start stays short.
    await mkdir(join(folder, 'content'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('refuses --workers above 1 and says why', async () => {
    const run = await runGloss(['serve', '--workers', '2'], { DATABASE_URL: undefined, DATA_DIR: dataDir })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('--workers 2 needs PostgreSQL: the embedded database runs in one process.')
  })

  it('refuses a second process on the same DATA_DIR, and takes over a lock its owner left behind', async () => {
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, CONTENT_DIR: join(folder, 'content') }
    const first = await startGlossServer(env)
    try {
      const owner = (await readFile(join(dataDir, 'gloss.lock'), 'utf8')).split('\n')[0] ?? ''
      expect(Number(owner)).toBe(first.child.pid)
      const second = await runGloss(['serve'], { ...env, PORT: '0' })
      expect(second.code).toBe(1)
      expect(second.stderr).toContain(`is in use by another Gloss process (pid ${owner})`)
      const migrate = await runGloss(['migrate'], env)
      expect(migrate.code).toBe(1)
      expect(migrate.stderr).toContain('is in use by another Gloss process')
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    } finally {
      // Killed, it cannot remove its lock: the next process finds it stale.
      await first.stop('SIGKILL')
    }
    const after = await startGlossServer(env)
    try {
      expect((await fetch(`${after.url}/healthz`)).status).toBe(200)
      expect(after.output()).toContain('taking it over')
    } finally {
      expect(await after.stop('SIGTERM')).toBe(0)
    }
    await expect(readFile(join(dataDir, 'gloss.lock'))).rejects.toThrow(/ENOENT/)
  }, 240_000)

  it('takes over a lock whose pid now belongs to another process (pids are reused after a restart)', async () => {
    const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, CONTENT_DIR: join(folder, 'content') }
    // This test's own process is alive, but it is not the process that wrote the lock: that one
    // started at another moment of another boot.
    await writeFile(join(dataDir, 'gloss.lock'), `${String(process.pid)}\nanother-boot 12345\n`)
    const server = await startGlossServer(env)
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      expect(server.output()).toContain('taking it over')
      const [pid, identity] = (await readFile(join(dataDir, 'gloss.lock'), 'utf8')).split('\n')
      expect(Number(pid)).toBe(server.child.pid)
      // Linux says which boot and start time the owner has, so the next process can tell.
      expect(identity).toMatch(/^[0-9a-f-]{36} \d+$/)
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0)
    }
  }, 240_000)
})
