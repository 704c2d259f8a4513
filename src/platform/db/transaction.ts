import type { Transaction } from 'kysely'
import type { Db } from './database.ts'
import type { DB } from './schema.ts'

export type Tx = Transaction<DB>

export interface TransactionOptions {
  /** A snapshot that stays the same for the whole transaction (a consistent export). */
  isolation?: 'repeatable read' | 'serializable'
  readOnly?: boolean
}

/**
 * Runs `work` in one transaction, committed when it resolves and rolled back when it throws. Services
 * decide what must happen together and open the transaction here; the repositories they hand `tx` to
 * run the queries. This is the one way to open a transaction, so that lint can keep every other use of
 * Kysely inside repositories (see eslint.config.js).
 */
export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, options: TransactionOptions = {}) {
  let builder = db.transaction()
  if (options.isolation) builder = builder.setIsolationLevel(options.isolation)
  if (options.readOnly) builder = builder.setAccessMode('read only')
  return builder.execute(work)
}
