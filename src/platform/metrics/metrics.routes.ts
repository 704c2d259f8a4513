import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import { Hono, type Context } from 'hono'
import type { Config } from '../../config.ts'
import type { AppEnv } from '../http/env.ts'
import { makeProblem, problemResponse } from '../http/problem.ts'
import { clientAddress } from '../http/session.ts'
import { currentMetrics } from './cluster-metrics.ts'
import { registry, watch, type MetricSource } from './metrics.ts'

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (how a dual-stack socket reports 127.0.0.1). */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  if (isIP(v4) === 4) return v4.startsWith('127.')
  return address === '::1'
}

function bearerMatches(c: Context, token: string): boolean {
  const given = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
  if (!given) return false
  const [a, b] = [Buffer.from(given), Buffer.from(token)]
  return a.length === b.length && timingSafeEqual(a, b)
}

const NO_STORE = { 'cache-control': 'no-store' }

/**
 * `/metrics` in Prometheus text format, for this machine's own scraper (a loopback address; behind a
 * trusted proxy, the address the proxy forwarded, so the proxy itself is not let through) or whoever
 * holds METRICS_TOKEN. Anyone else is told there is nothing here; a wrong token (when there is one) is
 * told it is wrong.
 */
export function metricsRoutes(config: Config, source: MetricSource) {
  watch(source)
  return new Hono<AppEnv>().get('/metrics', async (c) => {
    const token = config.metricsToken
    const authorised = token !== undefined && bearerMatches(c, token)
    if (!authorised && !isLoopback(clientAddress(c, config))) {
      // Kept by no cache: the next asker may be this machine's scraper, which is answered.
      // Without METRICS_TOKEN no token opens it: a Bearer header is answered as no header is, 404,
      // which does not say /metrics exists.
      return token !== undefined && c.req.header('authorization')
        ? problemResponse(makeProblem('forbidden', 'That token does not open the metrics.'), NO_STORE)
        : problemResponse(makeProblem('not-found', 'There is nothing at this address.'), NO_STORE)
    }
    return c.body(await currentMetrics(), 200, {
      'content-type': registry.contentType,
      'cache-control': 'no-store',
    })
  })
}
