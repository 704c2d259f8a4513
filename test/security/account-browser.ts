import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { passwordWork } from '../../src/people/password.ts'
import { json } from '../support/app.ts'

/**
 * A browser at one client address (sent as X-Forwarded-For, so the app must trust a proxy) that keeps
 * every cookie it is given, as a real one does: the session and whatever else sign-in leaves behind.
 */
export class Browser {
  private readonly cookies = new Map<string, string>()
  constructor(
    private readonly app: Hono<AppEnv>,
    readonly address: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    headers.set('x-forwarded-for', this.address)
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    const response = await this.app.request(path, { ...init, headers })
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? ''
      const at = pair.indexOf('=')
      const name = pair.slice(0, at)
      const value = pair.slice(at + 1)
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }

  /** The same browser, with its cookies, talking to another app over the same database. */
  on(app: Hono<AppEnv>): Browser {
    const other = new Browser(app, this.address)
    for (const [name, value] of this.cookies) other.cookies.set(name, value)
    return other
  }

  send = (method: string, path: string, body?: unknown) => this.request(path, json(method, body))

  /** A form as a browser posts it: urlencoded. */
  form = (path: string, fields: Record<string, string>) =>
    this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    })

  get signedIn() {
    return this.cookies.has('gloss_session')
  }

  /** Signs out by dropping the session cookie only, as when it expires: the browser keeps the rest. */
  forgetSession() {
    this.cookies.delete('gloss_session')
  }
}

/** The answer to `act` and how many password hashes or verifications the server ran for it. */
export async function counted<T>(act: () => Promise<T>): Promise<{ result: T; derivations: number }> {
  const before = passwordWork.derivations
  const result = await act()
  return { result, derivations: passwordWork.derivations - before }
}
