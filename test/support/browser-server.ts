import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestDatabase, databaseKind, type TestDatabase } from './database.ts'
import { ROOT, startGlossServer, type ServerProcess } from './process.ts'
import { PASSWORD } from './session.ts'

/** Where browser tests write screenshots: an artifact folder git ignores. */
export const SHOTS = join(ROOT, 'artifacts', 'screenshots')

export interface GuideServer {
  server: ServerProcess
  url: string
  /** The database the server runs on: PostgreSQL when the tests do (DATABASE_URL), else embedded. */
  kind: typeof databaseKind
  /** A signed-in API client for the setup a browser test need not click through. */
  api(email: string): Promise<(method: string, path: string, body?: unknown) => Promise<Response>>
  close(): Promise<void>
}

export interface GuideServerOptions {
  /** The sample guide's state on first start: `open` for consultation, `published` to read. */
  state?: 'open' | 'published' | 'draft'
  /** Sets up the first admin, `ada@example.org`, with PASSWORD. */
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
  const guide = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
  const state = options.state ?? 'published'
  await writeFile(
    join(folder, 'content', 'councillors-online.md'),
    state === 'published' ? guide : guide.replace('lang: en-GB', `lang: en-GB\nstate: ${state}`),
  )
  let database: TestDatabase | undefined
  if (databaseKind === 'postgres') database = await createTestDatabase()
  const server = await startGlossServer({
    DATA_DIR: join(folder, 'data'),
    CONTENT_DIR: join(folder, 'content'),
    DATABASE_URL: database?.url,
  })
  if (options.admin) {
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.org', password: PASSWORD, displayName: options.admin }),
    })
    if (setup.status !== 201) throw new Error(`Setting up the admin answered ${String(setup.status)}`)
  }
  return {
    server,
    url: server.url,
    kind: databaseKind,
    async api(email) {
      const response = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      })
      if (response.status !== 200) throw new Error(`Signing in ${email} answered ${String(response.status)}`)
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      return (method, path, body) =>
        fetch(`${server.url}${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
    },
    async close() {
      await server.stop()
      await database?.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}
