import { createHash, type Hash } from 'node:crypto'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { recordAudit, type AuditEntry } from '../audit/audit.repository.ts'
import type { Db } from '../platform/db/database.ts'
import { DomainError } from '../kernel/errors.ts'
import { MAX_SOURCE_BYTES } from '../platform/markdown/limits.ts'
import { planTables, type Plan, type TablePlan } from './instance-export.service.ts'
import {
  checkRow,
  invalidFile,
  isTrailer,
  parseHeader,
  parseObjectLine,
  type Header,
  type Trailer,
} from './instance-format.ts'
import {
  appliedMigrations,
  checkForeignKeys,
  countRows,
  deferForeignKeys,
  emptyTables,
  insertRows,
  instanceCounts,
  lockTables,
  moveSequencePastRows,
} from './instance.repository.ts'
import { limitExpansion, lineText, readLines } from './line-reader.ts'
import type { RestoreSummary } from './instance.schemas.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { plural } from '../kernel/plural.ts'
import { erasedAccounts, eraseAgain } from '../privacy/erasure.repository.ts'

/**
 * What may already be in the database restored into:
 * - `empty`: nothing at all (no guide, no person), what `gloss restore` asks for by default;
 * - `unused`: no comment and no account but `adminId`'s, what a new host looks like once its admin has
 *   signed up and content/ was imported on first start (the admin pages restore into that);
 * - `anything`: whatever is there is replaced (`gloss restore --force`).
 * Whatever was there goes, all in the same transaction as the restore.
 */
export type Replace = { mode: 'empty' } | { mode: 'unused'; adminId: number } | { mode: 'anything' }

export interface RestoreOptions {
  replace: Replace
  /**
   * Who restored it, for the entry added to the audit log after the file's rows (`restoredBy`): an admin
   * through Gloss, or the command line. Left out, the restored audit log is exactly the file's.
   */
  audit?: (summary: RestoredInstance) => AuditEntry
}

/** What a restore did: the file's summary, and how many accounts erased here since it was made were erased again. */
export type RestoredInstance = RestoreSummary & { erasuresApplied: number }

/** The audit entry of a restore, the same from the admin pages and the command line. */
export const restoredBy =
  (by: { subject: string; name: string; address?: string | undefined }) =>
  (summary: RestoredInstance): AuditEntry => ({
    actorId: null,
    action: 'instance.restored',
    subject: by.subject,
    detail: {
      by: by.name,
      exportedAt: summary.createdAt,
      rows: Object.values(summary.rows).reduce((a, b) => a + b, 0),
      count: summary.erasuresApplied,
    },
    ...(by.address ? { address: by.address } : {}),
  })

/**
 * The longest line restore reads. The longest rows Gloss writes are an edition's (its source, at most
 * MAX_SOURCE_BYTES, and its page HTML, both JSON-escaped) and a block as long as the whole source (its
 * Markdown, HTML and text). Measured against their source: the shipped guides' edition lines 2.4 times,
 * text dense with emphasis and `<&>"` 4.3 times, and one block of that text 5.7 times; eight times leaves
 * room. A longer line is no file Gloss wrote, and reading it would hold that much memory from a file a
 * thousandth its size.
 */
export const MAX_LINE_BYTES = 8 * MAX_SOURCE_BYTES
/** Rows go to PostgreSQL in batches of about this size. */
const BATCH_BYTES = 4 * 1024 * 1024
const BATCH_ROWS = 1000

/** Refuses a database that holds more than `replace` allows. */
export async function checkTarget(db: Db, replace: Replace): Promise<void> {
  if (replace.mode === 'anything') return
  const counts = await instanceCounts(db, replace.mode === 'unused' ? replace.adminId : null)
  if (replace.mode === 'empty' && (counts.guides > 0 || counts.people > 0)) {
    throw new DomainError(
      'instance-not-empty',
      `This database is not empty (${plural(counts.guides, 'guide')}, ${plural(counts.people, 'person', 'people')}): restore goes into a new, empty one. Add --force to replace everything in it.`,
    )
  }
  if (replace.mode === 'unused' && (counts.comments > 0 || counts.otherPeople > 0)) {
    throw new DomainError(
      'instance-in-use',
      `This instance is in use (${plural(counts.comments, 'comment')}, ${plural(counts.otherPeople, 'other person', 'other people')}): restore only into a new instance, or with gloss restore --force on the command line.`,
    )
  }
}

/** The export's migrations must all be known here; the database restored into has run them all. */
function checkSchema(header: Header, applied: readonly string[]): void {
  const known = new Set(applied)
  const unknown = header.schema.filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw new DomainError(
      'instance-schema-unknown',
      `The file comes from a newer Gloss (its migrations ${unknown.join(', ')} are unknown here): update Gloss, then restore.`,
    )
  }
}

/**
 * Restores an instance file (gzip-compressed bytes) into `db`, which must be migrated. Everything
 * happens in one transaction: the file's checksum and row counts are checked before it commits, and a
 * damaged file, a refused target or any failure leaves the database as it was. Nothing is imported from
 * content/ (the server does that only on an instance without guides).
 */
export async function restoreInstance(
  db: Db,
  compressed: Readable | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options: RestoreOptions,
): Promise<RestoredInstance> {
  await checkTarget(db, options.replace)
  const gunzip = createGunzip()
  let compressedBytes = 0
  const counted = async function* (source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      compressedBytes += chunk.byteLength
      yield chunk
    }
  }
  const feeding = pipeline(compressed, counted, gunzip)
  // A failure on either side ends both: the reader sees the gzip error, the pipeline the reader's exit.
  feeding.catch(() => {})
  // Lines are read as gunzip makes them (it waits for the reader), so a refusal stops decompressing.
  const decompressed = limitExpansion(gunzip, () => compressedBytes)
  const lines = fileLines(decompressed)[Symbol.asyncIterator]()
  const hash = createHash('sha256')
  try {
    const first = await nextLine(lines, hash)
    const header = parseHeader(first)
    checkSchema(header, await appliedMigrations(db))
    const summary = await withTransaction(db, async (trx) => {
      const plan = await planTables(trx)
      await lockTables(trx, plan.replaced)
      await checkTarget(trx, options.replace)
      // An erasure is not undone by bringing back a backup made before it: read here, done again below.
      const erased = await erasedAccounts(trx)
      await emptyTables(trx, plan.replaced)
      const keys = await deferForeignKeys(trx)
      const trailer = await loadTables(trx, plan, header, lines, hash)
      await verifyCounts(trx, plan, trailer)
      await checkForeignKeys(trx, keys).catch((error: unknown) => {
        throw invalidFile(`The file's rows do not fit together: ${messageOf(error)}`)
      })
      for (const table of plan.tables)
        for (const column of table.sequenced) await moveSequencePastRows(trx, table.name, column)
      const erasuresApplied = await eraseAgain(trx, erased)
      const restored = { createdAt: header.createdAt, rows: trailer.rows, erasuresApplied }
      if (options.audit) await recordAudit(trx, options.audit(restored))
      return restored
    })
    await feeding
    return summary
  } finally {
    await lines.return()
    gunzip.destroy()
  }
}

/** The decompressed file's lines; a broken gzip stream is a damaged file, not a server fault. */
async function* fileLines(decompressed: AsyncIterable<Uint8Array>) {
  try {
    yield* readLines(decompressed, MAX_LINE_BYTES)
  } catch (error) {
    if (error instanceof DomainError) throw error
    throw invalidFile(`The file cannot be read: ${messageOf(error)}.`)
  }
}

async function nextLine(lines: AsyncIterator<Buffer>, hash: Hash | null): Promise<string | undefined> {
  const next = await lines.next()
  if (next.done) return undefined
  hash?.update(next.value).update('\n')
  return lineText(next.value)
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Reads every table's lines into the database; returns the trailer once its checksum is confirmed. */
async function loadTables(
  db: Db,
  plan: Plan,
  header: Header,
  lines: AsyncIterator<Buffer>,
  hash: Hash,
): Promise<Trailer> {
  const known = new Map(plan.tables.map((t) => [t.name, t]))
  const seen: string[] = []
  let table: { plan: TablePlan; columns: string[] } | undefined
  let counted = 0
  const counts: Record<string, number> = {}
  let batch: string[] = []
  let batchBytes = 0

  const flush = async () => {
    if (!table || batch.length === 0) return
    const name = table.plan.name
    await insertRows(db, name, table.columns, `[${batch.join(',')}]`).catch((error: unknown) => {
      throw invalidFile(`The rows of ${name} could not be restored: ${messageOf(error)}`)
    })
    batch = []
    batchBytes = 0
  }

  for (;;) {
    const next = await lines.next()
    if (next.done) throw invalidFile('The file ends before its trailer: it is incomplete.')
    const raw = next.value
    const text = lineText(raw)
    if (text.startsWith('[')) {
      hash.update(raw).update('\n')
      if (!table) throw invalidFile('The file holds a row before any table: it is damaged.')
      checkRow(text, table.columns.length, table.plan.name)
      batch.push(text)
      batchBytes += raw.length
      counted++
      if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush()
      continue
    }
    const line = parseObjectLine(text)
    await flush()
    if (table) counts[table.plan.name] = counted
    if (isTrailer(line)) {
      const digest = hash.digest('hex')
      if (line.sha256 !== digest) throw invalidFile('The file does not match its checksum: it is damaged.')
      if ((await nextLine(lines, null)) !== undefined)
        throw invalidFile('The file goes on after its trailer: it is damaged.')
      checkTrailer(header, seen, counts, line)
      return line
    }
    hash.update(raw).update('\n')
    const expected = header.tables[seen.length]
    if (line.table !== expected)
      throw invalidFile(`The file holds ${line.table} where its header says ${String(expected)}.`)
    const target = known.get(line.table)
    if (!target) throw invalidFile(`The file holds a table this Gloss does not restore: ${line.table}.`)
    checkColumns(target, line.columns, line.types)
    seen.push(line.table)
    table = { plan: target, columns: line.columns }
    counted = 0
  }
}

function checkColumns(target: TablePlan, columns: readonly string[], types: readonly string[]): void {
  const byName = new Map(target.columns.map((c) => [c.name, c]))
  columns.forEach((name, i) => {
    const column = byName.get(name)
    if (!column) throw invalidFile(`The file's ${target.name} has a column this Gloss does not: ${name}.`)
    if (column.type !== types[i]) {
      throw invalidFile(
        `The file's ${target.name}.${name} is ${String(types[i])}, here it is ${column.type}: the file does not fit this Gloss.`,
      )
    }
  })
  if (new Set(columns).size !== columns.length)
    throw invalidFile(`The file names a column of ${target.name} twice.`)
}

function checkTrailer(
  header: Header,
  seen: readonly string[],
  counts: Record<string, number>,
  trailer: Trailer,
) {
  if (seen.length !== header.tables.length) {
    throw invalidFile(`The file ends before ${String(header.tables[seen.length])}: it is incomplete.`)
  }
  const names = new Set([...Object.keys(counts), ...Object.keys(trailer.rows)])
  for (const name of names) {
    if (counts[name] !== trailer.rows[name]) {
      throw invalidFile(
        `The file holds ${String(counts[name] ?? 0)} rows of ${name} where its trailer counts ${String(trailer.rows[name] ?? 0)}.`,
      )
    }
  }
}

/** What the database now holds, table by table, is what the trailer says the file held. */
async function verifyCounts(db: Db, plan: Plan, trailer: Trailer): Promise<void> {
  for (const table of plan.tables) {
    const count = await countRows(db, table.name)
    const expected = trailer.rows[table.name] ?? 0
    if (count !== expected) {
      throw invalidFile(
        `${table.name} holds ${String(count)} rows after restoring, the file ${String(expected)}.`,
      )
    }
  }
}
