import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../platform/db/database.ts'

/** One column of a table as the catalog describes it. */
export interface CatalogColumn {
  table: string
  name: string
  /** `format_type`'s name, e.g. `timestamp with time zone`, `text[]`. */
  type: string
  /** GENERATED ALWAYS AS (…) STORED: computed from the row, never written. */
  generated: boolean
  /** An identity column or a serial one: its sequence is moved past the restored rows. */
  sequenced: boolean
  /** Text-like: ordered by bytes (collation "C") so both database kinds order it alike. */
  collatable: boolean
  /** Position in the primary key, from 1; null when not part of it. */
  keyPosition: number | null
}

/** Every column of every ordinary table of the schema Gloss uses, in column order. */
export async function catalogColumns(db: Db): Promise<CatalogColumn[]> {
  const { rows } = await sql<CatalogColumn>`
    select t.relname as "table",
           a.attname as name,
           format_type(a.atttypid, a.atttypmod) as type,
           a.attgenerated <> '' as generated,
           (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid), '') like 'nextval(%') as sequenced,
           a.attcollation <> 0 as collatable,
           array_position(k.conkey, a.attnum) as key_position
    from pg_class t
    join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
    left join pg_attrdef d on d.adrelid = t.oid and d.adnum = a.attnum
    left join pg_constraint k on k.conrelid = t.oid and k.contype = 'p'
    where t.relnamespace = current_schema()::regnamespace and t.relkind in ('r', 'p')
    order by t.relname, a.attnum`.execute(db)
  return rows
}

/** Which table refers to which, through foreign keys. */
export async function tableReferences(db: Db): Promise<{ from: string; to: string }[]> {
  const { rows } = await sql<{ from: string; to: string }>`
    select f.relname as "from", t.relname as "to"
    from pg_constraint c
    join pg_class f on f.oid = c.conrelid
    join pg_class t on t.oid = c.confrelid
    where c.contype = 'f' and f.relnamespace = current_schema()::regnamespace`.execute(db)
  return rows
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map((r) => r.name)
}

/**
 * An export reads one snapshot and writes values the same way on every server: UTC timestamps and
 * PostgreSQL's shortest exact floats, hex bytea.
 */
export async function prepareExportSession(db: Db): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(db)
  await sql`set local extra_float_digits = 1`.execute(db)
  await sql`set local bytea_output = 'hex'`.execute(db)
  await sql`set local intervalstyle = 'iso_8601'`.execute(db)
}

export interface PageQuery {
  table: string
  columns: readonly string[]
  key: readonly { name: string; type: string; collatable: boolean }[]
  /** The key of the last row already read (as text), or undefined for the first page. */
  after: readonly string[] | undefined
  limit: number
  /** Rows past this many bytes of JSON wait for the next page (the first row always comes). */
  maxBytes: number
}

const keyRef = (k: { name: string; collatable: boolean }) =>
  k.collatable ? sql`${sql.ref(k.name)} collate "C"` : sql.ref(k.name)

/**
 * One page of a table in primary-key order, each row already as its JSON line. Keyset paging keeps
 * every page as cheap as the first, however far into a large table; the byte limit keeps a page of
 * large rows (editions carry whole sources) as small in memory as a page of small ones.
 */
export async function exportPage(db: Db, q: PageQuery): Promise<{ rowJson: string; rowKey: string[] }[]> {
  const values = q.after
  let where: RawBuilder<unknown> = sql``
  if (values) {
    const value = (i: number) => {
      const k = q.key[i]
      return k ? sql`cast(${values[i] ?? null} as ${sql.raw(k.type)})` : sql`null`
    }
    // (k1 > v1) or (k1 = v1 and k2 > v2) or ..., with k1 >= v1 up front for the index.
    const alternatives = q.key.map((k, i) => {
      const equal = q.key.slice(0, i).map((e, j) => sql`${keyRef(e)} = ${value(j)}`)
      return sql`(${sql.join([...equal, sql`${keyRef(k)} > ${value(i)}`], sql` and `)})`
    })
    const first = q.key[0]
    where = sql`where ${first ? sql`${keyRef(first)} >= ${value(0)} and ` : sql``}(${sql.join(alternatives, sql` or `)})`
  }
  const order = sql.join(q.key.map(keyRef))
  const { rows } = await sql<{ rowJson: string; rowKey: string[] }>`
    select row_json, row_key from (
      select row_json, row_key, ${sql.join(q.key.map((k) => sql.ref(k.name)))},
             sum(octet_length(row_json)) over (order by ${order}) - octet_length(row_json) as bytes_before
      from (
        select json_build_array(${sql.join(q.columns.map((c) => sql.ref(c)))})::text as row_json,
               array[${sql.join(q.key.map((k) => sql`${sql.ref(k.name)}::text`))}] as row_key,
               ${sql.join(q.key.map((k) => sql.ref(k.name)))}
        from ${sql.table(q.table)}
        ${where}
        order by ${order}
        limit ${q.limit}
      ) page
    ) sized
    where bytes_before < ${q.maxBytes}
    order by ${order}`.execute(db)
  return rows
}

export async function instanceCounts(db: Db, otherThan: number | null) {
  const { rows } = await sql<{ guides: number; people: number; others: number; comments: number }>`
    select (select count(*) from guides) as guides,
           (select count(*) from people) as people,
           (select count(*) from people where id <> ${otherThan ?? 0}) as others,
           (select count(*) from comments) as comments`.execute(db)
  const row = rows[0]
  return {
    guides: row?.guides ?? 0,
    people: row?.people ?? 0,
    otherPeople: row?.others ?? 0,
    comments: row?.comments ?? 0,
  }
}

/** Nobody reads or writes any of these tables until the restoring transaction ends. */
export async function lockTables(db: Db, tables: readonly string[]): Promise<void> {
  await sql`lock table ${sql.join(tables.map((t) => sql.table(t)))} in access exclusive mode`.execute(db)
}

/** Empties the tables (a truncate, so the audit log's append-only trigger does not fire). */
export async function emptyTables(db: Db, tables: readonly string[]): Promise<void> {
  await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))} restart identity`.execute(db)
}

export interface ForeignKey {
  table: string
  name: string
}

/**
 * Makes every foreign key of the schema wait for the end of the transaction, so rows may arrive in any
 * order (a comment marked a duplicate of a later one). Schema changes in a transaction are undone with
 * it, so a failed restore leaves the keys as they were.
 */
export async function deferForeignKeys(db: Db): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select t.relname as "table", c.conname as name
    from pg_constraint c join pg_class t on t.oid = c.conrelid
    where c.contype = 'f' and not c.condeferrable and t.relnamespace = current_schema()::regnamespace
    order by t.relname, c.conname`.execute(db)
  for (const key of rows) {
    await sql`alter table ${sql.table(key.table)} alter constraint ${sql.id(key.name)} deferrable initially deferred`.execute(
      db,
    )
  }
  return rows
}

/** Checks every deferred foreign key now, then makes them immediate again as the migrations made them. */
export async function checkForeignKeys(db: Db, keys: readonly ForeignKey[]): Promise<void> {
  await sql`set constraints all immediate`.execute(db)
  for (const key of keys) {
    await sql`alter table ${sql.table(key.table)} alter constraint ${sql.id(key.name)} not deferrable`.execute(
      db,
    )
  }
}

/**
 * Inserts rows given as JSON arrays (one value per column, as the export wrote them): PostgreSQL turns
 * each value back into its column's type, so nothing passes through JavaScript numbers or dates.
 */
export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rowsJson: string,
): Promise<number> {
  const result = await sql`
    insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) overriding system value
    select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
    from json_array_elements(${rowsJson}::json) with ordinality as e(v, n)
    cross join lateral json_populate_record(
      null::${sql.table(table)},
      (select json_object_agg(k.name, e.v -> (k.i::int - 1))
       from json_array_elements_text(${JSON.stringify(columns)}::json) with ordinality as k(name, i))
    ) as r
    order by e.n`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

export async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(db)
  return rows[0]?.count ?? 0
}

/** The next id a sequence hands out comes after the restored rows. */
export async function moveSequencePastRows(db: Db, table: string, column: string): Promise<void> {
  await sql`
    select setval(pg_get_serial_sequence(quote_ident(${table}), ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false)
    from ${sql.table(table)}`.execute(db)
}
