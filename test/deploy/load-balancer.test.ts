import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { ROOT, startGlossServer, type ServerProcess } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'

const NGINX = '/usr/sbin/nginx'
const hasNginx = existsSync(NGINX)
if (!hasNginx && process.env.CI !== 'true')
  console.warn(
    `load-balancer test skipped: ${NGINX} is missing (apt-get install nginx-light); CI fails without it.`,
  )

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })

/**
 * nginx as deploy/nginx/ ships it, run as this user from a temporary prefix: only the listen line and
 * the upstream's servers are the test's own.
 */
async function startNginx(folder: string, port: number, backends: string[]): Promise<ChildProcess> {
  for (const temp of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) await mkdir(join(folder, temp))
  const shipped = await readFile(join(ROOT, 'deploy/nginx/gloss.conf'), 'utf8')
  expect(shipped).toContain('listen 80;')
  await writeFile(join(folder, 'gloss.conf'), shipped.replace('listen 80;', `listen 127.0.0.1:${port};`))
  const upstream = (await readFile(join(ROOT, 'deploy/nginx/gloss-upstream.conf'), 'utf8')).replace(
    /(\s*server [^;]+;)+/,
    backends.map((backend) => `\n    server ${backend} max_fails=2 fail_timeout=10s;`).join(''),
  )
  await writeFile(join(folder, 'gloss-upstream.conf'), upstream)
  await writeFile(
    join(folder, 'nginx.conf'),
    `${process.getuid?.() === 0 ? `user ${userInfo().username};` : ''}
daemon off;
worker_processes 1;
pid ${folder}/nginx.pid;
error_log ${folder}/error.log warn;
events { worker_connections 512; }
http {
  access_log ${folder}/access.log;
  client_body_temp_path ${folder}/client;
  proxy_temp_path ${folder}/proxy;
  fastcgi_temp_path ${folder}/fastcgi;
  uwsgi_temp_path ${folder}/uwsgi;
  scgi_temp_path ${folder}/scgi;
  include ${folder}/gloss-upstream.conf;
  include ${folder}/gloss.conf;
}
`,
  )
  const nginx = spawn(
    NGINX,
    ['-p', folder, '-c', join(folder, 'nginx.conf'), '-e', join(folder, 'error.log')],
    {
      stdio: 'inherit',
    },
  )
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (up) return nginx
    if (nginx.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(
    `nginx did not start:\n${await readFile(join(folder, 'error.log'), 'utf8').catch(() => '')}`,
  )
}

/**
 * Which Gloss process answered a request: the one whose log has the id nginx gave it. A process logs
 * its request line as it answers, and the line crosses a pipe to us, so it may arrive just after the
 * answer: wait up to two seconds for it; -1 if no process ever logs it.
 */
async function servedBy(servers: ServerProcess[], requestId: string | null): Promise<number> {
  const find = () =>
    servers.findIndex(
      (server) => requestId !== null && server.output().includes(`"requestId":"${requestId}"`),
    )
  let found = find()
  for (let i = 0; found < 0 && i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    found = find()
  }
  return found
}

describe.runIf(process.env.DATABASE_URL && (hasNginx || process.env.CI === 'true'))(
  'two gloss serve processes behind the shipped nginx configuration, on one PostgreSQL',
  () => {
    // Set as the set-up gets that far: a set-up that failed half-way still cleans up what it started.
    let folder = ''
    let database: TestDatabase | undefined
    let servers: ServerProcess[] = []
    let nginx: ChildProcess | undefined
    let site = ''
    let cookie = ''
    let thread = ''
    const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${site}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify(body),
      })

    beforeAll(async () => {
      expect(hasNginx, `${NGINX} is missing: CI installs nginx-light`).toBe(true)
      folder = await mkdtemp(join(tmpdir(), 'gloss-nginx-'))
      await mkdir(join(folder, 'content'))
      database = await createTestDatabase()
      const env = {
        DATABASE_URL: database.url,
        DATA_DIR: join(folder, 'data'),
        CONTENT_DIR: join(folder, 'content'),
        TRUST_PROXY: 'true',
        RATE_LIMITS: 'off',
        LOG_LEVEL: 'info',
      }
      servers = await Promise.all([startGlossServer(env), startGlossServer(env)])
      const port = await freePort()
      site = `http://127.0.0.1:${port}`
      nginx = await startNginx(
        folder,
        port,
        servers.map((server) => new URL(server.url).host),
      )

      const setup = await send('POST', '/api/setup', {
        email: 'ed@example.org',
        password: PASSWORD,
        displayName: 'Ed',
      })
      expect(setup.status).toBe(201)
      cookie = /gloss_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')?.[0] ?? ''
      expect(
        (await send('POST', '/api/guides', { markdown: '# Behind nginx\n\nOne paragraph.\n', slug: 'lb' }))
          .status,
      ).toBe(201)
      expect((await send('POST', '/api/guides/lb/editions/1/transitions', { to: 'open' })).status).toBe(200)
      const edition = (await (await fetch(`${site}/api/guides/lb/editions/1`)).json()) as {
        blocks: { key: string }[]
      }
      thread = `/api/guides/lb/editions/1/blocks/${edition.blocks[1]?.key ?? ''}/comments`
    }, 180_000)
    afterAll(async () => {
      nginx?.kill('SIGTERM')
      await Promise.all(servers.map((server) => server.stop()))
      await database?.close()
      if (folder) await rm(folder, { recursive: true, force: true })
    })

    it('reads pages through the proxy, answers health checks, and keeps /metrics from outside', async () => {
      const page = await fetch(`${site}/g/lb`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Behind nginx')
      expect((await fetch(`${site}/healthz`)).status).toBe(200)
      const metrics = await fetch(`${site}/metrics`)
      expect(metrics.status).toBe(404)
      expect(await metrics.text()).not.toContain('gloss_http_requests_total')
      // The id nginx gave the request is the one Gloss logged and answered with.
      const id = page.headers.get('x-request-id')
      expect(id).toMatch(/^[0-9a-f]{32}$/)
      expect(await servedBy(servers, id)).toBeGreaterThanOrEqual(0)
    })

    it('takes a form or API call from the site itself, and refuses one from another site', async () => {
      const own = await send('POST', thread, { kind: 'comment', body: 'From the site' }, { origin: site })
      expect(own.status).toBe(201)
      const other = await send(
        'POST',
        thread,
        { kind: 'comment', body: 'From elsewhere' },
        { origin: 'https://elsewhere.example' },
      )
      expect(other.status).toBe(403)
      expect(await other.json()).toMatchObject({ code: 'cross-origin' })
    })

    it('carries a comment posted through one process to a stream held through the other', async () => {
      // Round robin puts two streams opened in a row on different processes; the logs say which.
      const streams = [
        await fetch(`${site}/api/guides/lb/editions/1/events`),
        await fetch(`${site}/api/guides/lb/editions/1/events`),
      ]
      const holders = await Promise.all(streams.map((s) => servedBy(servers, s.headers.get('x-request-id'))))
      expect(holders.sort()).toEqual([0, 1])
      const readers = streams.map((s) => new SseReader(s))
      await new Promise((resolve) => setTimeout(resolve, 200))
      const posted = await send('POST', thread, { kind: 'comment', body: 'Across the proxy' })
      expect(posted.status).toBe(201)
      const { id } = (await posted.json()) as { id: string }
      const poster = await servedBy(servers, posted.headers.get('x-request-id'))
      expect([0, 1]).toContain(poster)
      // Both streams have it: the one on the other process got it through NOTIFY, unbuffered by nginx.
      for (const reader of readers) {
        const events = await reader.waitFor(1)
        expect(events.map((e) => (JSON.parse(e.data) as { id?: string }).id)).toContain(id)
      }
      await Promise.all(readers.map((r) => r.close()))
    })

    it('loses no acknowledged comment when one process stops, and the other takes the rest', async () => {
      const acknowledged = new Map<string, string>()
      const statuses: number[] = []
      let stopped = false
      let afterStop = 0
      const writer = async (w: number) => {
        for (let i = 0; afterStop < 40; i++) {
          const body = `Writer ${w}, comment ${i}`
          const response = await send('POST', thread, { kind: 'comment', body }).catch(() => undefined)
          const status = response?.status ?? 0
          statuses.push(status)
          if (status === 201) acknowledged.set(((await response?.json()) as { id: string }).id, body)
          if (stopped) afterStop++
        }
      }
      const writing = Promise.all([0, 1, 2, 3].map(writer))
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect(await servers[0]?.stop('SIGTERM')).toBe(0)
      stopped = true
      await writing

      if (!database) throw new Error('no database')
      const stored = await database.db
        .selectFrom('comments')
        .select(['id', 'body'])
        .where('id', 'in', [...acknowledged.keys()].map(Number))
        .execute()
      expect(new Map(stored.map((row) => [String(row.id), row.body]))).toEqual(acknowledged)
      // Once it has gone, nginx sends every comment to the process left.
      expect(statuses.slice(-20).every((status) => status === 201)).toBe(true)
      expect(acknowledged.size).toBeGreaterThan(40)
    }, 120_000)
  },
)
