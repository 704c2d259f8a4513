import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, startGlossServer } from '../support/process.ts'
import { openDatabase } from '../../src/platform/db/database.ts'
import { fmt, ratio, type Figure } from './figure.ts'
import { seedComments } from './seed.ts'
import { wrk, type LoadResult } from './wrk.ts'
import { Cleanups, TSX, firstLine, freePort, rssBytes, sampleRss, scratchDatabase } from './harness.ts'

const CORPUS_PAGE = join(ROOT, '../shared/corpus/nist-sp800-63b/sp800-63b.final.d061f42.md')
const FALLBACK_PAGE = join(ROOT, 'content/councillors-online.md')
const FRONT_MATTER = '---\nslug: nist\nstate: published\n---\n'
const NGINX = '/usr/sbin/nginx'

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
 * serving the very same bytes as a static file, with wrk in a third process.
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
    // A browser asks for brotli and gets the precompressed bytes; a script asking for nothing gets the
    // page as it is. nginx serves each as a static file: the same bytes, with the same headers' meaning.
    const plain = await rawGet(glossUrl, {})
    const brotli = await rawGet(glossUrl, { 'accept-encoding': 'br' })
    if (brotli.encoding !== 'br') throw new Error('Gloss did not answer with brotli when asked')
    await writeFile(join(webRoot, 'index.html'), plain.body)
    await writeFile(join(webRoot, 'page.br'), brotli.body)
    const nginx = await startNginx(webRoot)
    cleanups.push(() => nginx.stop())
    const sameBytes = async (path: string, headers: Record<string, string>, bytes: Buffer) => {
      const served = await rawGet(`${nginx.url}${path}`, headers)
      if (Buffer.compare(served.body, bytes) !== 0) throw new Error(`nginx ${path} is not Gloss's bytes`)
    }
    await sameBytes('/', {}, plain.body)
    await sameBytes('/page.br', { 'accept-encoding': 'br' }, brotli.body)
    const bareNode = spawn(
      process.execPath,
      [
        ...TSX,
        join(ROOT, 'test/bench/static-node-server.ts'),
        join(webRoot, 'index.html'),
        join(webRoot, 'page.br'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    cleanups.push(() => Promise.resolve(bareNode.kill()))
    const bareUrl = `http://127.0.0.1:${String((JSON.parse(await firstLine(bareNode)) as { port: number }).port)}/`

    const pid = server.child.pid
    if (pid === undefined) throw new Error('The Gloss server has no process id')
    const idleRss = await rssBytes(pid)
    const rss = sampleRss(pid, RSS_EVERY_MS)
    const label = `GET /g/nist/1, ${options.database}`
    const figures: Figure[] = []
    try {
      for (const [encoding, nginxPath, headers, bytes] of [
        ['brotli', '/page.br', { 'accept-encoding': 'br' }, brotli.body.byteLength],
        ['identity', '/', {}, plain.body.byteLength],
      ] as const) {
        const load = (url: string, seconds: number) =>
          wrk(url, { connections: CONNECTIONS, seconds, headers })
        await load(`${nginx.url}${nginxPath}`, WARM_UP_SECONDS)
        const reference = await load(`${nginx.url}${nginxPath}`, SECONDS)
        await load(bareUrl, WARM_UP_SECONDS)
        const bare = await load(bareUrl, SECONDS)
        await load(glossUrl, WARM_UP_SECONDS)
        const gloss = await load(glossUrl, SECONDS)
        figures.push(...rows(`${label} (${encoding}, ${fmt(bytes / 1024, 0)} KB)`, gloss, reference))
        figures.push(bareRow(`${label} (${encoding})`, gloss, bare))
      }
    } finally {
      rss.stop()
    }
    // Every core: the same page from `gloss serve --workers 2` (PostgreSQL only; the embedded database
    // is one process), against the same nginx figure, once the single process has stopped.
    if (options.database === 'postgres') {
      await server.stop()
      const workers = await startGlossServer(env, ['--workers', '2'])
      cleanups.push(() => workers.stop())
      const url = `${workers.url}/g/nist/1`
      const headers = { 'accept-encoding': 'br' }
      await wrk(`${nginx.url}/page.br`, { connections: CONNECTIONS, seconds: WARM_UP_SECONDS, headers })
      const reference = await wrk(`${nginx.url}/page.br`, {
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers,
      })
      await wrk(url, { connections: CONNECTIONS, seconds: WARM_UP_SECONDS, headers })
      const gloss = await wrk(url, { connections: CONNECTIONS, seconds: SECONDS, headers })
      figures.push(...rows(`GET /g/nist/1, postgres, --workers 2 (brotli)`, gloss, reference))
    }

    const logged = server.output().slice(startedAt).trim()
    const loggedLines = logged ? logged.split('\n').filter((line) => /error/i.test(line)) : []
    if (loggedLines.length > 0)
      console.error(
        `Gloss logged ${loggedLines.length} error lines under load, first: ${loggedLines[0] ?? ''}`,
      )
    const first = figures[0]
    if (first)
      first.note = `${CONNECTIONS} connections, ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up; ${what} with ${fmt(COMMENTS, 0)} published comments; ${first.note ?? ''}`
    figures.push({
      figure: `${label}: Gloss peak RSS (MB)`,
      gloss: fmt(rss.peak() / 1024 / 1024, 0),
      reference: '—',
      ratio: '—',
      note: `${fmt(idleRss / 1024 / 1024, 0)} MB idle before the load; sampled every ${RSS_EVERY_MS} ms through warm-up and load`,
    })
    return figures
  } finally {
    await cleanups.run()
  }
}

/** Gloss against what one bare Node process serves of the same bytes: the part of the gap that is Node's. */
function bareRow(label: string, gloss: LoadResult, bare: LoadResult): Figure {
  return {
    figure: `${label}: requests/s against bare node:http`,
    gloss: fmt(gloss.requestsPerSecond, 0),
    reference: `${fmt(bare.requestsPerSecond, 0)} (bare node:http, one process)`,
    ratio: ratio(gloss.requestsPerSecond, bare.requestsPerSecond),
    note: `the same bytes from memory, no routing; p99 ${fmt(bare.p99)} ms`,
  }
}

function rows(label: string, gloss: LoadResult, reference: LoadResult): Figure[] {
  return [
    {
      figure: `${label}: requests/s`,
      gloss: fmt(gloss.requestsPerSecond, 0),
      reference: `${fmt(reference.requestsPerSecond, 0)} (nginx)`,
      ratio: ratio(gloss.requestsPerSecond, reference.requestsPerSecond),
      note: [
        gloss.failures ? `Gloss: ${gloss.failures}` : '',
        reference.failures ? `nginx: ${reference.failures}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    },
    {
      figure: `${label}: p99 latency (ms)`,
      gloss: fmt(gloss.p99),
      reference: `${fmt(reference.p99)} (nginx)`,
      ratio: ratio(gloss.p99, reference.p99),
      note: `median ${fmt(gloss.p50)} ms (Gloss), ${fmt(reference.p50)} ms (nginx)`,
    },
  ]
}

/** The body exactly as sent (no decompression), and its encoding. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          if (response.statusCode !== 200)
            reject(new Error(`GET ${url} answered ${String(response.statusCode)}`))
          else resolve({ body: Buffer.concat(chunks), encoding: response.headers['content-encoding'] ?? '' })
        })
      })
      .on('error', reject)
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
  await chmod(join(root, 'page.br'), 0o644)
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
    location = /page.br { default_type text/html; add_header Content-Encoding br; add_header Vary Accept-Encoding; }
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
