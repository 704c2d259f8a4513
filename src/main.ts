import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { loadConfig, type Config } from './config.ts'
import { startServer } from './server.ts'
import { logDrained, logger, tell, useLogLevel } from './platform/log.ts'
import { reachedAt, superviseWorkers } from './cli/serve-workers.ts'

export interface ServeOptions {
  /** Server processes on this machine; `auto` is one per core. */
  workers: number | 'auto'
}

/**
 * How many workers to run. The embedded database is one process on one folder, so it refuses more
 * than one, and `auto` there means one.
 */
export function workerCount(workers: ServeOptions['workers'], config: Config): number {
  if (config.databaseUrl) return workers === 'auto' ? availableParallelism() : workers
  if (workers === 'auto' || workers === 1) return 1
  throw new Error(
    `--workers ${workers} needs PostgreSQL: the embedded database runs in one process. ` +
      'Set DATABASE_URL to a PostgreSQL server to use several workers, or leave out --workers.',
  )
}

/** PostgreSQL's default max_connections: more than this from one machine's workers is worth a word. */
const POSTGRES_DEFAULT_CONNECTIONS = 100

/**
 * `gloss serve`: runs until SIGTERM or SIGINT, then closes the server and the database. With more than
 * one worker this process supervises the workers (src/cli/serve-workers.ts), and each worker, started
 * by node:cluster with the same command, comes back here to serve.
 */
export async function main(options: ServeOptions = { workers: 1 }): Promise<void> {
  const config = loadConfig()
  useLogLevel(config.logLevel)
  // A server outlives its output's reader (a collector restarted): the plain lines on standard error
  // are lost with it, as the log's are (log.ts), instead of an unheard EPIPE stopping the server.
  for (const output of [process.stdout, process.stderr]) output.on('error', () => undefined)
  if (cluster.isPrimary) {
    const count = workerCount(options.workers, config)
    // Each worker has its pool and a LISTEN connection of its own.
    const connections = count * (config.poolSize + 1)
    if (count > 1 && connections > POSTGRES_DEFAULT_CONNECTIONS)
      logger.warn(
        { workers: count, poolSize: config.poolSize, connections },
        'the workers may open more PostgreSQL connections than its default max_connections (100) allows: ' +
          'run fewer workers or a smaller DB_POOL_SIZE, or raise max_connections',
      )
    if (count > 1) {
      await superviseWorkers(count, config)
      await logDrained()
      process.exit(0)
    }
  }
  const server = await startServer(config)
  if (cluster.isPrimary) {
    const where =
      server.database.kind === 'embedded' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'
    tell(`Gloss is serving ${server.url} from ${where}${reachedAt(config)}.`)
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping')
    if (cluster.isPrimary) tell(`${signal}: stopping.`)
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    // The log drains before the process exits (a lagging reader would lose lines), within the 10 s.
    server.stop().then(
      () => logDrained().then(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, 'the server did not stop cleanly')
        void logDrained().then(() => process.exit(1))
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
