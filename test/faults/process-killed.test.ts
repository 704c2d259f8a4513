import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../src/platform/db/database.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'
import { halfWritten } from './support/consistency.ts'
import { openConsultation, type Consultation } from './support/http-client.ts'
import { largeGuides } from './support/large-guide.ts'
import { acknowledged, postContinuously } from './support/posting.ts'
import { until } from './support/until.ts'

const where = databaseKind === 'postgres' ? 'PostgreSQL' : 'the embedded database, DATA_DIR on disk'

describe(`a server process killed with SIGKILL (${where})`, () => {
  const { source, wordings } = largeGuides()
  let folder: string
  let database: TestDatabase | undefined
  let server: ServerProcess
  let consultation: Consultation
  const start = async () => {
    server = await startGlossServer({
      DATABASE_URL: database?.url,
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: join(folder, 'no-content'),
      RATE_LIMITS: 'off',
    })
  }
  const editionNumbers = async () =>
    (
      await consultation.admin.expect<{ editions: { number: number }[] }>(
        200,
        'GET',
        `${server.url}/api/guides/big`,
      )
    ).editions.map((e) => e.number)
  /** Reads the database itself; the embedded one only once no server holds it (PGlite is one process). */
  const inspect = async <T>(read: (db: Db) => Promise<T>): Promise<T> => {
    if (database) return read(database.db)
    const opened = await openDatabase({ dataDir: join(folder, 'data') })
    try {
      return await read(opened.db)
    } finally {
      await opened.close()
    }
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-killed-'))
    if (databaseKind === 'postgres') database = await createTestDatabase()
    await start()
    consultation = await openConsultation(server.url, wordings[0], 'big')
  })
  afterAll(async () => {
    await server.stop()
    await database?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('keeps every acknowledged comment when killed while comments are posted', async () => {
    const { reviewer, keys } = consultation
    const thread = `${server.url}/api/guides/big/editions/1/blocks/${keys[3] ?? ''}/comments`
    const posting = postContinuously(reviewer, thread, 4)
    await until('forty acknowledged comments', () => acknowledged(posting.answers).length >= 40, 30_000)
    await server.stop('SIGKILL')
    const ids = acknowledged(await posting.stop())

    // The process that starts on the same data recovers it, and serves every acknowledged comment.
    await start()
    for (const id of ids) {
      const answer = await reviewer.send('GET', `${server.url}/api/comments/${id}`)
      expect(answer.status, `comment ${id}`).toBe(200)
    }
    await server.stop()
    const stored = await inspect(async (db) =>
      (await sql<{ id: string }>`select id::text as id from comments`.execute(db)).rows.map((r) => r.id),
    )
    expect(ids.filter((id) => !stored.includes(id))).toEqual([])
    expect(await inspect(halfWritten)).toEqual([])
    // Beyond the process: the embedded database writes each commit to the disk (O_DSYNC) before answering.
    if (!database) {
      const settings = await inspect(
        async (db) =>
          (
            await sql<{ fsync: string; method: string }>`
              select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`.execute(
              db,
            )
          ).rows[0],
      )
      expect(settings).toEqual({ fsync: 'on', method: 'open_datasync' })
    }
  })

  it(`leaves an edition whole or not there at all when killed while creating it (${source})`, async () => {
    await start()
    const create = (n: number) =>
      consultation.admin.send('POST', `${server.url}/api/guides/big/editions`, {
        markdown: wordings[n % 2],
      })
    const began = performance.now()
    expect((await create(1)).status).toBe(201)
    const takes = performance.now() - began

    const outcomes: string[] = []
    const rounds: { label: string; when: () => Promise<void> }[] = [0.5, 0.9].map((share) => ({
      label: `after ${String(share * 100)}% of a creation's time`,
      when: () => sleep(takes * share),
    }))
    if (database) {
      const db = database.db
      rounds.unshift({
        label: 'with its transaction open and writing',
        when: () => writingTransaction(db),
      })
    }
    for (const [i, round] of rounds.entries()) {
      const before = await editionNumbers()
      const answer = create(i).then(
        (response) => response.status,
        () => 0,
      )
      await round.when()
      await server.stop('SIGKILL')
      const status = await answer
      await start()
      const after = await editionNumbers()
      const created = after.length > before.length
      // Acknowledged means there; the transaction cut short leaves nothing.
      if (status === 201) expect(created).toBe(true)
      if (round.label.startsWith('with its transaction')) expect(created).toBe(false)
      expect(after.slice(0, before.length)).toEqual(before)
      outcomes.push(
        `${round.label}: ${created ? 'the whole edition' : 'no edition'} (answer ${String(status)})`,
      )
    }
    await server.stop()
    expect(await inspect(halfWritten)).toEqual([])
    console.log(`[process killed, ${where}] a creation takes ${takes.toFixed(0)} ms; ${outcomes.join('; ')}`)
  })
})

/** Waits until another session's transaction has written rows (it has an xid) and not yet committed. */
async function writingTransaction(db: Db): Promise<void> {
  for (let tries = 0; tries < 1_500; tries++) {
    const { rows } = await sql<{ writing: number }>`
      select count(*)::int as writing from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`.execute(db)
    if ((rows[0]?.writing ?? 0) > 0) return
    await sleep(2)
  }
  throw new Error('No transaction of the server was seen writing.')
}
