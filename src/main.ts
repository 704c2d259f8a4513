import { loadConfig } from './config.ts'
import { startServer } from './server.ts'
import { logger } from './platform/log.ts'

/** `gloss serve`: runs until SIGTERM or SIGINT, then closes the server and the database. */
export async function main(): Promise<void> {
  const server = await startServer(loadConfig())
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping.`)
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'the server did not stop cleanly')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}
