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

/** What a failure to connect says (pg's codes, and its pool's timeout): the database is not there to migrate. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
])

function unreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (
    (typeof code === 'string' && UNREACHABLE.has(code)) ||
    (typeof message === 'string' &&
      /timeout exceeded when trying to connect|Connection terminated/i.test(message))
  )
}

/** The server a PostgreSQL address names, as host:port: never its user or password. */
export function databaseServer(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl)
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`
  } catch {
    return 'DATABASE_URL'
  }
}

/**
 * Applies every pending migration; throws with the failing migration's name if one fails, or, when the
 * database could not be reached at all, says so with its host and port (`databaseUrl`, when given).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema, as Kysely's own do
export async function migrateToLatest(db: Kysely<any>, databaseUrl?: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    const { code } = result.error as { code?: unknown }
    const reason =
      result.error instanceof Error && result.error.message !== ''
        ? result.error.message
        : typeof code === 'string'
          ? code
          : JSON.stringify(result.error)
    if (unreachable(result.error)) {
      const at = databaseUrl ? ` at ${databaseServer(databaseUrl)}` : ''
      throw new Error(`cannot reach the database${at} (${reason})`, { cause: result.error })
    }
    throw new Error(`Migration ${failed} failed: ${reason}`, { cause: result.error })
  }
  return result
}
