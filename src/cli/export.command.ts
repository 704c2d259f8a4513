import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import type { Config } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { writeInstance } from '../instance/instance-export.service.ts'
import { recordCommandLineExport } from '../instance/instance.service.ts'

/**
 * `gloss export <file>`: the whole instance into one file, readable only by its owner (it holds password
 * hashes). Written beside the target and renamed when complete, so a failed export leaves no file that
 * looks whole.
 */
export async function exportCommand(config: Config, file: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const partial = `${file}.partial`
  try {
    const { rows } = await writeInstance(database.db, createWriteStream(partial, { mode: 0o600 }))
    await rename(partial, file)
    const total = Object.values(rows).reduce((a, b) => a + b, 0)
    await recordCommandLineExport(database.db, rows)
    console.log(
      `Exported ${String(total)} rows of ${String(Object.keys(rows).length)} tables to ${file}. It holds password hashes: keep it safe.`,
    )
  } finally {
    await rm(partial, { force: true })
    await database.close()
  }
}
