import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { createGzip } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DomainError } from '../../src/kernel/errors.ts'
import { MAX_LINE_BYTES, restoreInstance } from '../../src/instance/instance-restore.service.ts'
import { limitExpansion } from '../../src/instance/line-reader.ts'
import { consultation } from '../support/consultation.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { runGloss } from '../support/process.ts'

const MB = 1024 * 1024
const HEADER = `${JSON.stringify({
  format: 'gloss-instance',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  schema: [],
  tables: ['guides'],
})}\n`

/**
 * A valid header, then one line of `lineBytes` copies of one letter, gzipped as it is pulled: a bomb a
 * thousandth the size of what it unpacks to. `made.bytes` counts the letters made so far, which (gzip
 * making nothing ahead of its reader) is how far the reader took the decompressed file.
 */
function bomb(lineBytes: number) {
  const made = { bytes: 0 }
  const piece = Buffer.alloc(MB, 'a')
  const letters = Readable.from(
    (function* () {
      yield Buffer.from(HEADER)
      for (; made.bytes < lineBytes; made.bytes += piece.length) yield piece
    })(),
  )
  return { gzipped: letters.pipe(createGzip({ level: 1 })), made }
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

describe(`a small instance file that unpacks to a huge line is refused at once (${databaseKind})`, () => {
  let database: TestDatabase
  let folder: string
  let smallBomb: Buffer
  beforeAll(async () => {
    database = await createTestDatabase()
    folder = await mkdtemp(join(tmpdir(), 'gloss-restore-bomb-'))
    // 300 MB of one letter, longer than the line restore once read whole.
    smallBomb = await buffer(bomb(300 * MB).gzipped)
  })
  afterAll(async () => {
    await database.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('bounds a line by the longest row Gloss writes, from the largest source it takes', () => {
    expect(MAX_LINE_BYTES).toBe(64 * MB)
    expect(smallBomb.length).toBeLessThan(2 * MB)
  })

  it('stops decompressing as soon as a line passes the bound, without reading it whole', async () => {
    const { gzipped, made } = bomb(1024 * MB)
    const error = await refusal(restoreInstance(database.db, gzipped, { replace: { mode: 'empty' } }))
    // What gunzip and the streams between hold is a few chunks, not another line.
    expect(made.bytes).toBeLessThan(MAX_LINE_BYTES + 8 * MB)
    expect(error.status).toBe(422)
    expect(error.message).toMatch(/longer than 64 MB/)
  })

  it('stops decompressing once the file unpacks to far more than an instance file could', async () => {
    const chunks = { pulled: 0 }
    const decompressed = Readable.from(
      (function* () {
        while (chunks.pulled < 100) {
          chunks.pulled++
          yield new Uint8Array(MB)
        }
      })(),
    )
    const passed = limitExpansion(decompressed, () => 16 * 1024, { allowance: 4 * MB, ratio: 64 })
    const error = await refusal(
      (async () => {
        for await (const chunk of passed) expect(chunk.byteLength).toBe(MB)
      })(),
    )
    expect(error.status).toBe(422)
    expect(error.message).toMatch(/more than 64 times its size/)
    // 4 MB allowed, and 64 times 16 KB: the sixth megabyte is one too many.
    expect(chunks.pulled).toBe(6)
  })

  it('answers the restore route with a 422 problem, and restores nothing', async () => {
    // Only the first admin, on the database the tests above read from: nothing else to replace.
    const { admin } = await consultation({ database, guides: [], config: { rateLimits: { enabled: false } } })
    const response = await admin.request('/api/instance/restore', {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: smallBomb,
    })
    expect(response.status).toBe(422)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const problem = (await response.json()) as { code: string; detail: string }
    expect(problem.code).toBe('instance-file-invalid')
    expect(problem.detail).toMatch(/longer than 64 MB/)
    // The admin is still signed in and still the only person: nothing was replaced.
    expect((await admin.request('/api/me')).status).toBe(200)
    const people = await database.db.selectFrom('people').select('email').execute()
    expect(people).toEqual([{ email: 'admin@example.org' }])
  })

  it('gloss restore says why it refuses the file', async () => {
    const file = join(folder, 'bomb.jsonl.gz')
    await writeFile(file, smallBomb)
    const refused = await runGloss(['restore', file], {
      DATA_DIR: join(folder, 'data'),
      DATABASE_URL: undefined,
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/longer than 64 MB, more than any row Gloss writes/)
  }, 120_000)
})
