import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { Config } from '../../config.ts'
import type { AppEnv } from './env.ts'

/** What a proxy's id may look like: enough for UUIDs and nginx's $request_id, nothing that breaks a log line. */
const PROXY_ID = /^[\w.=-]{8,128}$/

/**
 * Every request's id, returned as X-Request-Id and written on its log lines. Behind a trusted proxy
 * (TRUST_PROXY) the proxy's id is kept, so one id follows a request through the proxy's log and ours;
 * otherwise the id is always made here, since a client could otherwise put any words in our log.
 */
export const requestIds =
  (config: Config): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const id = requestIdOf(config, c.req.header('x-request-id'))
    c.set('requestId', id)
    c.header('x-request-id', id)
    await next()
  }

/** A request's id from the X-Request-Id it came with (kept only from a trusted proxy), else a new one. */
export function requestIdOf(config: Config, given: string | undefined): string {
  return config.trustProxy && given !== undefined && PROXY_ID.test(given) ? given : randomUUID()
}
