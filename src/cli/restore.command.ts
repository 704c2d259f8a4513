import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Config } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrator.ts'
import { DomainError } from '../kernel/errors.ts'
import { restoreInstance, restoredBy } from '../instance/instance-restore.service.ts'
import { plural } from '../kernel/plural.ts'

/**
 * `gloss restore <file> [--force]`: an instance file into this database, migrated first. Refuses a
 * database with any guide or person unless `force`, which replaces everything in it (its audit log
 * included) in the same transaction. Accounts this database erased are erased again in what the file
 * brings back, and the audit log gets one entry after the file's saying so; the server imports nothing
 * from content/ into an instance that has guides.
 */
export async function restoreCommand(config: Config, file: string, force: boolean): Promise<void> {
  const found = await stat(file).catch(() => undefined)
  if (!found?.isFile()) throw new DomainError('file-not-found', `There is no file ${file}.`)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
    const { rows, createdAt, erasuresApplied } = await restoreInstance(database.db, createReadStream(file), {
      replace: force ? { mode: 'anything' } : { mode: 'empty' },
      audit: restoredBy({ subject: 'gloss restore', name: 'gloss restore' }),
    })
    const total = Object.values(rows).reduce((a, b) => a + b, 0)
    console.log(
      `Restored ${String(total)} rows of ${String(Object.keys(rows).length)} tables, exported ${createdAt}. Everyone signs in again.`,
    )
    if (erasuresApplied > 0)
      console.log(`Erased again ${plural(erasuresApplied, 'account')} erased here since the file was made.`)
  } finally {
    await database.close()
  }
}
