import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
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

/** Someone accepts an invitation made by `inviter` (an editor or admin) and comes back signed in. */
export async function joinByInvitation(
  app: Hono<AppEnv>,
  inviter: Client,
  slug: string,
  role: 'reviewer' | 'editor',
  email: string,
  displayName: string,
): Promise<Client> {
  const made = await inviter.send('POST', `/api/guides/${slug}/invitations`, { role })
  if (made.status !== 201) throw new Error(`The invitation to ${slug} answered ${String(made.status)}`)
  const { token } = (await made.json()) as { token: string }
  const client = new Client(app)
  const joined = await client.send('POST', `/api/invitations/${token}/accept`, {
    email,
    password: PASSWORD,
    displayName,
  })
  if (joined.status !== 200) throw new Error(`Accepting the invitation answered ${String(joined.status)}`)
  return client
}
