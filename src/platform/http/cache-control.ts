import type { MiddlewareHandler } from 'hono'
import type { Config } from '../../config.ts'
import { originHeaders } from './security.ts'

/**
 * What caches may keep of answers that depend on who asks, which is every answer from here on. Each
 * varies by Cookie: no cache, the browser's own included, gives or revalidates (an ETag is per comment,
 * not per viewer) one person's copy for another, nor a signed-in editor's for the public. One that says
 * nothing is taken as personal (`private, no-cache`), so no shared cache guesses a lifetime for it. One
 * a shared cache may keep (`public`) varies too by the forwarded headers absolute links may be built
 * from (without PUBLIC_URL, behind a trusted proxy), so one request's X-Forwarded-Host is never kept
 * for everyone. Assets and health answer before this, with their own headers.
 */
export const viewerCaching =
  (config: Config): MiddlewareHandler =>
  async (c, next) => {
    await next()
    const headers = c.res.headers
    const cacheControl = headers.get('cache-control')
    if (cacheControl === null) headers.set('cache-control', 'private, no-cache')
    const shared = cacheControl !== null && /\bpublic\b/i.test(cacheControl)
    const varies = (headers.get('vary') ?? '').toLowerCase()
    for (const name of ['Cookie', ...(shared ? originHeaders(config) : [])])
      if (!varies.includes(name.toLowerCase())) headers.append('vary', name)
  }
