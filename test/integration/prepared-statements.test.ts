import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/platform/db/database.ts'
import { prepared } from '../../src/platform/db/prepared.ts'
import { findSessionPerson } from '../../src/people/people.repository.ts'
import { hashToken } from '../../src/people/tokens.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'

const byEmail = prepared((db, p: { email: string | null; erased: boolean }) =>
  db
    .selectFrom('people')
    .select(['id', 'displayName'])
    .where('email', '=', p.email)
    .where(sql<boolean>`erased_at is not null`, '=', p.erased)
    .orderBy('id'),
)

describe(`hot statements compiled once and prepared once per connection (${databaseKind})`, () => {
  let database: TestDatabase
  let ids: Record<string, number>

  beforeAll(async () => {
    database = await createTestDatabase()
    const rows = await database.db
      .insertInto('people')
      .values([
        { email: 'ann@example.org', displayName: 'Ann' },
        { email: 'bea@example.org', displayName: 'Bea' },
      ])
      .returning(['id', 'email'])
      .execute()
    ids = Object.fromEntries(rows.map((r) => [r.email ?? '', r.id]))
  })
  afterAll(async () => {
    await database.close()
  })

  it('answers each call with its own values, as the query built afresh would', async () => {
    for (const email of ['ann@example.org', 'bea@example.org', 'nobody@example.org', null]) {
      const built = await database.db
        .selectFrom('people')
        .select(['id', 'displayName'])
        .where('email', '=', email)
        .where(sql<boolean>`erased_at is not null`, '=', false)
        .orderBy('id')
        .execute()
      const { rows } = await byEmail(database.db, { email, erased: false })
      expect(rows).toEqual(built)
    }
    expect((await byEmail(database.db, { email: 'bea@example.org', erased: false })).rows).toEqual([
      { id: ids['bea@example.org'], displayName: 'Bea' },
    ])
  })

  it('refuses a statement that would keep a value given once, such as the time it was first run', async () => {
    const stale = prepared((db, p: { email: string }) =>
      db.selectFrom('people').select('id').where('email', '=', p.email).where('createdAt', '<', new Date()),
    )
    await expect(stale(database.db, { email: 'ann@example.org' })).rejects.toThrow(
      /would keep a value given once/,
    )
  })

  it('finds a session while it lasts and not once it has expired, with the same statement', async () => {
    const token = 'prepared-statement-session-token'
    const session = await database.db
      .insertInto('sessions')
      .values({
        personId: ids['ann@example.org'] ?? 0,
        tokenHash: hashToken(token),
        userAgent: 'test',
        expiresAt: new Date(Date.now() + 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect((await findSessionPerson(database.db, hashToken(token)))?.email).toBe('ann@example.org')
    await database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where('id', '=', session.id)
      .execute()
    expect(await findSessionPerson(database.db, hashToken(token))).toBeUndefined()
  })

  it.runIf(databaseKind === 'postgres')(
    'is parsed once per connection by PostgreSQL and then only run',
    async () => {
      // One connection, so every call lands on the same PostgreSQL session.
      const single: Database = await openDatabase({ databaseUrl: database.url, poolSize: 1 })
      try {
        for (const email of ['ann@example.org', 'bea@example.org', 'nobody@example.org'])
          await byEmail(single.db, { email, erased: false })
        const { rows } = await sql<{ name: string; runs: number }>`
          select name, (generic_plans + custom_plans)::int as runs from pg_prepared_statements
          where statement like '%"display_name"%' and statement like '%"people"%'`.execute(single.db)
        expect(rows).toHaveLength(1)
        expect(rows[0]?.name).toMatch(/^gloss_[0-9a-f]{16}$/)
        expect(rows[0]?.runs).toBe(3)
      } finally {
        await single.close()
      }
    },
  )
})
