import pg from 'pg'
import { logger } from '../log.ts'

const FIRST_DELAY_MS = 100
const LONGEST_DELAY_MS = 2_000

export interface ListenOptions {
  connectionString: string
  channel: string
  connectionTimeoutMillis: number
  onMessage: (payload: string) => void
  /** Called each time the connection comes back: notifications sent while it was away are lost. */
  onReconnect?: (() => void) | undefined
}

/**
 * A LISTEN connection that outlives restarts of the database: when it is lost it connects again,
 * waiting longer after each failure (up to two seconds), and says so once it listens again so that
 * whoever relies on it can read what it missed. Resolves once it first listens, to a function that
 * stops it for good.
 */
export async function listenWithReconnect(options: ListenOptions): Promise<() => Promise<void>> {
  let current: pg.Client | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  let delay = FIRST_DELAY_MS

  const connect = async () => {
    const client = new pg.Client({
      connectionString: options.connectionString,
      connectionTimeoutMillis: options.connectionTimeoutMillis,
      keepAlive: true,
    })
    // A server going away shows as an error, an end, or both; either means connecting again.
    client.on('error', (error) => lost(client, error))
    client.on('end', () => lost(client))
    client.on('notification', (message) => {
      if (message.channel === options.channel) options.onMessage(message.payload ?? '')
    })
    try {
      await client.connect()
      await client.query(`listen ${pg.escapeIdentifier(options.channel)}`)
    } catch (error) {
      // The connection is already broken: ending it can only fail the same way, and the caller hears why.
      client.end().catch(() => undefined)
      throw error
    }
    if (stopped) {
      await client.end()
      return
    }
    current = client
  }

  const lost = (client: pg.Client, error?: Error) => {
    if (client !== current) return
    logger.warn({ err: error, channel: options.channel }, 'LISTEN connection lost; connecting again')
    current = undefined
    // Lost already, and logged above; ending it only lets go of the socket.
    client.end().catch(() => undefined)
    schedule()
  }

  const schedule = () => {
    if (stopped) return
    retry = setTimeout(() => {
      connect().then(
        () => {
          delay = FIRST_DELAY_MS
          logger.info({ channel: options.channel }, 'LISTEN connection back')
          if (!stopped) options.onReconnect?.()
        },
        (error: unknown) => {
          delay = Math.min(delay * 2, LONGEST_DELAY_MS)
          logger.warn(
            { err: error, channel: options.channel, retryMs: delay },
            'LISTEN connection: reconnecting failed',
          )
          schedule()
        },
      )
    }, delay)
    retry.unref()
  }

  await connect()
  return async () => {
    stopped = true
    clearTimeout(retry)
    const client = current
    current = undefined
    await client?.end()
  }
}
