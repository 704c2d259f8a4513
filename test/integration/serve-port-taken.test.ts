import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { ROOT } from '../support/process.ts'

const GLOSS = fileURLToPath(new URL('../../bin/gloss.js', import.meta.url))

describe(`gloss serve on a port already taken (${databaseKind})`, () => {
  let folder: string
  let database: TestDatabase | undefined
  let holder: Server
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-port-taken-'))
    await mkdir(join(folder, 'content'))
    if (databaseKind === 'postgres') database = await createTestDatabase()
    holder = createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve))
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('says the port is in use and exits with 1, keeping nothing open', async () => {
    const { port } = holder.address() as AddressInfo
    const child = spawn(process.execPath, [GLOSS, 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: join(folder, 'data'),
        CONTENT_DIR: join(folder, 'content'),
        DATABASE_URL: database?.url,
        LOG_LEVEL: 'silent',
      },
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    // A process that hangs on its pool or timers is killed after a while, and so fails the test.
    const hung = setTimeout(() => child.kill('SIGKILL'), 45_000)
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    clearTimeout(hung)
    expect(code).toBe(1)
    expect(stderr).toContain(`gloss: port ${String(port)} on 127.0.0.1 is in use by another program`)
    expect(stderr).toContain('set PORT to a free port')
  }, 60_000)
})
