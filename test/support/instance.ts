import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import pg from 'pg'
import { expect } from 'vitest'
import { openDatabase, type Database } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrator.ts'
import { planTables, writeInstance } from '../../src/instance/instance-export.service.ts'
import { consultation } from './consultation.ts'

/** The PostgreSQL server tests use for the other side of a round trip: DATABASE_URL's, else the local one. */
export const POSTGRES_SERVER = (() => {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
  url.pathname = '/postgres'
  return url.href
})()

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

async function serverQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

/**
 * A new, migrated PostgreSQL database of this test's own, dropped on close. Not named gloss_test_*: a
 * test run's teardown drops those, and this one may outlive another run's.
 */
export async function privatePostgres(): Promise<Database> {
  const name = `gloss_instance_${randomBytes(6).toString('hex')}`
  await serverQuery(`create database ${name}`)
  const url = new URL(POSTGRES_SERVER)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.href, poolSize: 3 })
  await migrateToLatest(database.db)
  return {
    ...database,
    async close() {
      await database.close()
      await serverQuery(`drop database if exists ${name} with (force)`)
    },
  }
}

export async function embedded(): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://' })
  await migrateToLatest(database.db)
  return database
}

/** The whole instance file in memory (fine for tests' small instances). */
export async function exportToBuffer(database: Database, at?: Date): Promise<Buffer> {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  await writeInstance(database.db, sink, at)
  return Buffer.concat(chunks)
}

export const linesOf = (file: Buffer) => gunzipSync(file).toString('utf8').split('\n')

export const createdAtOf = (file: Buffer) =>
  new Date((JSON.parse(linesOf(file)[0] ?? '{}') as { createdAt: string }).createdAt)

/** Every exported table's row count, straight from the database. */
export async function tableCounts(database: Database): Promise<Record<string, number>> {
  const { tables } = await planTables(database.db)
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table.name)}`.execute(
      database.db,
    )
    counts[table.name] = rows[0]?.n ?? -1
  }
  return counts
}

const FIRST = `# Moving house

Tell the council within 21 days when you move, so your council tax follows you.

Register to vote at the new address: the old registration ends when you leave.

Ask the post office to forward letters for three months — пересылка почты, 郵便の転送 🏠.

Take a meter reading on the day you leave.
`

const SECOND = `# Moving house

Tell the council within 21 days when you move, so your council tax and bins follow you.

Register to vote at the new address.

The old registration ends when you leave.

Take a meter reading on the day you leave, and a photograph of it.

Tell your doctor's surgery too.
`

/** The tables a populated instance has rows in (tables added by later migrations may be empty). */
export const POPULATED_TABLES = [
  'guides',
  'editions',
  'blocks',
  'lineage',
  'placements',
  'comments',
  'comment_revisions',
  'decisions',
  'flags',
  'events',
  'people',
  'roles',
  'invitations',
  'password_resets',
  'audit_log',
  'settings',
  'working_drafts',
  'pseudonyms',
]

/**
 * An instance with something in every table, made through the HTTP API as people would: a guide with
 * two editions and their lineage, comments with replies, an edited comment, flags, a hidden comment,
 * decisions (one a duplicate of a later comment), people in roles, invitations, a reset link, settings
 * and a working draft. The admin is ada@example.org; every password is PASSWORD.
 */
export async function populate(database: Database): Promise<void> {
  const c = await consultation({
    database,
    config: { rateLimits: { enabled: false } },
    admin: { email: 'ada@example.org', name: 'Ada' },
    guides: [{ slug: 'moving', markdown: FIRST, openAfterJoining: true }],
    people: {
      rita: { email: 'rita@example.org', name: 'Rita Ó Briain' },
      ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
    },
    comments: [
      {
        name: 'days',
        by: 'rita',
        on: 'Tell the council',
        body: 'Is it 21 calendar days or working days?',
        quote: { exact: 'within 21 days', prefix: 'council ', suffix: ' when' },
      },
      { name: 'reply', by: 'ed', on: 'Tell the council', body: 'Calendar days.', replyTo: 'days' },
      {
        name: 'vote',
        by: 'rita',
        on: 'Register to vote',
        kind: 'reflection',
        body: 'First line\nsecond line',
      },
      {
        name: 'post',
        by: 'rita',
        on: 'Ask the post office',
        kind: 'example',
        body: 'Почта — ✉️ "quoted" \\ ok',
      },
      { name: 'meter', by: 'rita', on: 'Take a meter', body: 'Same as the vote point, really.' },
      { name: 'spam', by: 'ed', on: 'Take a meter', body: 'Buy cheap boxes at example.com' },
    ],
  })
  const { admin, ids } = c
  const { rita, ed } = c.people
  const ok = async (response: Response | Promise<Response>, status = 200) => {
    const answer = await response
    expect(answer.status, await answer.clone().text()).toBe(status)
    return answer
  }
  // An invitation nobody has accepted.
  await ok(admin.send('POST', '/api/guides/moving/invitations', { role: 'reviewer' }), 201)

  const { days = '', vote = '', post = '', meter = '', spam = '' } = ids
  await ok(rita.send('PATCH', `/api/comments/${days}`, { body: 'Is it 21 calendar days, or working days?' }))
  // Kept for the editors, on behalf of an organisation: a move keeps both, and everyone's pseudonym.
  await ok(rita.send('PATCH', `/api/comments/${meter}`, { public: false, onBehalfOf: 'Movers’ Union' }))
  await ok(rita.send('POST', `/api/comments/${spam}/flags`, { reason: 'Advertising.' }), 204)
  await ok(admin.send('POST', `/api/comments/${spam}/hide`, { reasonCode: 'spam', reason: 'Advertising.' }))
  await ok(ed.send('PUT', `/api/comments/${days}/decision`, { decision: 'accepted', response: 'Clarified.' }))
  await ok(ed.send('PUT', `/api/comments/${post}/decision`, { decision: 'noted', response: '' }))
  // A duplicate of a later comment: restored rows refer forward.
  await ok(
    ed.send('PUT', `/api/comments/${vote}/decision`, {
      decision: 'duplicate',
      response: 'See the meter point.',
      duplicateOf: meter,
    }),
  )

  await ok(admin.send('POST', '/api/guides/moving/editions/1/transitions', { to: 'closed' }))
  await ok(admin.send('POST', '/api/guides/moving/editions', { markdown: SECOND }), 201)
  await ok(admin.request('/g/moving/revise'))
  await ok(admin.send('PUT', '/api/settings', { openSignUp: true }))
  const people = (await (await admin.request('/api/people')).json()) as {
    items: { id: string; email: string }[]
  }
  const ritaId = people.items.find((p) => p.email === 'rita@example.org')?.id ?? ''
  await ok(admin.send('POST', `/api/people/${ritaId}/reset-link`), 201)
}
