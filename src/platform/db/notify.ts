import { sql } from 'kysely'
import type { Db } from './database.ts'

/**
 * Sends one NOTIFY on `channel` for each payload, in one statement: the sending half of listener.ts's
 * LISTEN, kept beside it in platform/db because it is the database's messaging, not a feature's data.
 */
export async function notifyAll(db: Db, channel: string, payloads: readonly string[]): Promise<void> {
  const rows = payloads.map((payload) => sql`(${payload})`)
  await sql`select pg_notify(${channel}, p) from (values ${sql.join(rows)}) as v(p)`.execute(db)
}
