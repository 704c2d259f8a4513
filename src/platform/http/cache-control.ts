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
 * for everyone. Each varies by Accept-Language too, which chooses the interface language when neither
 * the `lang` cookie nor a signed-in person's account does (language.ts), so no cache gives a Welsh page
 * to an English reader or the reverse. Assets and health answer before this, with their own headers.
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
    for (const name of ['Cookie', 'Accept-Language', ...(shared ? originHeaders(config) : [])])
      if (!varies.includes(name.toLowerCase())) headers.append('vary', name)
  }

/**
 * For pages answered before anyone is looked up, the same for every viewer and changing only with a
 * release (the problem catalogue, the accessibility statement): any cache may keep a found page for an
 * hour; anything else (a 404), not at all. Same for everyone who reads the same language, that is: the
 * cookie of the language switch, else Accept-Language, chooses it.
 */
export const sameForEveryoneForAnHour: MiddlewareHandler = async (c, next) => {
  await next()
  c.res.headers.set('cache-control', c.res.status === 200 ? 'public, max-age=3600' : 'no-store')
  c.res.headers.set('vary', 'Cookie, Accept-Language')
}
