import { SingleBar } from 'cli-progress'
import { readFile } from 'node:fs/promises'
import type { Config } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrator.ts'
import { importGuide } from '../guides/guide.service.ts'
import { decodeSource } from '../platform/markdown/limits.ts'
import { plural } from '../kernel/plural.ts'
import { editionPath } from '../guides/urls.ts'

/** `gloss import <file.md> [--slug s]`: a new guide, edition 1, with a progress bar on stderr. */
export async function importCommand(config: Config, file: string, slug: string | undefined): Promise<void> {
  const source = decodeSource(await readFile(file))
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const bar = new SingleBar({
    format: ' {stage} [{bar}] {value}/{total} blocks',
    stream: process.stderr,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 1000,
  })
  try {
    await migrateToLatest(database.db)
    bar.start(1, 0, { stage: 'splitting' })
    const guide = await importGuide(database.db, source, {
      slug,
      onProgress: (stage, done, total) => {
        bar.setTotal(total)
        bar.update(done, { stage: stage.padEnd(9) })
      },
    })
    bar.stop()
    console.log(
      `Imported "${guide.title}" as ${editionPath(guide.slug, 1)}: ${plural(guide.blockCount, 'block')}, ${guide.state}.`,
    )
  } finally {
    bar.stop()
    await database.close()
  }
}
