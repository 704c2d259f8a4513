import { createHash } from 'node:crypto'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import type { Db } from '../platform/db/database.ts'
import {
  FORMAT,
  MIGRATOR_TABLES,
  orderTables,
  SKIPPED_TABLES,
  VERSION,
  type Header,
  type TableLine,
} from './instance-format.ts'
import {
  appliedMigrations,
  catalogColumns,
  exportPage,
  prepareExportSession,
  tableReferences,
  type CatalogColumn,
} from './instance.repository.ts'
import { withTransaction } from '../platform/db/transaction.ts'

/** A table as export and restore handle it. */
export interface TablePlan {
  name: string
  /** Every column but the generated ones, in table order. */
  columns: CatalogColumn[]
  key: CatalogColumn[]
  /** Identity and serial columns, whose sequences restore moves past the rows. */
  sequenced: string[]
}

export interface Plan {
  tables: TablePlan[]
  /** Every table but the migrator's, skipped ones included: what restore empties. */
  replaced: string[]
}

/** json_build_array takes at most 100 arguments. */
const MAX_COLUMNS = 100

/**
 * What an instance file holds, read from the database's own catalog: every table but the skipped ones,
 * whichever migration made it. A table that cannot be exported fails the whole export, so a table added
 * later is never silently missing from the file.
 */
export async function planTables(db: Db): Promise<Plan> {
  const columns = await catalogColumns(db)
  const byTable = new Map<string, CatalogColumn[]>()
  for (const column of columns) byTable.set(column.table, [...(byTable.get(column.table) ?? []), column])
  const everyTable = [...byTable.keys()].sort()
  const exported = everyTable.filter((t) => !(t in SKIPPED_TABLES))
  const problems: string[] = []
  const plans = new Map<string, TablePlan>()
  for (const name of exported) {
    const all = byTable.get(name) ?? []
    const key = all
      .filter((c) => c.keyPosition !== null)
      .sort((a, b) => (a.keyPosition ?? 0) - (b.keyPosition ?? 0))
    const written = all.filter((c) => !c.generated)
    if (key.length === 0) problems.push(`${name} has no primary key to read it in order by`)
    else if (written.length > MAX_COLUMNS)
      problems.push(`${name} has more than ${String(MAX_COLUMNS)} columns`)
    else
      plans.set(name, {
        name,
        columns: written,
        key,
        sequenced: written.filter((c) => c.sequenced).map((c) => c.name),
      })
  }
  if (problems.length > 0) {
    throw new Error(
      `The instance cannot be exported: ${problems.join('; ')}. Give each table a primary key, or name it in SKIPPED_TABLES (src/instance/instance-format.ts) with the reason.`,
    )
  }
  const order = orderTables(exported, await tableReferences(db))
  const tables = order.map((name) => plans.get(name)).filter((p) => p !== undefined)
  // The plan and the skip list together must cover the catalog: the guard a future table relies on.
  const covered = new Set([...tables.map((t) => t.name), ...Object.keys(SKIPPED_TABLES)])
  const missed = everyTable.filter((t) => !covered.has(t))
  if (missed.length > 0) throw new Error(`The instance export would leave out ${missed.join(', ')}.`)
  return { tables, replaced: everyTable.filter((t) => !MIGRATOR_TABLES.includes(t)) }
}

export interface ExportSummary {
  rows: Record<string, number>
}

/** Rows are fetched in pages of about this many bytes, whatever the size of a table's rows. */
const PAGE_BYTES = 4 * 1024 * 1024
const MAX_PAGE_ROWS = 2000
/** Until a table's rows are seen, a first page is kept short. */
const FIRST_PAGE_ROWS = 50

/**
 * The file's lines, a page of rows at a time. Runs inside one read-only transaction (`db` is it), so the
 * file is one consistent snapshot. Yields text chunks; returns the row counts.
 */
export async function* instanceLines(
  db: Db,
  now: Date = new Date(),
): AsyncGenerator<string, ExportSummary, undefined> {
  await prepareExportSession(db)
  const plan = await planTables(db)
  const hash = createHash('sha256')
  const emit = (lines: string[]) => {
    const text = `${lines.join('\n')}\n`
    hash.update(text)
    return text
  }
  const header: Header = {
    format: FORMAT,
    version: VERSION,
    createdAt: now.toISOString(),
    schema: await appliedMigrations(db),
    tables: plan.tables.map((t) => t.name),
  }
  yield emit([JSON.stringify(header)])
  const rows: Record<string, number> = {}
  for (const table of plan.tables) {
    const tableLine: TableLine = {
      table: table.name,
      columns: table.columns.map((c) => c.name),
      types: table.columns.map((c) => c.type),
    }
    yield emit([JSON.stringify(tableLine)])
    let count = 0
    let after: string[] | undefined
    let largest = 0
    for (;;) {
      const page = await exportPage(db, {
        table: table.name,
        columns: tableLine.columns,
        key: table.key,
        after,
        // As many rows as fit the page if all were as large as the largest yet.
        limit:
          largest === 0
            ? FIRST_PAGE_ROWS
            : Math.max(1, Math.min(MAX_PAGE_ROWS, Math.floor(PAGE_BYTES / largest))),
        maxBytes: PAGE_BYTES,
      })
      if (page.length === 0) break
      const lines = page.map((r) => r.rowJson)
      count += lines.length
      yield emit(lines)
      after = page.at(-1)?.rowKey
      largest = Math.max(largest, ...lines.map((line) => line.length))
    }
    rows[table.name] = count
  }
  yield `${JSON.stringify({ rows, sha256: hash.digest('hex') })}\n`
  return { rows }
}

/**
 * Writes the whole instance, gzip-compressed, to `destination` from one repeatable-read snapshot.
 * Memory stays at a page or so of rows whatever the instance's size; the destination's pace sets the
 * export's.
 */
export async function writeInstance(db: Db, destination: Writable, now = new Date()): Promise<ExportSummary> {
  return withTransaction(
    db,
    async (trx) => {
      let summary: ExportSummary = { rows: {} }
      await pipeline(
        async function* () {
          summary = yield* instanceLines(trx, now)
        },
        createGzip(),
        destination,
      )
      return summary
    },
    { isolation: 'repeatable read', readOnly: true },
  )
}
