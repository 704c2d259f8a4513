import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import { changeProfile } from '../people/account.service.ts'
import { isLang, type Lang } from '../platform/i18n/languages.ts'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { LANGUAGE_COOKIE } from '../platform/http/language.tsx'
import { isHttps } from '../platform/http/session.ts'
import { safeNext } from './sign-in.ts'

/** Where the switch on every page leads: the language, and the page to come back to. */
export const languageSwitchPath = (lang: Lang, back: string) =>
  `/language/${lang}?back=${encodeURIComponent(back).replace(/%2F/gi, '/')}`

/** A year: the choice is the reader's until they change it. */
const REMEMBERED_SECONDS = 365 * 24 * 60 * 60

/**
 * The language switch: a plain link, so it works without JavaScript. It remembers the choice in a
 * cookie and, for someone signed in, on their account (so it follows them), then goes back to the page,
 * which must be a path on this site (safeNext), never an address elsewhere. It is a GET because a
 * link is what works everywhere; all it changes is a preference the person can change straight back.
 */
export const languageSwitchRoutes = ({ database: { db }, config }: Deps) =>
  new Hono<AppEnv>().get('/language/:lang', async (c) => {
    const lang = c.req.param('lang')
    if (!isLang(lang)) return c.notFound()
    setCookie(c, LANGUAGE_COOKIE, lang, {
      path: '/',
      maxAge: REMEMBERED_SECONDS,
      sameSite: 'Lax',
      httpOnly: true,
      secure: isHttps(c, config),
    })
    const person = c.get('viewer').person
    if (person) await changeProfile(db, person, { language: lang })
    c.header('cache-control', 'no-store')
    return c.redirect(safeNext(c.req.query('back')) ?? '/', 303)
  })
