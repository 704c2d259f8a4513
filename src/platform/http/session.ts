import type { Context, MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Config } from '../../config.ts'
import type { Db } from '../db/database.ts'
import { noteSessionSeen, sessionOfToken, type SessionPerson } from '../../people/session.service.ts'
import type { NewSession } from '../../people/account.service.ts'
import { looksLikeToken } from '../../people/tokens.ts'
import { publicViewer, type Viewer } from '../../people/viewer.ts'
import type { AppEnv } from './env.ts'
import { siteOrigin } from './security.ts'

export const SESSION_COOKIE = 'gloss_session'

/**
 * The client's address: the socket's, or the proxy's X-Forwarded-For when configured to trust it. The
 * last entry is the one the proxy added; any before it were written by the client, and believing them
 * would give a guesser a fresh address, and fresh per-address limits, with every request.
 */
export function clientAddress(c: Context, config: Config): string {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // A request that came through no socket (app.request in tests) has no address to give.
    return 'unknown'
  }
}

export const isHttps = (c: Context, config: Config) =>
  siteOrigin(
    config,
    c.req.url,
    c.req.header('x-forwarded-proto'),
    c.req.header('x-forwarded-host'),
  ).startsWith('https:')

/** The viewer a live session stands for; undefined for an erased person's. Open event streams re-read it. */
export function sessionViewer(row: SessionPerson, address: string): Viewer | undefined {
  if (!row.email) return undefined
  return {
    person: {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      isAdmin: row.isAdmin,
      sessionId: row.sessionId,
      language: row.language,
    },
    roles: new Map(row.roles.map((r) => [r.guideId, r.role])),
    address,
  }
}

/** Puts the viewer (signed-in person and roles, or the public) on every request. */
export const loadViewer =
  (db: Db, config: Config): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const address = clientAddress(c, config)
    const token = getCookie(c, SESSION_COOKIE)
    let viewer: Viewer = publicViewer(address)
    if (token && looksLikeToken(token)) {
      const row = await sessionOfToken(db, token)
      const signedIn = row && sessionViewer(row, address)
      if (row && signedIn) {
        viewer = signedIn
        await noteSessionSeen(db, row)
      }
    }
    c.set('viewer', viewer)
    await next()
  }

export function setSessionCookie(c: Context, config: Config, session: NewSession): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, config),
    path: '/',
    expires: session.expiresAt,
  })
}

export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/' })
