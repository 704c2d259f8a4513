import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrateToLatest } from '../../src/platform/db/migrator.ts'
import { randomBytes } from 'node:crypto'
import { templateDatabase, testRunPrefix } from './database.ts'

/**
 * With DATABASE_URL set, tests run on that PostgreSQL server: a template database is migrated once
 * here and each test file clones its own from it. Without it, each file migrates an in-memory PGlite.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const url = process.env.DATABASE_URL
  // Each project of vitest.config.ts names this setup; the template is made once for the run.
  if (!url || process.env.GLOSS_TEMPLATE_READY) return undefined
  process.env.GLOSS_TEMPLATE_READY = '1'
  // Inherited by the test workers, which are started after this.
  process.env.GLOSS_TEST_RUN ??= randomBytes(4).toString('hex')
  const template = templateDatabase()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`drop database if exists ${template}`)
  await admin.query(`create database ${template}`)
  const target = new URL(url)
  target.pathname = `/${template}`
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.href, max: 1 }) }),
  })
  await migrateToLatest(db)
  await sql`select 1`.execute(db)
  await db.destroy()
  await admin.end()
  return async () => {
    const cleanup = new pg.Client({ connectionString: url })
    await cleanup.connect()
    const { rows } = await cleanup.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1)`,
      [`${testRunPrefix()}_`],
    )
    for (const row of rows)
      await cleanup.query(`drop database if exists ${pg.escapeIdentifier(row.datname)} with (force)`)
    await cleanup.end()
    // A watch-mode restart in the same process makes the template again.
    delete process.env.GLOSS_TEMPLATE_READY
  }
}
