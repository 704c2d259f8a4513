import { createHash } from 'node:crypto'
import { CompiledQuery, type QueryResult } from 'kysely'
import type { Db } from './database.ts'

/**
 * Hot statements, built and compiled once and prepared once per connection.
 *
 * Kysely builds and compiles a query's SQL on every call, and PostgreSQL parses and plans every
 * statement it is sent unnamed: for posting a comment (the session, the checks and the insert), Kysely
 * was an eighth of the Node process's time, and parsing and planning two thirds of those statements'
 * time in PostgreSQL (#18). A statement made with `prepared` is compiled on first use with a
 * placeholder for each value, then run with the values put in their places; on PostgreSQL its text goes
 * once per connection as a named statement (database.ts), after which each call sends only its values,
 * as `pgbench -M prepared` does.
 *
 * Every value that changes between calls must come from the parameters: a value written into the
 * query (`new Date()`, say) would be compiled once and kept, so anything but a plain constant is
 * refused when the statement is compiled. A statement's result columns must be named (no `*`): a
 * prepared statement whose row changes shape under it (a migration adding a column while another
 * machine still runs) fails where a named list does not.
 */

/** Names of the statements PostgreSQL keeps prepared, by their text. */
const names = new Map<string, string>()

/** The name its text is prepared under on each connection, for a hot statement; else undefined. */
export const preparedName = (text: string): string | undefined => names.get(text)

const SLOT = '\u0000gloss-parameter:'

interface Template {
  sql: string
  /** Each compiled parameter: the caller's value's name, or a constant the query holds. */
  parameters: ({ name: string } | { constant: unknown })[]
}

interface Compilable<O> {
  compile(db: Db): CompiledQuery<O>
}

/**
 * A statement built by `build` from its parameters (strings standing in for them, whatever their
 * types say), answering its rows. The same `build` must give the same SQL whatever the values.
 */
export function prepared<P extends Record<string, unknown>, O>(
  build: (db: Db, parameters: P) => Compilable<O>,
): (db: Db, values: P) => Promise<QueryResult<O>> {
  // Compiled once for every database and transaction: all are Kysely on a PostgreSQL dialect with the
  // same camel-case plugin, so the SQL is the same (a test's query-counting plugin changes no SQL).
  let template: Template | undefined
  const templateFor = (db: Db, values: P): Template => {
    if (template) return template
    const slots = Object.fromEntries(Object.keys(values).map((name) => [name, `${SLOT}${name}`])) as P
    const compiled = build(db, slots).compile(db)
    template = {
      sql: compiled.sql,
      parameters: compiled.parameters.map((parameter) => {
        if (typeof parameter === 'string' && parameter.startsWith(SLOT))
          return { name: parameter.slice(SLOT.length) }
        if (parameter === undefined || (parameter !== null && typeof parameter === 'object'))
          throw new Error(`A prepared statement would keep a value given once: ${compiled.sql}`)
        return { constant: parameter }
      }),
    }
    if (!names.has(template.sql))
      names.set(template.sql, `gloss_${createHash('sha1').update(template.sql).digest('hex').slice(0, 16)}`)
    return template
  }
  return async (db, values) => {
    const { sql, parameters: slots } = templateFor(db, values)
    const parameters = slots.map((p) => ('name' in p ? values[p.name] : p.constant))
    return await db.executeQuery<O>(CompiledQuery.raw(sql, parameters))
  }
}
