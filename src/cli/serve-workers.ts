import cluster, { type Worker } from 'node:cluster'
import type { Config } from '../config.ts'
import { logger, tell } from '../platform/log.ts'
import { answerWorkersForMetrics } from '../platform/metrics/cluster-metrics.ts'

/** Where people reach Gloss, when PUBLIC_URL says: said after the address it listens on. */
export const reachedAt = (config: Config): string =>
  config.publicUrl ? `; people reach it at ${config.publicUrl}` : ''

/** A worker that dies sooner than this after starting is failing to start: wait before the next. */
const EARLY_DEATH_MS = 10_000
const MAX_RESTART_DELAY_MS = 30_000
/** Workers get ten seconds to drain (src/main.ts); after this, those left are killed. */
const STOP_DEADLINE_MS = 12_000

/**
 * The primary of `gloss serve --workers N`: it serves nothing itself. It starts N workers, each a
 * whole Gloss server with its own pool and LISTEN connection, all accepting on one port (node:cluster
 * hands connections round); starts a new worker when one dies; and on SIGTERM or SIGINT passes the
 * signal on, waits for every worker to finish its requests, and exits.
 */
export function superviseWorkers(count: number, config: Config): Promise<void> {
  answerWorkersForMetrics()
  let stopping = false
  let failures = 0
  const started = new Map<Worker, number>()
  const listening = new Set<Worker>()
  let announced = false

  const fork = () => started.set(cluster.fork(), Date.now())
  cluster.on('listening', (worker, address) => {
    listening.add(worker)
    if (announced || listening.size < count) return
    announced = true
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host
    const where = config.databaseUrl ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`
    tell(
      `Gloss is serving http://${host}:${address.port} from ${where} with ${count} workers${reachedAt(config)}.`,
    )
    logger.info({ port: address.port, workers: count }, 'started')
  })
  cluster.on('exit', (worker, code, signal) => {
    const age = Date.now() - (started.get(worker) ?? 0)
    started.delete(worker)
    listening.delete(worker)
    if (stopping) return
    failures = age < EARLY_DEATH_MS ? failures + 1 : 0
    const delay = failures === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (failures - 1))
    logger.error(
      { workerPid: worker.process.pid, code, signal, restartInMs: delay },
      'a worker died; starting another',
    )
    setTimeout(() => {
      if (!stopping) fork()
    }, delay)
  })

  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      logger.info({ signal, workers: started.size }, 'stopping')
      tell(`${signal}: stopping ${started.size} workers.`)
      for (const worker of started.keys()) worker.process.kill(signal)
      const force = setTimeout(() => {
        for (const worker of started.keys()) worker.process.kill('SIGKILL')
      }, STOP_DEADLINE_MS)
      const check = () => {
        if (started.size > 0) return
        clearTimeout(force)
        logger.info('stopped')
        resolve()
      }
      cluster.on('exit', check)
      check()
    }
    process.on('SIGTERM', () => stop('SIGTERM'))
    process.on('SIGINT', () => stop('SIGINT'))
    for (let i = 0; i < count; i++) fork()
  })
}
