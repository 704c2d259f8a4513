import { PGlite } from '@electric-sql/pglite'
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { mkdirSync } from 'node:fs'
import { PGliteDialect } from './pglite-dialect.ts'
import type { DB } from './schema.ts'

export type Db = Kysely<DB>

export interface Database {
  db: Db
  kind: 'postgres' | 'embedded'
  /** Subscribes to a NOTIFY channel; resolves once listening, to a function that stops it. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

const INT8 = 20
const NUMERIC = 1700
/** Counts and sums arrive as numbers on both databases (pg would give strings, PGlite BigInts). */
const asNumber = (value: string) => Number(value)

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined
  poolSize?: number
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openEmbedded(options.dataDir ?? './data')
}

function openPostgres(connectionString: string, max: number): Database {
  const types = new pg.TypeOverrides()
  types.setTypeParser(INT8, asNumber)
  types.setTypeParser(NUMERIC, asNumber)
  const pool = new pg.Pool({ connectionString, max, types })
  // An idle client losing its server (a restart) must not take the process down; the next query reconnects.
  pool.on('error', () => {})
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] })
  return {
    db,
    kind: 'postgres',
    async listen(channel, onMessage) {
      const client = new pg.Client({ connectionString })
      client.on('error', () => {})
      await client.connect()
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '')
      })
      await client.query(`listen ${pg.escapeIdentifier(channel)}`)
      return async () => {
        await client.end()
      }
    },
    close: () => db.destroy(),
  }
}

async function openEmbedded(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create(dataDir, { parsers: { [INT8]: asNumber, [NUMERIC]: asNumber } })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins: [new CamelCasePlugin()] })
  return {
    db,
    kind: 'embedded',
    async listen(channel, onMessage) {
      const stop = await pglite.listen(channel, onMessage)
      return () => stop()
    },
    close: () => db.destroy(),
  }
}
