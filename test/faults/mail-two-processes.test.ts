import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultationAt } from '../support/consultation.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { TestMailServer } from '../support/mail-server.ts'
import { startGlossServer, type ServerProcess } from '../support/process.ts'

/**
 * Two real `gloss serve` processes on one PostgreSQL database, each running the job queue: every
 * notice is mailed once, whichever process wrote it and however the two race for the work. PostgreSQL
 * only: the embedded database is one process.
 */
describe.runIf(databaseKind === 'postgres')('mail from two server processes (PostgreSQL)', () => {
  const REPLIES = 24
  let folder: string
  let database: TestDatabase
  let mailServer: TestMailServer
  const servers: ServerProcess[] = []

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-mail-'))
    database = await createTestDatabase()
    mailServer = await new TestMailServer().start()
    const env = {
      DATABASE_URL: database.url,
      CONTENT_DIR: join(folder, 'no-content'),
      RATE_LIMITS: 'off',
      SMTP_URL: mailServer.url,
      MAIL_FROM: 'Gloss <gloss@gloss.test>',
      PUBLIC_URL: 'http://gloss.test',
    }
    servers.push(await startGlossServer(env))
    servers.push(await startGlossServer(env))
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await mailServer.stop()
    await database.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('sends each notice once, never twice, while both take work from the one queue', async () => {
    const [a, b] = servers
    if (!a || !b) throw new Error('two servers')
    const c = await consultationAt(a.url, {
      guides: [{ slug: 'guide', state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        bob: { email: 'bob@example.org', name: 'Bob' },
      },
    })
    await c.people.rita.expect(200, 'PUT', '/api/me/notification-settings', { email: 'immediate' })
    const mine = await c.post(c.people.rita, 'The first', { body: 'Tell me everything.' })
    const thread = `/api/guides/guide/editions/1/blocks/${c.guide.key('The first')}/comments`
    // Replies through both servers, so both write notices and both are woken to mail them.
    for (let i = 0; i < REPLIES; i++) {
      const base = i % 2 === 0 ? a.url : b.url
      await c.people.bob.expect(201, 'POST', `${base}${thread}`, {
        kind: 'comment',
        body: `Reply ${String(i)}.`,
        parentId: mine,
      })
    }
    const sent = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from notices where mail_state = 'sent'`.execute(
            database.db,
          )
        ).rows[0]?.n,
      )
    while ((await sent()) < REPLIES) await sleep(100)
    // Anything sent twice would have arrived by now: both workers are idle with nothing left to claim.
    await sleep(1_000)
    const received = mailServer.to('rita@example.org')
    expect(received).toHaveLength(REPLIES)
    expect(new Set(received.map((m) => m.mail.messageId)).size).toBe(REPLIES)
    const attempts = await sql<{ attempts: number }>`
      select attempts from jobs where kind = 'mail.notices'`.execute(database.db)
    expect(attempts.rows).toHaveLength(REPLIES)
    expect(attempts.rows.every((row) => row.attempts === 1)).toBe(true)
  })
})
