import type autocannon from 'autocannon'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, startGlossServer } from '../support/process.ts'
import { openDatabase } from '../../src/db/database.ts'
import { fmt, megabytes, ratio, type Figure } from './figure.ts'
import { seedComments } from './seed.ts'
import { Cleanups, freePort, rssBytes, sampleRss, scratchDatabase } from './harness.ts'

const CORPUS_PAGE = join(ROOT, '../shared/corpus/nist-sp800-63b/sp800-63b.final.d061f42.md')
const FALLBACK_PAGE = join(ROOT, 'content/councillors-online.md')
const FRONT_MATTER = '---\nslug: nist\nstate: published\n---\n'
const NGINX = '/usr/sbin/nginx'
const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js')

const CONNECTIONS = 64
const COMMENTS = 5000
const SECONDS = 10
const WARM_UP_SECONDS = 2
const RSS_EVERY_MS = 200

export interface ReadPageOptions {
  database: 'postgres' | 'embedded'
}

/**
 * The reading page of a large published guide under load: Gloss (its own process) against nginx
 * serving the very same bytes as a static file, with autocannon in a third process.
 */
export async function benchReadPage(options: ReadPageOptions): Promise<Figure[]> {
  const cleanups = new Cleanups()
  try {
    const corpus = existsSync(CORPUS_PAGE)
    const source = FRONT_MATTER + (await readFile(corpus ? CORPUS_PAGE : FALLBACK_PAGE, 'utf8'))
    const what = corpus
      ? 'NIST SP 800-63B'
      : 'councillors-online.md (../shared/corpus missing, fell back to content/)'

    const folder = await mkdtemp(join(tmpdir(), 'gloss-bench-read-'))
    cleanups.push(() => rm(folder, { recursive: true, force: true }))
    const contentDir = join(folder, 'content')
    await mkdir(contentDir)
    const webRoot = await mkdtemp(join(tmpdir(), 'gloss-bench-nginx-'))
    cleanups.push(() => rm(webRoot, { recursive: true, force: true }))
    await writeFile(join(contentDir, 'nist.md'), source)

    let databaseUrl: string | undefined
    if (options.database === 'postgres') {
      databaseUrl = await scratchDatabase('gloss_bench_read', cleanups)
    }

    const env = {
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: contentDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'error',
      RATE_LIMITS: 'off',
    }
    // The first start imports the guide; the comments go in while no server holds the embedded database.
    await (await startGlossServer(env)).stop()
    const seeding = await openDatabase({ databaseUrl, dataDir: env.DATA_DIR })
    try {
      await seedComments(seeding.db, { slug: 'nist', number: 1, count: COMMENTS })
    } finally {
      await seeding.close()
    }
    const server = await startGlossServer(env)
    const startedAt = server.output().length
    cleanups.push(async () => {
      const beforeStop = server.output().length
      await server.stop()
      const atStop = server.output().slice(beforeStop).trim()
      const errors = atStop.split('\n').filter((line) => /error/i.test(line))
      if (errors.length > 0)
        console.error(
          `Gloss (${options.database}) logged ${errors.length} error lines while stopping: ${errors[0]}`,
        )
    })
    const glossUrl = `${server.url}/g/nist/1`
    const first = await fetch(glossUrl)
    if (first.status !== 200) throw new Error(`GET ${glossUrl} answered ${first.status}`)
    const page = new Uint8Array(await first.arrayBuffer())
    await writeFile(join(webRoot, 'index.html'), page)

    const nginx = await startNginx(webRoot)
    cleanups.push(() => nginx.stop())
    const nginxUrl = `${nginx.url}/`
    const served = new Uint8Array(await (await fetch(nginxUrl)).arrayBuffer())
    if (Buffer.compare(served, page) !== 0) throw new Error('nginx does not serve the same bytes as Gloss')

    await load(nginxUrl, WARM_UP_SECONDS)
    const reference = await load(nginxUrl, SECONDS)

    const pid = server.child.pid
    if (pid === undefined) throw new Error('The Gloss server has no process id')
    const idleRss = await rssBytes(pid)
    const rss = sampleRss(pid, RSS_EVERY_MS)
    let gloss: autocannon.Result
    try {
      await load(glossUrl, WARM_UP_SECONDS)
      gloss = await load(glossUrl, SECONDS)
    } finally {
      rss.stop()
    }

    const logged = server.output().slice(startedAt).trim()
    const loggedLines = logged ? logged.split('\n').filter((line) => /error/i.test(line)) : []
    const label = `GET /g/nist/1, ${options.database}`
    const settings = `${CONNECTIONS} connections, ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up; ${what} with ${fmt(COMMENTS, 0)} published comments, ${fmt(page.byteLength / 1024, 0)} KB page`
    return [
      {
        figure: `${label}: requests/s`,
        gloss: fmt(gloss.requests.average, 0),
        reference: `${fmt(reference.requests.average, 0)} (nginx)`,
        ratio: ratio(gloss.requests.average, reference.requests.average),
        note: [
          settings,
          `${megabytes(gloss.throughput.average)}/s (Gloss), ${megabytes(reference.throughput.average)}/s (nginx)`,
          problems('Gloss', gloss),
          loggedLines.length > 0
            ? `Gloss logged ${loggedLines.length} error lines under load, first: ${loggedLines[0]?.slice(0, 120) ?? ''}`
            : '',
          problems('nginx', reference),
        ]
          .filter(Boolean)
          .join('; '),
      },
      {
        figure: `${label}: p99 latency (ms)`,
        gloss: fmt(gloss.latency.p99),
        reference: `${fmt(reference.latency.p99)} (nginx)`,
        ratio: ratio(gloss.latency.p99, reference.latency.p99),
        note: `median ${fmt(gloss.latency.p50)} ms (Gloss), ${fmt(reference.latency.p50)} ms (nginx)`,
      },
      {
        figure: `${label}: Gloss peak RSS (MB)`,
        gloss: fmt(rss.peak() / 1024 / 1024, 0),
        reference: '—',
        ratio: '—',
        note: `${fmt(idleRss / 1024 / 1024, 0)} MB idle before the load; sampled every ${RSS_EVERY_MS} ms through warm-up and load`,
      },
    ]
  } finally {
    await cleanups.run()
  }
}

function problems(who: string, result: autocannon.Result): string {
  const parts: string[] = []
  if (result.non2xx > 0) parts.push(`${result.non2xx} non-2xx`)
  if (result.errors > 0) parts.push(`${result.errors} errors`)
  if (result.timeouts > 0) parts.push(`${result.timeouts} timeouts`)
  return parts.length > 0 ? `${who}: ${parts.join(', ')}` : ''
}

/** Runs autocannon as its own process, so the load generator does not share an event loop with anything. */
function load(url: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [AUTOCANNON, '--json', '-c', String(CONNECTIONS), '-d', String(seconds), url],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`autocannon exited with ${code}:\n${stderr}`))
        return
      }
      try {
        resolve(JSON.parse(stdout) as autocannon.Result)
      } catch (error) {
        reject(new Error(`autocannon printed no JSON:\n${stdout}\n${stderr}`, { cause: error }))
      }
    })
  })
}

interface Nginx {
  url: string
  stop(): Promise<void>
}

/** nginx in the foreground with its own config, prefix and pid file, serving `root`. */
async function startNginx(root: string): Promise<Nginx> {
  const port = await freePort()
  // Run as root, nginx's worker becomes `nobody`, which must be able to read the page.
  await chmod(root, 0o755)
  await chmod(join(root, 'index.html'), 0o644)
  const conf = join(root, 'nginx.conf')
  await writeFile(
    conf,
    `daemon off;
worker_processes 1;
pid ${root}/nginx.pid;
error_log ${root}/error.log;
events {}
http {
  access_log off;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { default_type text/html; }
  }
}
`,
  )
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', root], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) {
      const log = await readFile(join(root, 'error.log'), 'utf8').catch(() => '')
      throw new Error(`nginx exited with ${child.exitCode}:\n${output}\n${log}`)
    }
    try {
      const response = await fetch(`${url}/`)
      await response.arrayBuffer()
      if (response.status === 200) return { url, stop }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`nginx did not answer on ${url}:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
