import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { createContext, useContext, type Child } from 'hono/jsx'
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

/** What a page being rendered knows of the request it answers. */
interface PageRequest {
  lang: Lang
  /** The address being answered, path and query, for the language switch to come back to. */
  path: string
}

/**
 * The request a page is rendered for, handed to every component under it (hono/jsx's context). It was
 * an AsyncLocalStorage of its own (hono/context-storage), entered by every request: on Node 20 each
 * storage in use is carried into every promise the process makes. hono/jsx renders in one too, from the
 * first page a process renders; this was a second, and the only one in a process that renders no page
 * (README, #18). A component reads the context only while it renders, which hono/jsx does inside the
 * provider, asynchronous components included.
 */
const PageRequestContext = createContext<PageRequest | undefined>(undefined)

/** A page (JSX not yet rendered) set to render for `request`. */
export const renderedFor = (request: PageRequest, page: unknown) => (
  <PageRequestContext.Provider value={request}>{page as Child}</PageRequestContext.Provider>
)

/** A page set to render for the request `c` answers (`pageRequests` does it for every `c.html`). */
const forRequest = (c: Context<AppEnv>, page: unknown) =>
  renderedFor({ lang: c.get('lang'), path: addressOf(c) }, page)

const addressOf = (c: Context): string => {
  const query = c.req.url.indexOf('?')
  return query === -1 ? c.req.path : c.req.path + c.req.url.slice(query)
}

/**
 * Every page the app answers with `c.html` is rendered for its request (forRequest), whichever route
 * makes it: Hono's `html` is a property of each request's context, wrapped here once per request.
 */
export const pageRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
  const html = c.html
  c.html = ((page: unknown, ...rest: unknown[]) =>
    (html as (...args: unknown[]) => unknown)(
      typeof page === 'object' && page !== null ? forRequest(c, page) : page,
      ...rest,
    )) as typeof c.html
  await next()
}

/**
 * The language of the request a page is rendered for, for the page frame (layout.tsx) that nearly forty
 * pages share, so none of them has to hand it down. Read only while rendering: code that answers a
 * request reads `c.get('lang')`. English where no request is being answered (a page rendered in a test,
 * a mail or a feed made by a job).
 */
export const requestLanguage = (): Lang => useContext(PageRequestContext)?.lang ?? 'en'

/** The address being answered, path and query, for the language switch to come back to. */
export const requestPath = (): string => useContext(PageRequestContext)?.path ?? '/'
