import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Config } from '../../config.ts'
import type { NewSession } from '../../people/account.service.ts'
import { isHttps, setSessionCookie } from './session.ts'

/** Marks a browser that has signed in to an account (src/people/known-device.service.ts); kept past sign-out. */
export const DEVICE_COOKIE = 'gloss_device'

/** The session cookie, and the known-browser cookie for a year (browsers cap cookies at 400 days). */
export function setSignInCookies(c: Context, config: Config, session: NewSession): void {
  setSessionCookie(c, config, session)
  setCookie(c, DEVICE_COOKIE, session.device, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, config),
    path: '/',
    maxAge: 365 * 86_400,
  })
}

export const deviceCookie = (c: Context) => getCookie(c, DEVICE_COOKIE)
