import type { MiddlewareHandler } from 'hono'
import type { Config } from '../config.ts'
import { originHeaders } from './security.ts'

/**
 * What caches may keep of answers that depend on who asks. One that says nothing is taken as personal
 * (`private, no-cache`), so no shared cache guesses a lifetime for it. One a shared cache may keep
 * (`public`) varies by Cookie, so a signed-in editor never gets the copy kept for the public nor the
 * public an editor's, and by the forwarded headers absolute links may be built from (without
 * PUBLIC_URL, behind a trusted proxy), so one request's X-Forwarded-Host is never kept for everyone.
 * Assets and health answer before this, with their own headers.
 */
export const viewerCaching =
  (config: Config): MiddlewareHandler =>
  async (c, next) => {
    await next()
    const headers = c.res.headers
    const cacheControl = headers.get('cache-control')
    if (cacheControl === null) {
      headers.set('cache-control', 'private, no-cache')
      return
    }
    if (!/\bpublic\b/i.test(cacheControl)) return
    const varies = (headers.get('vary') ?? '').toLowerCase()
    for (const name of ['Cookie', ...originHeaders(config)])
      if (!varies.includes(name.toLowerCase())) headers.append('vary', name)
  }
