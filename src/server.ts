import { createApp } from './app.tsx'
import type { Config } from './config.ts'
import { openDatabase, type Database } from './platform/db/database.ts'
import { migrateToLatest } from './platform/db/migrator.ts'
import { importContent } from './guides/content.ts'
import { buildAssets } from './platform/http/assets.ts'
import { LiveHub } from './live/live-hub.ts'
import { logger, tell, useLogLevel } from './platform/log.ts'
import { plural } from './kernel/plural.ts'
import { startJobs } from './jobs.ts'
import { campaignsPlaced } from './campaigns/campaign-placement.service.ts'
import { listen, type FetchCallback } from './platform/http/listen.ts'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

export interface RunningServer {
  url: string
  database: Database
  stop(): Promise<void>
}

/** Why the server could not listen, in words that say what to do; other errors as they were. */
function listenFailure(error: unknown, config: Config): unknown {
  const code = (error as { code?: unknown } | null)?.code
  const where = `port ${String(config.port)} on ${config.host}`
  if (code === 'EADDRINUSE')
    return new Error(`${where} is in use by another program: stop it, or set PORT to a free port.`, {
      cause: error,
    })
  if (code === 'EACCES')
    return new Error(`${where} may not be used by this user: set PORT to one above 1023.`, { cause: error })
  return error
}

/** Opens the database, brings it up to date, imports content/ on first start, and serves. */
export async function startServer(
  config: Config,
  log: (line: string) => void = tell,
): Promise<RunningServer> {
  useLogLevel(config.logLevel)
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
  })
  const migrated = await migrateToLatest(database.db, config.databaseUrl)
  const applied = migrated.results?.map((r) => r.migrationName) ?? []
  if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied')
  const imported = await importContent(database.db, config.contentDir)
  for (const guide of imported) {
    log(`Imported ${guide.slug}: edition 1, ${plural(guide.blockCount, 'block')}, ${guide.state}.`)
    logger.info(
      { slug: guide.slug, blocks: guide.blockCount, state: guide.state },
      'imported a guide from the content folder',
    )
  }
  const live = new LiveHub(database)
  const app = createApp({ config, database, assets: await buildAssets(), live })
  // Each process runs the queue's jobs too; the database shares them out (src/platform/queue/).
  const jobs = await startJobs(config, database)

  // Requests still being answered when a stop begins are finished before the database closes.
  let inFlight = 0
  let drained: (() => void) | undefined
  const fetch: FetchCallback = async (request, env) => {
    inFlight++
    try {
      return await app.fetch(request, env)
    } finally {
      inFlight--
      if (inFlight === 0) drained?.()
    }
  }
  let server: Awaited<ReturnType<typeof listen>>
  try {
    server = await listen(fetch, config)
  } catch (error) {
    // Nothing is served, so nothing is kept: the jobs' timers, the live connection and the pool close,
    // and `gloss serve` exits rather than hanging on them.
    await Promise.allSettled([live.close(), jobs.stop()])
    await database.close()
    throw listenFailure(error, config)
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  logger.info(
    { port, database: database.kind, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) },
    'listening',
  )

  return {
    url,
    database,
    /**
     * Stops accepting, ends event streams with a hint to reconnect, lets requests in flight finish
     * (for up to eight seconds), closes the connections left, then the database: well within the ten
     * seconds `gloss serve` allows itself after SIGTERM.
     */
    async stop() {
      const allClosed = new Promise<boolean>((resolve) => server.close(() => resolve(true)))
      const streamsEnded = live.close()
      const jobsStopped = jobs.stop()
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (drained = resolve)), sleep(8_000)])
      }
      await streamsEnded
      // Keep-alive connections fall idle as their last responses finish; each is closed once idle.
      const deadline = Date.now() + 1_000
      for (let closed = false; !closed && Date.now() < deadline;) {
        server.closeIdleConnections()
        closed = await Promise.race([allClosed, sleep(50).then(() => false)])
      }
      server.closeAllConnections()
      // Comments answered are placed in their campaigns before the database goes.
      await campaignsPlaced(database.db)
      await jobsStopped
      await database.close()
      logger.info('stopped')
    },
  }
}
