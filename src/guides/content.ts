import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../platform/db/database.ts'
import { DomainError } from '../kernel/errors.ts'
import { logger } from '../platform/log.ts'
import { hasGuides, importGuide, type ImportedGuide } from './guide.service.ts'

/**
 * On an instance's first start (no guides at all), the guides shipped in content/ are imported,
 * published unless their front matter says draft or open, so a newcomer sees one at once.
 */
export async function importContent(db: Db, contentDir: string): Promise<ImportedGuide[]> {
  if (await hasGuides(db)) return []
  let names: string[]
  try {
    names = (await readdir(contentDir)).filter((name) => name.endsWith('.md')).sort()
  } catch (error) {
    // An instance may start with nothing to import, but a CONTENT_DIR that cannot be read is worth a line.
    logger.warn({ err: error, contentDir }, 'the content folder cannot be read; no guides imported')
    return []
  }
  const imported: ImportedGuide[] = []
  for (const name of names) {
    const source = await readFile(join(contentDir, name), 'utf8')
    try {
      imported.push(await importGuide(db, source, { defaultState: 'published' }))
    } catch (error) {
      // Two servers started together on an empty database: the other one imported this guide first
      // (its slug, or the unique index behind it, says so), and that is as good as this one doing it.
      const taken =
        (error instanceof DomainError && error.status === 409) ||
        (error as { code?: unknown }).code === '23505'
      if (!taken) throw error
    }
  }
  return imported
}
