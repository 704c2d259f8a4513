import { z } from 'zod'
import { DomainError } from '../kernel/errors.ts'

/**
 * The instance file: JSON Lines, gzip-compressed, written and read a line at a time so that no side
 * ever holds the whole instance in memory.
 *
 *   {"format":"gloss-instance","version":1,"createdAt":"…","schema":[migrations],"tables":[order]}
 *   {"table":"guides","columns":["id",…],"types":["integer",…]}     then one line per row:
 *   [1,"council-guide",…]                                            values as PostgreSQL writes JSON
 *   …                                                                 each table of `tables` in turn
 *   {"rows":{"guides":2,…},"sha256":"…"}
 *
 * Row values are PostgreSQL's own JSON of each column (timestamps as ISO 8601 in UTC with their
 * microseconds, arrays as arrays, jsonb as the value, bytea as "\\x…" hex), and restoring reads them
 * back through PostgreSQL's JSON-to-record conversion, so every value comes back exactly. Tables come
 * in dependency order, rows in primary-key order (text keys compared byte by byte), so the same data
 * gives the same file on PGlite and on a PostgreSQL server. `sha256` is the SHA-256 of every byte
 * before the trailer line, newlines included.
 */
export const FORMAT = 'gloss-instance'
export const VERSION = 1

/**
 * Tables of the schema that are not exported, and why. Every other table is, whatever migration added
 * it; a table the export cannot page through fails the export instead of being left out.
 */
/** The migrator's own tables: restore leaves them as the migrations made them. */
export const MIGRATOR_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock']

export const SKIPPED_TABLES: Readonly<Record<string, string>> = {
  kysely_migration: 'the schema itself: the header names the applied migrations, and restore migrates first',
  kysely_migration_lock: "the migrator's lock",
  sessions:
    'sign-ins on the old host: their cookies belong to it, and restored they would keep signed in anyone whose cookie leaked with the file',
  rate_limits: 'counters of the last few minutes, worthless elsewhere',
}

export interface Header {
  format: typeof FORMAT
  version: number
  createdAt: string
  /** The migrations applied to the exported database, by name. */
  schema: string[]
  /** Every exported table, in the order their lines follow. */
  tables: string[]
}

export interface TableLine {
  table: string
  columns: string[]
  /** PostgreSQL's name of each column's type, checked against the database restored into. */
  types: string[]
}

export interface Trailer {
  rows: Record<string, number>
  sha256: string
}

const HeaderShape = z.object({
  format: z.literal(FORMAT),
  version: z.number().int(),
  createdAt: z.string(),
  schema: z.array(z.string()),
  tables: z.array(z.string()),
})

const TableLineShape = z.strictObject({
  table: z.string().min(1),
  columns: z.array(z.string().min(1)).min(1),
  types: z.array(z.string()),
})

const TrailerShape = z.strictObject({
  rows: z.record(z.string(), z.number().int().nonnegative()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

export const invalidFile = (message: string) => new DomainError('instance-file-invalid', message)

function parseJson(line: string, what: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    throw invalidFile(`The ${what} is not JSON: the file is damaged.`)
  }
}

/** The first line: refuses anything but a Gloss instance file of a version this build reads. */
export function parseHeader(line: string | undefined): Header {
  const value = line === undefined ? undefined : parseJson(line, 'first line')
  const format = (value as { format?: unknown } | undefined)?.format
  if (format !== FORMAT) throw invalidFile('This is not a Gloss instance file.')
  const version = (value as { version?: unknown }).version
  if (version !== VERSION) {
    throw new DomainError(
      'instance-version',
      `The file is version ${JSON.stringify(version)} of the instance format; this Gloss reads version ${VERSION}.`,
    )
  }
  const parsed = HeaderShape.safeParse(value)
  if (!parsed.success) throw invalidFile('The first line of the file is not a valid header.')
  return parsed.data
}

/** A line that is not a row: a table's column line or the trailer. */
export function parseObjectLine(line: string): TableLine | Trailer {
  const value = parseJson(line, 'line')
  if (typeof value === 'object' && value !== null && 'table' in value) {
    const parsed = TableLineShape.safeParse(value)
    if (parsed.success && parsed.data.types.length === parsed.data.columns.length) return parsed.data
  } else {
    const parsed = TrailerShape.safeParse(value)
    if (parsed.success) return parsed.data
  }
  throw invalidFile('A line of the file is neither a table, a row nor the trailer: the file is damaged.')
}

export const isTrailer = (line: TableLine | Trailer): line is Trailer => 'sha256' in line

/** A row line: a JSON array of one value per column (the values themselves go to PostgreSQL as written). */
export function checkRow(line: string, columns: number, table: string): void {
  const value = parseJson(line, `row of ${table}`)
  if (!Array.isArray(value) || value.length !== columns) {
    throw invalidFile(`A row of ${table} does not hold one value per column: the file is damaged.`)
  }
}

export interface Reference {
  from: string
  to: string
}

/**
 * Tables ordered so that each comes after the tables it refers to, ties broken by name so the order
 * never depends on the catalog's. A table referring to itself is no obstacle, and a cycle (none today)
 * ends the sort by name: restore checks foreign keys only at the end.
 */
export function orderTables(tables: readonly string[], references: readonly Reference[]): string[] {
  const remaining = new Set(tables)
  const needs = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const { from, to } of references) {
    if (from !== to && remaining.has(to)) needs.get(from)?.add(to)
  }
  const ordered: string[] = []
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => [...(needs.get(t) ?? [])].every((n) => !remaining.has(n)))
    const next = (ready.length > 0 ? ready : [...remaining]).sort()[0]
    if (next === undefined) break
    ordered.push(next)
    remaining.delete(next)
  }
  return ordered
}
