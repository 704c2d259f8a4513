import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Config } from '../../config.ts'
import { makeProblem, problemResponse } from './problem.ts'

/** Headers on every response: a CSP without inline script, no framing, no sniffing, no referrer leaks. */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https:', 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  })

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The origin people reach Gloss at: the configured public URL, else the one the request came to. */
export function siteOrigin(
  config: Config,
  url: string,
  forwardedProto: string | undefined,
  forwardedHost: string | undefined,
): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin
  const own = new URL(url)
  if (config.trustProxy && forwardedHost)
    return `${forwardedProto ?? own.protocol.replace(':', '')}://${forwardedHost}`
  return own.origin
}

/**
 * The request headers `siteOrigin` took the origin from, beyond the Host a cache keys on anyway: an
 * answer holding links built from them, if a shared cache may keep it, must vary by them.
 */
export const originHeaders = (config: Config): string[] =>
  !config.publicUrl && config.trustProxy ? ['X-Forwarded-Host', 'X-Forwarded-Proto'] : []

/**
 * Unsafe requests from another site are refused. Scripts send no Origin and are let through (SPEC.md);
 * browsers always send one on unsafe requests, and Sec-Fetch-Site where they support it. `exempt`
 * names the paths whose request carries its own authority in the address (one-click unsubscribe's
 * signed link, which mail providers POST to from their own origin, RFC 8058), and only those.
 */
export const sameOriginOnly =
  (config: Config, exempt: (method: string, path: string) => boolean = () => false): MiddlewareHandler =>
  async (c, next) => {
    if (!SAFE.has(c.req.method) && !exempt(c.req.method, c.req.path)) {
      const origin = c.req.header('origin')
      const fetchSite = c.req.header('sec-fetch-site')
      const own = siteOrigin(
        config,
        c.req.url,
        c.req.header('x-forwarded-proto'),
        c.req.header('x-forwarded-host'),
      )
      if ((origin !== undefined && origin !== own) || fetchSite === 'cross-site') {
        return problemResponse(makeProblem('cross-origin', 'Requests from another site are not accepted.'))
      }
    }
    await next()
  }
