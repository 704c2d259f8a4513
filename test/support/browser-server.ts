import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, databaseKind, type TestDatabase } from './database.ts'
import { ROOT, runGloss, startGlossServer, type RunResult, type ServerProcess } from './process.ts'
import { PASSWORD } from './session.ts'

/** Where browser tests write screenshots: an artifact folder git ignores. */
export const SHOTS = join(ROOT, 'artifacts', 'screenshots')

/** A signed-in API client: method, path, JSON body. */
export type Api = (method: string, path: string, body?: unknown) => Promise<Response>

export interface GuideServer {
  server: ServerProcess
  url: string
  /** The database the server runs on: PostgreSQL when the tests do (DATABASE_URL), else embedded. */
  kind: typeof databaseKind
  /** A folder of the test's own, removed on close (for files to upload or download). */
  folder: string
  /** A signed-in API client for the setup a browser test need not click through. */
  api(email: string): Promise<Api>
  /**
   * Runs the `gloss` command line on this server's database. The embedded database belongs to one
   * process at a time, so there the server stops for the command and starts again on the same port.
   */
  gloss(args: string[]): Promise<RunResult>
  close(): Promise<void>
}

export interface GuideServerOptions {
  /** The sample guide's state on first start: `open` for consultation, `published` to read. */
  state?: 'open' | 'published' | 'draft'
  /** No content at all: an empty instance, as a new host starts. */
  empty?: boolean
  /** Sets up the first admin, `ada@example.org`, with PASSWORD and this display name. */
  admin?: string
}

/**
 * A real `gloss serve` process on the database the test run uses (a fresh PostgreSQL database, or
 * the embedded one in a temporary folder), serving the sample guide in the state asked for.
 */
export async function startGuideServer(options: GuideServerOptions = {}): Promise<GuideServer> {
  const folder = await mkdtemp(join(tmpdir(), 'gloss-browser-'))
  await mkdir(join(folder, 'content'))
  await mkdir(SHOTS, { recursive: true })
  if (!options.empty) {
    const guide = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
    const state = options.state ?? 'published'
    await writeFile(
      join(folder, 'content', 'councillors-online.md'),
      state === 'published' ? guide : guide.replace('lang: en-GB', `lang: en-GB\nstate: ${state}`),
    )
  }
  let database: TestDatabase | undefined
  if (databaseKind === 'postgres') database = await createTestDatabase()
  const env = {
    DATA_DIR: join(folder, 'data'),
    CONTENT_DIR: join(folder, 'content'),
    DATABASE_URL: database?.url,
  }
  let server = await startGlossServer(env)
  if (options.admin) {
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.org', password: PASSWORD, displayName: options.admin }),
    })
    if (setup.status !== 201) throw new Error(`Setting up the admin answered ${String(setup.status)}`)
  }
  const running: GuideServer = {
    server,
    url: server.url,
    kind: databaseKind,
    folder,
    async api(email) {
      const response = await fetch(`${running.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      })
      if (response.status !== 200) throw new Error(`Signing in ${email} answered ${String(response.status)}`)
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      return (method, path, body) =>
        fetch(`${running.url}${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
    },
    async gloss(args) {
      if (database) return runGloss(args, env)
      await server.stop()
      try {
        return await runGloss(args, env)
      } finally {
        server = await startGlossServer({ ...env, PORT: new URL(running.url).port })
        running.server = server
      }
    },
    async close() {
      await server.stop()
      await database?.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
  return running
}
