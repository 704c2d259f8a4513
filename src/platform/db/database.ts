import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { CamelCasePlugin, Kysely, PostgresDialect, type LogEvent } from 'kysely'
import pg from 'pg'
import { mkdirSync } from 'node:fs'
import { listenWithReconnect } from './listener.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { PGliteDialect } from './pglite-dialect.ts'
import { preparedName } from './prepared.ts'
import type { DB } from './schema.ts'
import { connectionWaits, type PoolUse } from '../metrics/metrics.ts'
import { logger, withoutAddresses } from '../log.ts'

export type Db = Kysely<DB>

export interface Database {
  db: Db
  kind: 'postgres' | 'embedded'
  /**
   * Subscribes to a NOTIFY channel; resolves once listening, to a function that stops it. After losing
   * the database and listening again, it calls `onReconnect`: notifications in between are lost.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>
  /** Its connections now, for `/metrics`. */
  pool(): PoolUse
  close(): Promise<void>
}

const INT8 = 20
const NUMERIC = 1700
/** Counts and sums arrive as numbers on both databases (pg would give strings, PGlite BigInts). */
const asNumber = (value: string) => Number(value)

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined
  poolSize?: number
}

/**
 * At LOG_LEVEL=debug, a line for each statement Kysely runs: `query`, its SQL (the values are sent
 * apart and never logged) and `durationMs`. Chosen when the database opens (the server sets its level
 * first): Kysely times every statement once it has a logger, so at other levels it has none.
 */
function queryLog(): { log?: (event: LogEvent) => void } {
  if (!logger.isLevelEnabled('debug')) return {}
  return {
    log: (event) =>
      logger.debug(
        {
          sql: withoutAddresses(event.query.sql),
          durationMs: Math.round(event.queryDurationMillis * 10) / 10,
          ...(event.level === 'error' ? { failed: true } : {}),
        },
        'query',
      ),
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openEmbedded(options.dataDir ?? './data')
}

/**
 * Sends the hot statements (prepared.ts) as named statements: PostgreSQL parses and plans each once on
 * this connection, and every later call sends only its values. Kysely asks with (text, values).
 */
function prepareHotStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? preparedName(text) : undefined
    if (name === undefined) return query(text, ...rest)
    const [values, ...callback] = rest
    return query({ name, text, values }, ...callback)
  }) as typeof client.query
}

/**
 * How long a request waits for a database connection before it is answered 503 with Retry-After: a
 * database that is down or restarting refuses at once, but one that is unreachable, or a pool taken up
 * by slow requests, would otherwise keep the request waiting without end.
 */
const CONNECT_TIMEOUT_MS = 2_000

function openPostgres(connectionString: string, max: number): Database {
  const types = new pg.TypeOverrides()
  types.setTypeParser(INT8, asNumber)
  types.setTypeParser(NUMERIC, asNumber)
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  })
  // A client losing its server (a restart) must not take the process down, whether it is idle in the
  // pool (the pool's error event) or checked out between two queries of a transaction (its own): the
  // query under way fails, the pool drops the client, and the next request connects again.
  pool.on('error', () => {})
  pool.on('connect', (client) => {
    client.on('error', () => {})
    prepareHotStatements(client)
  })
  // How long each query or transaction waited for a connection (Kysely asks with no callback): a pool
  // too small for the load shows here first. The pool's own callback form (pool.query) is left alone.
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<pg.PoolClient> | undefined
  pool.connect = ((...args: unknown[]) => {
    if (args.length > 0) return connect(...args)
    const started = performance.now()
    const observe = () => connectionWaits.observe((performance.now() - started) / 1000)
    return connect()?.finally(observe)
  }) as typeof pool.connect
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    ...queryLog(),
  })
  return {
    db,
    kind: 'postgres',
    pool: () => ({
      max,
      inUse: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    listen: (channel, onMessage, onReconnect) =>
      listenWithReconnect({
        connectionString,
        channel,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        onMessage,
        onReconnect,
      }),
    close: () => db.destroy(),
  }
}

/**
 * PGlite starts PostgreSQL with fsync off (`-F`), and its Node file system has no fsync: a commit is
 * written to the operating system before it is acknowledged, so it survives the process being killed,
 * but not the machine losing power. With fsync on and the WAL opened O_DSYNC (which PGlite passes to
 * the file system as O_SYNC), each commit is on the disk before it is acknowledged. Checkpoints still
 * write data files without fsync, which is why the README keeps the embedded database for trying Gloss
 * and small single-machine use.
 */
const DURABLE_COMMITS = [
  ...PGlite.defaultStartParams.filter((param) => param !== '-F'),
  '-c',
  'wal_sync_method=open_datasync',
]

async function openEmbedded(dataDir: string): Promise<Database> {
  const onDisk = !dataDir.startsWith('memory://')
  if (onDisk) mkdirSync(dataDir, { recursive: true })
  const unlock = onDisk ? lockDataDir(dataDir) : () => undefined
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8]: asNumber, [NUMERIC]: asNumber },
    // Campaigns find near-identical comments by trigrams (migrations/…-campaigns.ts), as on a server.
    extensions: { pg_trgm },
    ...(onDisk ? { startParams: DURABLE_COMMITS } : {}),
  }).catch((error: unknown) => {
    unlock()
    throw error
  })
  const dialect = new PGliteDialect(pglite)
  const db = new Kysely<DB>({ dialect, plugins: [new CamelCasePlugin()], ...queryLog() })
  return {
    db,
    kind: 'embedded',
    pool: () => dialect.use(),
    async listen(channel, onMessage) {
      const stop = await pglite.listen(channel, onMessage)
      return () => stop()
    },
    close: () => db.destroy().finally(unlock),
  }
}
