import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { ROOT, runGloss } from '../support/process.ts'

const GLOSS = fileURLToPath(new URL('../../bin/gloss.js', import.meta.url))

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/**
 * `gloss serve` with its standard output and standard error kept apart, as a collector reads the one
 * and a person the other: started, asked for /healthz until it answers, asked `path`, then stopped.
 */
async function serveOnce(env: Record<string, string | undefined>, args: string[] = [], path = '/healthz') {
  const port = await freePort()
  const child = spawn(process.execPath, [GLOSS, 'serve', ...args], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  try {
    for (const deadline = Date.now() + 120_000; ;) {
      const answered = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
      if (answered) break
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`gloss serve did not start:\n${stdout}\n${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect((await fetch(`http://127.0.0.1:${port}${path}`)).status).toBeLessThan(500)
  } finally {
    child.kill('SIGTERM')
  }
  const code = await exited
  return { code, stdout, stderr, port }
}

// Each test starts the real server, which on a busy machine takes a while.
describe(`what gloss serve writes where (${databaseKind})`, { timeout: 180_000 }, () => {
  let folder: string
  let database: TestDatabase | undefined
  // One data folder for every start, one after another: only the first migrates it.
  const env = () => ({
    DATA_DIR: join(folder, 'data'),
    CONTENT_DIR: join(folder, 'content'),
    DATABASE_URL: database?.url,
  })
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-serve-output-'))
    await mkdir(join(folder, 'content'))
    if (databaseKind === 'postgres') database = await createTestDatabase()
  })
  afterAll(async () => {
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('writes only JSON lines on standard output, start to stop; says where it serves, and where people reach it, on standard error; and at debug, each query with its time', async () => {
    const run = await serveOnce(
      { ...env(), LOG_LEVEL: 'debug', PUBLIC_URL: 'https://gloss.example.org' },
      [],
      '/',
    )
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    // Every line parses: a collector reading standard output line by line loses none.
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(parsed.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['listening', 'stopping', 'stopped']),
    )
    expect(parsed.find((line) => line.msg === 'listening')).toMatchObject({
      publicUrl: 'https://gloss.example.org',
    })
    const query = parsed.find((line) => line.level === 'debug' && line.msg === 'query')
    expect(query).toMatchObject({ sql: expect.stringMatching(/select/i), durationMs: expect.any(Number) })
    expect(run.stderr).toContain(
      `Gloss is serving http://127.0.0.1:${run.port} from ${database ? 'PostgreSQL' : 'the embedded database in'}`,
    )
    expect(run.stderr).toContain('; people reach it at https://gloss.example.org.')
    expect(run.stderr).toContain('SIGTERM: stopping.')
  })

  it('at LOG_LEVEL=silent, writes nothing at all', async () => {
    const run = await serveOnce({ ...env(), LOG_LEVEL: 'silent' })
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('')
  })

  it('at info, writes no debug lines', async () => {
    const run = await serveOnce({ ...env(), LOG_LEVEL: 'info' })
    const levels = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { level: string }).level)
    expect(levels).not.toContain('debug')
    expect(levels).toContain('info')
  })

  it('says it cannot reach a database that refuses, with its host and port and never its password', async () => {
    const refused = await runGloss(['serve'], {
      DATABASE_URL: 'postgres://gloss:s3cret-password@127.0.0.1:1/gloss',
      LOG_LEVEL: 'silent',
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('gloss: cannot reach the database at 127.0.0.1:1 (')
    expect(refused.stderr).toContain('ECONNREFUSED')
    expect(refused.stderr).not.toContain('s3cret-password')
    expect(refused.stderr).not.toContain('Migration unknown')
  })

  it.skipIf(databaseKind !== 'postgres')(
    'warns, with the total, when its workers could ask PostgreSQL for more connections than it allows by default',
    async () => {
      const run = await serveOnce({ ...env(), LOG_LEVEL: 'warn', DB_POOL_SIZE: '60' }, ['--workers', '2'])
      const warning = run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.level === 'warn' && line.connections !== undefined)
      expect(warning).toMatchObject({ workers: 2, poolSize: 60, connections: 122 })
    },
  )
})
