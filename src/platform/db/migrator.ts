import {
  Migrator,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely'
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url))

/** Migrations are files named by ISO date (`20261121T010000-what.ts`), applied in name order. */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const names = (await readdir(MIGRATIONS_DIR)).filter((n) => /^\d{8}T\d{6}-[\w-]+\.ts$/.test(n)).sort()
    const migrations: Record<string, Migration> = {}
    for (const name of names) {
      migrations[name.replace(/\.ts$/, '')] = (await import(
        pathToFileURL(join(MIGRATIONS_DIR, name)).href
      )) as Migration
    }
    return migrations
  }
}

/** Applies every pending migration; throws with the failing migration's name if one fails. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema, as Kysely's own do
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error)
    throw new Error(`Migration ${failed} failed: ${reason}`, { cause: result.error })
  }
  return result
}
