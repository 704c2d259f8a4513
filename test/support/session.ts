import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { json } from './app.ts'

/**
 * A client that keeps its session cookie between requests, as a browser would: of the app in-process,
 * or of a server process at a base URL (a path is taken from there; an absolute URL goes where it says,
 * so one session can be carried to a second server).
 */
export class Client {
  cookie = ''
  /** The language the switch on every page chose (its `lang` cookie), as a browser keeps it. */
  language = ''
  constructor(private readonly target: Hono<AppEnv> | string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    const cookies = [this.cookie, this.language && `lang=${this.language}`].filter(Boolean).join('; ')
    if (cookies) headers.set('cookie', cookies)
    const response =
      typeof this.target === 'string'
        ? await fetch(new URL(path, this.target), { ...init, headers })
        : await this.target.request(path, { ...init, headers })
    const set = response.headers.get('set-cookie')
    if (set) {
      const match = /gloss_session=([^;]*)/.exec(set)
      if (match) this.cookie = match[1] ? `gloss_session=${match[1]}` : ''
      const language = /(?:^|[\s,])lang=([^;]*)/.exec(set)
      if (language) this.language = language[1] ?? ''
    }
    return response
  }

  send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    this.request(path, json(method, body, headers))

  /** Sends and insists on the status, so a set-up step that did not work fails there and says so. */
  async expect<T>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body)
    const text = await response.text()
    if (response.status !== status)
      throw new Error(`${method} ${path} answered ${String(response.status)}, not ${String(status)}: ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
}

export const PASSWORD = 'correct horse battery'
