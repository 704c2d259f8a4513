import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import { blocksOfEdition, findEdition, findGuideBySlug } from '../../src/guides/guide.repository.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import type { Db } from '../../src/platform/db/database.ts'
import { campaignsPlaced } from '../../src/campaigns/campaign-placement.service.ts'
import { startSession } from '../../src/people/account.service.ts'
import { hashPassword } from '../../src/people/password.ts'
import { insertPerson, setRole } from '../../src/people/people.repository.ts'
import { PASSWORD } from '../support/session.ts'

/**
 * The callers every route is tried as: the public, someone signed in with no part in the guide, a
 * reviewer and an editor of the guide, an editor of another guide, and an admin.
 */
export const ROLES = ['public', 'outsider', 'reviewer', 'otherEditor', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface TestGuide {
  id: number
  slug: string
  /** Keys of edition 1's blocks, in order. */
  keys: string[]
}

export interface Caller {
  id: number
  email: string
  /** The Cookie header of a fresh session. */
  cookie: string
}

/**
 * Fresh guides and fresh people for each call, so a route that changes or ends something (a session,
 * a password, a role, an edition) never changes what the next call sees.
 */
export class RouteFixture {
  private count = 0
  private passwordHash: Promise<string> | undefined
  /** A guide in draft on which `otherEditor` is an editor. */
  private other: Promise<TestGuide> | undefined

  constructor(
    readonly db: Db,
    readonly app: Hono<AppEnv>,
  ) {}

  private next = () => ++this.count

  async guide(state: 'draft' | 'open' | 'published' = 'open'): Promise<TestGuide> {
    const n = this.next()
    const slug = `route-guide-${String(n)}`
    await importGuide(
      this.db,
      `# Guide ${String(n)}\n\nThe first paragraph of guide ${String(n)}.\n\nThe second paragraph, with more words.\n`,
      { slug, defaultState: state },
    )
    const guide = await findGuideBySlug(this.db, slug)
    if (!guide) throw new Error(`The guide ${slug} was not imported`)
    const edition = await findEdition(this.db, guide.id, 1)
    if (!edition) throw new Error(`The guide ${slug} has no edition 1`)
    const keys = (await blocksOfEdition(this.db, edition.id)).map((b) => b.key)
    return { id: guide.id, slug, keys }
  }

  /** A new account, signed in, with the roles given. */
  async person(options: { admin?: boolean; roles?: [guideId: number, role: 'reviewer' | 'editor'][] } = {}) {
    this.passwordHash ??= hashPassword(PASSWORD)
    const n = this.next()
    const email = `person-${String(n)}@example.org`
    const { id } = await insertPerson(this.db, {
      email,
      displayName: `Person ${String(n)}`,
      passwordHash: await this.passwordHash,
      isAdmin: options.admin ?? false,
    })
    for (const [guideId, role] of options.roles ?? []) await setRole(this.db, guideId, id, role)
    const { token } = await startSession(this.db, id, 'route table test')
    return { id, email, cookie: `gloss_session=${token}` } satisfies Caller
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
        return this.person({ roles: guide ? [[guide.id, role]] : [] })
      case 'otherEditor':
        this.other ??= this.guide('draft')
        return this.person({ roles: [[(await this.other).id, 'editor']] })
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

  /** A published comment on the guide's first paragraph by a reviewer of its own; its id. */
  async comment(guide: TestGuide, author?: Caller): Promise<string> {
    const writer = author ?? (await this.as('reviewer', guide))
    const response = await this.request(
      'POST',
      `/api/guides/${guide.slug}/editions/1/blocks/${guide.keys[1] ?? ''}/comments`,
      writer,
      { kind: 'comment', body: `Comment ${String(this.next())} on the first paragraph.` },
    )
    if (response.status !== 201) throw new Error(`Posting a comment answered ${String(response.status)}`)
    return ((await response.json()) as { id: string }).id
  }

  /**
   * A campaign on the guide: three reviewers of its own post the same words on its first paragraph, and
   * posting groups them; its id and its members' ids.
   */
  async campaign(guide: TestGuide): Promise<{ id: string; commentIds: string[] }> {
    const words = `Campaign ${String(this.next())}: keep the protected cycle lane on Mill Road for the children.`
    const commentIds: string[] = []
    for (let i = 0; i < 3; i++) {
      const response = await this.request(
        'POST',
        `/api/guides/${guide.slug}/editions/1/blocks/${guide.keys[1] ?? ''}/comments`,
        await this.as('reviewer', guide),
        { kind: 'comment', body: words },
      )
      if (response.status !== 201) throw new Error(`Posting a comment answered ${String(response.status)}`)
      commentIds.push(((await response.json()) as { id: string }).id)
    }
    // Posting places comments in campaigns just after answering.
    await campaignsPlaced(this.db)
    const member = await this.db
      .selectFrom('campaignMembers')
      .select('campaignId')
      .where('commentId', '=', Number(commentIds[0]))
      .executeTakeFirst()
    if (!member) throw new Error('The three comments formed no campaign')
    return { id: String(member.campaignId), commentIds }
  }

  /** An invitation to the guide, made by a fresh admin. */
  async invitation(guide: TestGuide): Promise<{ id: string; token: string }> {
    const response = await this.request(
      'POST',
      `/api/guides/${guide.slug}/invitations`,
      await this.as('admin'),
      { role: 'reviewer' },
    )
    if (response.status !== 201) throw new Error(`Inviting answered ${String(response.status)}`)
    return (await response.json()) as { id: string; token: string }
  }
}
