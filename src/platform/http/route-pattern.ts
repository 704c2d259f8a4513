import type { Context } from 'hono'
import { matchedRoutes } from 'hono/route'

const isMiddleware = (path: string) => path.endsWith('*')

/**
 * The declared route that answered (`/api/guides/:slug`), for logs and metrics: a bounded set, unlike
 * paths, which carry slugs and ids. Read after the answer, when the request's route index is the route
 * that answered. A middleware that answered itself (a refusal) is named by the route the request was
 * for: the first handler after it, as Hono would have run it. A request no route answered is named
 * `(unmatched)`, so that scanners' guesses do not each become a series.
 *
 * (The last matched route is not the answer: the site's wildcard middlewares registered after
 * `/healthz` or `/metrics` match those paths too.)
 */
export function routePattern(c: Context): string {
  let pattern = patterns.get(c)
  if (pattern === undefined) patterns.set(c, (pattern = answeredRoute(c)))
  return pattern
}

/** Once per request: the request log and the metrics both ask, after the answer, when it is settled. */
const patterns = new WeakMap<Context, string>()

function answeredRoute(c: Context): string {
  const routes = matchedRoutes(c)
  const answered = routes[c.req.routeIndex]?.path
  if (answered !== undefined && !isMiddleware(answered)) return answered
  return routes.slice(c.req.routeIndex + 1).find((route) => !isMiddleware(route.path))?.path ?? '(unmatched)'
}
