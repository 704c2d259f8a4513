import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { routePattern } from '../http/route-pattern.ts'
import { httpDuration, httpRequests } from './metrics.ts'

/** Counts and times every answer by method, route pattern and status (see metrics.ts). */
export const httpMetrics = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  const labels = { method: c.req.method, route: routePattern(c), status: String(c.res.status) }
  httpRequests.inc(labels)
  httpDuration.observe(labels, (performance.now() - started) / 1000)
}
