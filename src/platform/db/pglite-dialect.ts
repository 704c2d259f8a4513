import type { PGlite } from '@electric-sql/pglite'
import { connectionWaits, type PoolUse } from '../metrics/metrics.ts'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely'

/**
 * Kysely over the embedded PostgreSQL. PGlite is a single connection, so the driver hands it to one
 * borrower at a time: a transaction then owns it until it commits, as a pooled connection would.
 */
export class PGliteDialect implements Dialect {
  private readonly driver: PGliteDriver
  constructor(pglite: PGlite) {
    this.driver = new PGliteDriver(pglite)
  }
  createAdapter = () => new PostgresAdapter()
  createDriver = (): Driver => this.driver
  /** The one connection's use, for `/metrics`: borrowed or not, and how many wait for it. */
  use = (): PoolUse => ({
    max: 1,
    inUse: this.driver.borrowed ? 1 : 0,
    idle: this.driver.borrowed ? 0 : 1,
    waiting: this.driver.waiting,
  })
  createIntrospector = (db: Kysely<unknown>) => new PostgresIntrospector(db)
  createQueryCompiler = () => new PostgresQueryCompiler()
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve()
  private readonly connection: PGliteConnection
  waiting = 0
  borrowed = false

  constructor(private readonly pglite: PGlite) {
    this.connection = new PGliteConnection(pglite)
  }

  async init(): Promise<void> {
    await this.pglite.waitReady
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue
    let release = () => {}
    this.queue = new Promise((resolve) => (release = resolve))
    const started = performance.now()
    this.waiting++
    await previous
    this.waiting--
    connectionWaits.observe((performance.now() - started) / 1000)
    this.borrowed = true
    this.connection.release = () => {
      this.borrowed = false
      release()
    }
    return this.connection
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  releaseConnection(): Promise<void> {
    this.connection.release()
    return Promise.resolve()
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close()
  }
}

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {}

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[])
    return {
      rows: result.rows,
      ...(result.affectedRows === undefined ? {} : { numAffectedRows: BigInt(result.affectedRows) }),
    }
  }

  /** PGlite answers whole results; Gloss pages through large tables instead of streaming. */
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The embedded database does not stream query results.')
  }
}
