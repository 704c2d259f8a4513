import type { Context, ErrorHandler } from 'hono'
import { DomainError } from '../kernel/errors.ts'

/**
 * Signing in on the way to somewhere: the one address of the sign-in page with where to come back to,
 * and the one redirect of a signed-out visitor to it.
 */

/** The sign-in page, coming back to `next` after; its slashes stay readable in the address bar. */
export const signInUrl = (next: string) => `/sign-in?next=${encodeURIComponent(next).replace(/%2F/gi, '/')}`

/** Where to go after signing in: only a path on this site (one leading slash, printable ASCII, no backslash). */
export const safeNext = (value: string | undefined): string | undefined =>
  value && value.length <= 2000 && /^\/(?![/\\])[!-[\]-~]*$/.test(value) ? value : undefined

/**
 * A signed-out visitor (an `unauthenticated` refusal) goes to sign in and comes back: after a GET to the
 * page itself, after a form to `formPage` of its address when given, since a form's own address shows
 * nothing. Undefined for anything else, which the caller answers.
 */
export function signInFirst(
  c: Context,
  error: unknown,
  formPage?: (path: string) => string,
): Response | undefined {
  if (!(error instanceof DomainError) || error.code !== 'unauthenticated') return undefined
  const url = new URL(c.req.url)
  if (c.req.method === 'GET' || c.req.method === 'HEAD')
    return c.redirect(signInUrl(url.pathname + url.search), 303)
  return formPage ? c.redirect(signInUrl(formPage(url.pathname)), 303) : undefined
}

/** An error handler for pages that need an account: `signInFirst`, and every other error goes on. */
export const sendToSignIn =
  (formPage?: (path: string) => string): ErrorHandler =>
  (error, c) => {
    const away = signInFirst(c, error, formPage)
    if (away) return away
    throw error
  }
