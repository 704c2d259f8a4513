import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import pg from 'pg'
import { ROOT } from '../support/process.ts'

const NIST_PAGE = join(ROOT, '../shared/corpus/nist-sp800-63b/sp800-63b.final.d061f42.md')
const FALLBACK_PAGE = join(ROOT, 'content/councillors-online.md')

/** What every benchmark shares: scratch databases, child processes, and reading a process's memory. */

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Things to undo when a benchmark ends, last first, whether it passed or failed. */
export class Cleanups {
  private readonly steps: (() => Promise<unknown>)[] = []
  push(step: () => Promise<unknown>): void {
    this.steps.push(step)
  }
  async run(): Promise<void> {
    for (const step of this.steps.reverse()) {
      await step().catch((error: unknown) => {
        console.error('cleanup failed:', error)
      })
    }
  }
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

/** An empty database on the benchmark server, dropped at cleanup; answers its connection string. */
export async function scratchDatabase(prefix: string, cleanups: Cleanups): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await withClient(ADMIN_URL, (client) => client.query(`create database ${name}`))
  cleanups.push(() =>
    withClient(ADMIN_URL, (client) => client.query(`drop database if exists ${name} with (force)`)),
  )
  const target = new URL(ADMIN_URL)
  target.pathname = `/${name}`
  return target.href
}

/** Runs a command to its end; answers what it printed, or fails with its stderr. */
export function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(stdout + stderr)
      else reject(new Error(`${command} exited with ${String(code)}:\n${stderr}`))
    })
  })
}

/** The resident memory of a process, from /proc. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]
  if (kb === undefined) throw new Error(`No VmRSS for process ${String(pid)}`)
  return Number(kb) * 1024
}

/** Samples a process's memory until stopped; answers the peak. */
export function sampleRss(pid: number, everyMs: number): { peak: () => number; stop: () => void } {
  let peak = 0
  const sample = () => {
    rssBytes(pid).then(
      (bytes) => (peak = Math.max(peak, bytes)),
      () => {},
    )
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return { peak: () => peak, stop: () => clearInterval(timer) }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN

/**
 * A scratch folder with a content folder holding the NIST guide (the corpus's largest, or the repository's
 * own guide when ../shared is missing) under `frontMatter`, removed by `cleanups`.
 */
export async function nistContent(name: string, frontMatter: string, cleanups: Cleanups) {
  const folder = await mkdtemp(join(tmpdir(), `gloss-bench-${name}-`))
  cleanups.push(() => rm(folder, { recursive: true, force: true }))
  const contentDir = join(folder, 'content')
  await mkdir(contentDir)
  const corpus = existsSync(NIST_PAGE)
  await writeFile(
    join(contentDir, 'nist.md'),
    frontMatter + (await readFile(corpus ? NIST_PAGE : FALLBACK_PAGE, 'utf8')),
  )
  return { folder, contentDir, corpus }
}

/** Node's flags for running a TypeScript file as its own process (a load generator, a reference server). */
export const TSX = ['--import', 'tsx']

/** The first line a child process prints (a reference server's port, say). */
export async function firstLine(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error('No output to read')
  const line = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()
  if (line.done) throw new Error('The process printed nothing')
  return line.value
}
