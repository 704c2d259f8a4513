import { PASSWORD } from '../../support/session.ts'

/** A client of a real server process that keeps its session cookie, as a browser would. */
export class HttpClient {
  cookie = ''

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookie) headers.set('cookie', this.cookie)
    const response = await fetch(url, { ...init, headers })
    const match = /gloss_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')
    if (match) this.cookie = match[1] ? `gloss_session=${match[1]}` : ''
    return response
  }

  send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.request(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  }

  /** Sends and insists on the status, so a fixture that did not work fails there and says so. */
  async expect<T>(status: number, method: string, url: string, body?: unknown): Promise<T> {
    const response = await this.send(method, url, body)
    const text = await response.text()
    if (response.status !== status)
      throw new Error(`${method} ${url} answered ${String(response.status)}, not ${String(status)}: ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
}

export interface Consultation {
  admin: HttpClient
  reviewer: HttpClient
  slug: string
  /** The keys of edition 1's blocks, in order. */
  keys: string[]
}

/**
 * On a fresh server: the first account (an admin), a guide imported from `markdown` with edition 1
 * open for comments, and a reviewer invited to it.
 */
export async function openConsultation(base: string, markdown: string, slug: string): Promise<Consultation> {
  const admin = new HttpClient()
  await admin.expect(201, 'POST', `${base}/api/setup`, {
    email: 'admin@example.org',
    password: PASSWORD,
    displayName: 'Admin',
  })
  await admin.expect(201, 'POST', `${base}/api/guides`, { markdown, slug })
  await admin.expect(200, 'POST', `${base}/api/guides/${slug}/editions/1/transitions`, { to: 'open' })
  const reviewer = await invite(base, admin, slug, 'reviewer', 'rita@example.org')
  const edition = await admin.expect<{ blocks: { key: string }[] }>(
    200,
    'GET',
    `${base}/api/guides/${slug}/editions/1`,
  )
  return { admin, reviewer, slug, keys: edition.blocks.map((b) => b.key) }
}

/** Someone accepts an invitation to the guide and comes back signed in. */
export async function invite(
  base: string,
  inviter: HttpClient,
  slug: string,
  role: 'reviewer' | 'editor',
  email: string,
): Promise<HttpClient> {
  const { token } = await inviter.expect<{ token: string }>(
    201,
    'POST',
    `${base}/api/guides/${slug}/invitations`,
    { role },
  )
  const client = new HttpClient()
  await client.expect(200, 'POST', `${base}/api/invitations/${token}/accept`, {
    email,
    password: PASSWORD,
    displayName: email.split('@')[0],
  })
  return client
}
