import type { Hono } from 'hono'
import type { AppEnv } from '../../src/http/env.ts'
import { json } from './app.ts'

/** A client that keeps its session cookie between requests, as a browser would. */
export class Client {
  cookie = ''
  constructor(private readonly app: Hono<AppEnv>) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookie) headers.set('cookie', this.cookie)
    const response = await this.app.request(path, { ...init, headers })
    const set = response.headers.get('set-cookie')
    if (set) {
      const match = /gloss_session=([^;]*)/.exec(set)
      if (match) this.cookie = match[1] ? `gloss_session=${match[1]}` : ''
    }
    return response
  }

  send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    this.request(path, json(method, body, headers))
}

export const PASSWORD = 'correct horse battery'
