import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { routePattern } from '../http/route-pattern.ts'
import { requestTally } from './metrics.ts'

/** Counts and times one answer by method, route pattern and status (see metrics.ts). */
export function countRequest(method: string, route: string, status: number, seconds: number): void {
  requestTally.observe(method, route, status, seconds)
}

/** countRequest for every request the app answers; front-cache.ts counts those it answers itself. */
export const httpMetrics = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  countRequest(c.req.method, routePattern(c), c.res.status, (performance.now() - started) / 1000)
}
