import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'

/** `gloss serve` as a newcomer runs it: its own process, an empty database, the guides in content/. */
describe(`a fresh instance serves the sample guide (${databaseKind})`, () => {
  let folder: string
  let database: TestDatabase | undefined
  let server: ServerProcess
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-serve-'))
    if (process.env.DATABASE_URL) database = await createTestDatabase()
    server = await startGlossServer({ DATA_DIR: join(folder, 'data'), DATABASE_URL: database?.url })
  })
  afterAll(async () => {
    await server.stop()
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('imports content/ as published on first start and serves it', async () => {
    expect(server.output()).toMatch(/Imported councillors-online: edition 1, \d+ blocks, published\./)
    const home = await fetch(server.url)
    expect(await home.text()).toContain('Councillors Online')
    const page = await fetch(`${server.url}/g/councillors-online`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html.match(/data-block="/g)?.length ?? 0).toBeGreaterThanOrEqual(60)
    const health = await fetch(`${server.url}/healthz`)
    expect(await health.json()).toEqual({ status: 'ok', database: databaseKind })
  })

  it('stops cleanly on SIGTERM', async () => {
    const code = await server.stop('SIGTERM')
    expect(code).toBe(0)
  })
})
