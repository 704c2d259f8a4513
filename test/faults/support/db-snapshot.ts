import { sql } from 'kysely'
import type { Db } from '../../../src/platform/db/database.ts'

/**
 * Tables a refused request may legitimately change, and why. Everything else in the catalogue is
 * watched, so a table added later is watched without anyone remembering to add it here.
 */
export const UNWATCHED: Readonly<Record<string, string>> = {
  kysely_migration: "the migrator's own record",
  kysely_migration_lock: "the migrator's own lock",
  sessions: "a signed-in request moves its session's last-seen time, whatever it asks for",
  rate_limits: 'a refused sign-in or post still counts towards its limit, by design',
}

/** Rows a refused request may legitimately write, and why: the rest of the table is watched. */
const UNWATCHED_ROWS: Readonly<Record<string, ReturnType<typeof sql>>> = {
  // A failed sign-in, or a wrong current password given to change a password or erase an account, is
  // refused and recorded, so someone guessing passwords shows in the log.
  audit_log: sql`where action not in ('sign-in.failed', 'password.check-failed')`,
}

/** Every table of the public schema but the unwatched ones, read from the catalogue. */
export async function watchedTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db)
  return rows.map((r) => r.name).filter((name) => !(name in UNWATCHED))
}

export type Snapshot = Map<string, string>

/** Each table's row count and a hash of all its rows, in one query. */
export async function snapshot(db: Db, tables: readonly string[]): Promise<Snapshot> {
  const parts = tables.map(
    (table) =>
      sql`select ${table}::text as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as state from ${sql.table(table)} t ${UNWATCHED_ROWS[table] ?? sql``}`,
  )
  const { rows } = await sql<{ name: string; state: string }>`${sql.join(parts, sql` union all `)}`.execute(
    db,
  )
  return new Map(rows.map((r) => [r.name, r.state]))
}

/** The tables whose rows differ between two snapshots, with their counts before and after. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const changed: string[] = []
  for (const [table, state] of after) {
    const was = before.get(table)
    if (was !== state) changed.push(`${table} (${was?.split(':')[0] ?? '?'} → ${state.split(':')[0]} rows)`)
  }
  return changed
}
