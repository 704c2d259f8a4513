import type { Context } from 'hono'
import { routePath } from 'hono/route'

/**
 * The declared route that answered (`/api/guides/:slug`), for logs and metrics: a bounded set, unlike
 * paths, which carry slugs and ids. A request no route answered ends on a middleware's wildcard, and
 * is named `(unmatched)` so that scanners' guesses do not each become a series.
 */
export function routePattern(c: Context): string {
  const path = routePath(c, -1)
  return path === '' || path.endsWith('*') ? '(unmatched)' : path
}
