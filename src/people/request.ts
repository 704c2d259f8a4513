import type { Context } from 'hono'
import type { Config } from '../config.ts'
import type { AppEnv } from '../platform/http/env.ts'
import { siteOrigin } from '../platform/http/security.ts'
import { unauthenticated } from '../kernel/errors.ts'
import type { SignedInPerson } from './viewer.ts'

/** What the people handlers read of a request beyond its declared parts. */

/** The person signed in, or a 401: the account's own routes are for its person alone. */
export const signedIn = (c: Context<AppEnv>): SignedInPerson => {
  const person = c.get('viewer').person
  if (!person) throw unauthenticated()
  return person
}

/** Kept with a session, so its person can tell their sessions apart. */
export const userAgent = (c: Context) => c.req.header('user-agent') ?? ''

/** Where a link handed out (an invitation, a reset) must point: the site as people reach it, proxy and all. */
export const linkOrigin = (config: Config, c: Context) =>
  siteOrigin(config, c.req.url, c.req.header('x-forwarded-proto'), c.req.header('x-forwarded-host'))
