import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { consultation, type Consultation, type GuideHandle } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'

/**
 * The callers every route is tried as: the public, someone signed in with no part in the guide, a
 * reviewer and an editor of the guide, an editor of another guide, and an admin.
 */
export const ROLES = ['public', 'outsider', 'reviewer', 'otherEditor', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** A guide made for one call: its slug and edition 1's blocks. */
export type TestGuide = GuideHandle

export interface Caller {
  id: number
  email: string
  /** The Cookie header of a fresh session. */
  cookie: string
  /** The same session, as the builder's client. */
  client: Client
}

/** The reviewers who write the comments a call needs from someone other than its caller. */
type Writer = 'author' | 'campaigner1' | 'campaigner2' | 'campaigner3'
const CAMPAIGNERS = ['campaigner1', 'campaigner2', 'campaigner3'] as const

const source = (n: number) =>
  `# Guide ${String(n)}\n\nThe first paragraph of guide ${String(n)}.\n\nThe second paragraph, with more words.\n`

/**
 * A consultation (`consultation()`, the one fixture every suite builds on) that makes fresh guides and
 * fresh callers for each call, so a route that changes or ends something (a session, a password, a
 * role, an edition) never changes what the next call sees. What a call needs besides its caller (an
 * invitation, a hidden comment, a theme, someone else's comment) is made by the consultation's admin
 * and its standing reviewers, none of whom is ever a caller.
 */
export class RouteFixture {
  private count = 0
  /** A guide in draft on which `otherEditor` is an editor. */
  private other: Promise<TestGuide> | undefined
  /** The guides each writer has joined, as "writer slug". */
  private readonly enrolled = new Set<string>()

  private constructor(
    private readonly consultation: Consultation<Writer>,
    /** The consultation's admin, who sets up what calls need; never a caller. */
    readonly admin: Caller,
  ) {}

  /** An instance set up with its first admin, and the writers on a guide of their own. */
  static async open(): Promise<RouteFixture> {
    const writer = (name: string) => ({ email: `${name}@example.org`, name })
    const made = await consultation<Writer>({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'route-guide-0', markdown: source(0), state: 'open' }],
      people: {
        author: writer('author'),
        campaigner1: writer('campaigner1'),
        campaigner2: writer('campaigner2'),
        campaigner3: writer('campaigner3'),
      },
    })
    try {
      return new RouteFixture(made, await caller(made.admin))
    } catch (error) {
      await made.close()
      throw error
    }
  }

  close(): Promise<void> {
    return this.consultation.close()
  }

  get db(): Db {
    return this.consultation.database.db
  }

  get app(): Hono<AppEnv> {
    return this.consultation.app
  }

  private next = () => ++this.count

  async guide(state: 'draft' | 'open' | 'published' = 'open'): Promise<TestGuide> {
    const n = this.next()
    return this.consultation.addGuide({ slug: `route-guide-${String(n)}`, markdown: source(n), state })
  }

  /**
   * Someone new, signed in, who joined by an invitation: with the role given on the guide given, else
   * with no role anywhere; an admin too if asked.
   */
  async person(
    options: { admin?: boolean; role?: 'reviewer' | 'editor'; guide?: TestGuide } = {},
  ): Promise<Caller> {
    const n = this.next()
    const email = `person-${String(n)}@example.org`
    const client = await this.consultation.join({
      email,
      name: `Person ${String(n)}`,
      ...(options.role && options.guide
        ? { role: options.role, guide: options.guide.slug }
        : { role: 'none' as const }),
      ...(options.admin ? { admin: true } : {}),
    })
    return caller(client, email)
  }

  /** A fresh caller of this role for `guide`; undefined for the public. */
  async as(role: Role, guide?: TestGuide): Promise<Caller | undefined> {
    switch (role) {
      case 'public':
        return undefined
      case 'outsider':
        return this.person()
      case 'reviewer':
      case 'editor':
        return this.person(guide ? { role, guide } : {})
      case 'otherEditor':
        this.other ??= this.guide('draft')
        return this.person({ role: 'editor', guide: await this.other })
      case 'admin':
        return this.person({ admin: true })
    }
  }

  async request(method: string, path: string, caller?: Caller, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {}
    if (caller) headers.cookie = caller.cookie
    if (body !== undefined) headers['content-type'] = 'application/json'
    return this.app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
  }

  /** A standing writer, a reviewer of the guide (joining it by an invitation the first time). */
  private async writer(name: Writer, guide: TestGuide): Promise<Client> {
    const client = this.consultation.people[name]
    const key = `${name} ${guide.slug}`
    if (!this.enrolled.has(key)) {
      await this.consultation.enrol(client, guide.slug)
      this.enrolled.add(key)
    }
    return client
  }

  /** A published comment on the guide's first paragraph, by `author` or else a reviewer of its own; its id. */
  async comment(guide: TestGuide, author?: Caller): Promise<string> {
    const writer = author?.client ?? (await this.writer('author', guide))
    return this.consultation.post(writer, 1, {
      guide: guide.slug,
      body: `Comment ${String(this.next())} on the first paragraph.`,
    })
  }

  /**
   * A campaign on the guide: three reviewers of its own post the same words on its first paragraph, and
   * posting groups them; its id and its members' ids.
   */
  async campaign(guide: TestGuide): Promise<{ id: string; commentIds: string[] }> {
    const words = `Campaign ${String(this.next())}: keep the protected cycle lane on Mill Road for the children.`
    const commentIds: string[] = []
    for (const name of CAMPAIGNERS)
      commentIds.push(
        await this.consultation.post(await this.writer(name, guide), 1, { guide: guide.slug, body: words }),
      )
    // Posting places comments in campaigns just after answering; the builder waits for that.
    const { items } = await this.consultation.admin.expect<{ items: { id: string; commentIds: string[] }[] }>(
      200,
      'GET',
      `/api/guides/${guide.slug}/editions/1/campaigns`,
    )
    const campaign = items.find((c) => commentIds.every((id) => c.commentIds.includes(id)))
    if (!campaign) throw new Error('The three comments formed no campaign')
    return { id: campaign.id, commentIds }
  }

  /** An invitation to the guide, made by the admin. */
  invitation(guide: TestGuide): Promise<{ id: string; token: string }> {
    return this.consultation.invite(guide.slug)
  }
}

/** Who a signed-in client is. */
async function caller(client: Client, email?: string): Promise<Caller> {
  const me = await client.expect<{ id: string; email: string }>(200, 'GET', '/api/me')
  return { id: Number(me.id), email: email ?? me.email, cookie: client.cookie, client }
}
