import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrator.ts'

/**
 * Each `npm test` run has its own name prefix (set by the global setup), so two runs on one server —
 * two checkouts, or CI beside a developer — never drop each other's databases.
 */
export const testRunPrefix = () => `gloss_test_${process.env.GLOSS_TEST_RUN ?? 'local'}`
export const templateDatabase = () => `${testRunPrefix()}_template`

/** Which database the tests run on: the real PostgreSQL server in DATABASE_URL, else embedded PGlite. */
export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'embedded'

export interface TestDatabase extends Database {
  /** The connection string, for server processes started by the test (PostgreSQL only). */
  url: string | undefined
}

/** A fresh, migrated, empty database for one test file; `close` drops it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' })
    await migrateToLatest(database.db)
    return { ...database, url: undefined }
  }
  const name = `${testRunPrefix()}_${randomBytes(6).toString('hex')}`
  await adminQuery(url, `create database ${name} template ${templateDatabase()}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: target.href, poolSize: 5 })
  return {
    ...database,
    url: target.href,
    async close() {
      await database.close()
      await adminQuery(url, `drop database if exists ${name} with (force)`)
    },
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
