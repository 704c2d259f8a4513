import { readFile } from 'node:fs/promises'
import type { Config } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrator.ts'
import { reviseFromCommandLine } from '../editions/revision.service.ts'
import { decodeSource } from '../platform/markdown/limits.ts'
import { editionPath } from '../guides/urls.ts'

/** `gloss revise <slug> <file.md>`: the guide's next edition (a draft), with its lineage and carried comments. */
export async function reviseCommand(config: Config, slug: string, file: string): Promise<void> {
  const source = decodeSource(await readFile(file))
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
    const { edition, counts } = await reviseFromCommandLine(database.db, slug, source)
    const summary = Object.entries(counts)
      .map(([change, n]) => `${String(n)} ${change}`)
      .join(', ')
    console.log(`Created ${editionPath(slug, edition.number)} (draft): ${summary}.`)
  } finally {
    await database.close()
  }
}
