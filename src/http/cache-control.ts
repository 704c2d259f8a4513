import type { MiddlewareHandler } from 'hono'

/**
 * What caches may keep of answers that depend on who asks. One that says nothing is taken as personal
 * (`private, no-cache`), so no shared cache guesses a lifetime for it. One a shared cache may keep
 * (`public`) varies by Cookie: a signed-in editor never gets the copy kept for the public, nor the
 * public an editor's. Assets and health answer before this, with their own headers.
 */
export const viewerCaching = (): MiddlewareHandler => async (c, next) => {
  await next()
  const headers = c.res.headers
  const cacheControl = headers.get('cache-control')
  if (cacheControl === null) headers.set('cache-control', 'private, no-cache')
  else if (/\bpublic\b/i.test(cacheControl) && !/\bcookie\b/i.test(headers.get('vary') ?? ''))
    headers.append('vary', 'Cookie')
}
