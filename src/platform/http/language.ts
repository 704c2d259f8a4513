import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { getContext } from 'hono/context-storage'
import { fromAcceptLanguage, isLang, type Lang } from '../i18n/languages.ts'
import type { AppEnv } from './env.ts'

/** The cookie the language switch on every page sets, read before anyone is looked up. */
export const LANGUAGE_COOKIE = 'lang'

/**
 * The request's interface language, for pages answered before anyone is looked up (the problem
 * catalogue, the accessibility statement): the switch's cookie, else the browser's Accept-Language.
 */
export const chooseLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('lang', languageAsked(getCookie(c, LANGUAGE_COOKIE), c.req.header('accept-language')))
  await next()
}

/** The language the switch's cookie names, else the one Accept-Language asks for first. */
export const languageAsked = (cookie: string | undefined, acceptLanguage: string | undefined): Lang =>
  isLang(cookie) ? cookie : fromAcceptLanguage(acceptLanguage)

/**
 * Once the viewer is known: a signed-in person's own choice, kept on their account, wins over the
 * cookie, so it follows them to a device that has never seen the switch.
 */
export const personLanguage: MiddlewareHandler<AppEnv> = async (c, next) => {
  const viewer = c.get('viewer')
  const chosen = viewer.person?.language
  if (chosen) c.set('lang', chosen)
  // The services name people (pseudonyms, "a former participant") in it too, from the viewer they get.
  c.set('viewer', { ...viewer, lang: c.get('lang') })
  await next()
}

/**
 * The language of the request being answered, for the page frame (layout.tsx) that nearly forty pages
 * share, so none of them has to hand it down. English where there is no request (a page rendered in a
 * test or a job); pages converted to the catalogue take `lang` as a property instead.
 */
export function requestLanguage(): Lang {
  try {
    return getContext<AppEnv>().get('lang')
  } catch {
    return 'en'
  }
}

/** The address being answered, path and query, for the language switch to come back to. */
export function requestPath(): string {
  try {
    const url = new URL(getContext<AppEnv>().req.url)
    return url.pathname + url.search
  } catch {
    return '/'
  }
}
