import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp, type ConfigOverrides } from './app.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { Client, PASSWORD } from './session.ts'

/**
 * The one builder of "a guide open for consultation with people in it" for in-process suites. Every
 * step goes the way the product goes: guides through the import service the content folder uses,
 * the first admin through /api/setup, everyone else by an invitation they accept, settings, openings
 * and comments through the API. So a fixture never holds a state the product could not make, and a
 * refusal on the way fails the set-up, saying which step.
 */

export interface GuideSpec {
  slug: string
  /** The Markdown source; a two-paragraph guide when left out. */
  markdown?: string
  /** The state edition 1 is imported in, as the content folder's default state would give it. */
  state?: 'draft' | 'open' | 'published'
  /** The admin opens edition 1 by its transition once everyone has joined (the guide starts as a draft). */
  openAfterJoining?: boolean
  /** Reviewers' names shown to the public (a new guide keeps them back). */
  namesPublic?: boolean
  moderation?: 'post' | 'pre'
}

export interface PersonSpec {
  email: string
  name: string
  /** Reviewer unless said. */
  role?: 'reviewer' | 'editor'
  /** The guide they are invited to: the first guide unless said. */
  guide?: string
}

export interface CommentSpec<P extends string> {
  /** The name its id is kept under in `ids`. */
  name: string
  by: P | 'admin'
  /** The block whose text starts with these words, the block at this index, or null for the general discussion. */
  on: string | number | null
  body: string
  kind?: 'comment' | 'reflection' | 'example'
  quote?: { exact: string; prefix?: string; suffix?: string }
  /** The name of the comment it replies to. */
  replyTo?: string
  guide?: string
}

export interface ConsultationOptions<P extends string> {
  /** Config for the app, as `testApp` takes it. */
  config?: ConfigOverrides
  guides?: GuideSpec[]
  /** The first admin, set up through /api/setup; `false` leaves the instance without one. */
  admin?: { email: string; name: string } | false
  people?: Record<P, PersonSpec>
  comments?: CommentSpec<NoInfer<P>>[]
}

/** A block as the API lists it. */
export interface Block {
  key: string
  ordinal: number
  kind: string
  number: string
  text: string
  html: string
}

export interface GuideHandle {
  slug: string
  /** Edition 1's blocks, as the API lists them to the admin. */
  blocks: Block[]
  keys: string[]
  /** The key of the block whose text starts with these words, or at this index. */
  key(at: string | number): string
}

export interface Consultation<P extends string> {
  database: TestDatabase
  app: Hono<AppEnv>
  /** The first admin, signed in (signed out when `admin: false`). */
  admin: Client
  /** Everyone else, signed in, by the names given in `people`. */
  people: Record<P, Client>
  /** The first guide. */
  guide: GuideHandle
  guides: Record<string, GuideHandle>
  /** The comments' ids by their names. */
  ids: Record<string, string>
  /** Someone with no session. */
  visitor(): Client
  /** Someone else accepts an invitation made by the admin and comes back signed in. */
  join(person: PersonSpec): Promise<Client>
  /** A comment posted through the API by `who`; its id. */
  post(
    who: Client,
    on: string | number | null,
    body: Omit<CommentSpec<P>, 'name' | 'by' | 'on'>,
  ): Promise<string>
  /** Drops the database. */
  close(): Promise<void>
}

const DEFAULT_GUIDE = '# A guide\n\nThe first paragraph.\n\nThe second paragraph, with more words.\n'

async function expectStatus(step: string, response: Promise<Response>, status: number): Promise<Response> {
  const answer = await response
  if (answer.status !== status)
    throw new Error(`${step} answered ${String(answer.status)}: ${await answer.text()}`)
  return answer
}

export async function consultation<P extends string = never>(
  options: ConsultationOptions<P> = {},
): Promise<Consultation<P>> {
  const database = await createTestDatabase()
  try {
    const app = await testApp(database, options.config)
    const specs = options.guides ?? [{ slug: 'guide', state: 'open' }]
    for (const spec of specs)
      await importGuide(database.db, spec.markdown ?? DEFAULT_GUIDE, {
        slug: spec.slug,
        defaultState: spec.openAfterJoining ? 'draft' : (spec.state ?? 'draft'),
      })
    const first = specs[0]?.slug ?? ''
    const admin = new Client(app)
    if (options.admin !== false) {
      const { email, name } = options.admin ?? { email: 'admin@example.org', name: 'Admin' }
      await expectStatus(
        'Setting up the admin',
        admin.send('POST', '/api/setup', { email, password: PASSWORD, displayName: name }),
        201,
      )
    }
    for (const spec of specs) {
      const settings = {
        ...(spec.namesPublic === undefined ? {} : { namesPublic: spec.namesPublic }),
        ...(spec.moderation === undefined ? {} : { moderation: spec.moderation }),
      }
      if (Object.keys(settings).length > 0)
        await expectStatus(
          `The settings of ${spec.slug}`,
          admin.send('PATCH', `/api/guides/${spec.slug}/settings`, settings),
          200,
        )
    }

    const join = async (person: PersonSpec) => {
      const slug = person.guide ?? first
      const made = await expectStatus(
        `Inviting ${person.email} to ${slug}`,
        admin.send('POST', `/api/guides/${slug}/invitations`, { role: person.role ?? 'reviewer' }),
        201,
      )
      const { token } = (await made.json()) as { token: string }
      const client = new Client(app)
      await expectStatus(
        `${person.email} accepting the invitation`,
        client.send('POST', `/api/invitations/${token}/accept`, {
          email: person.email,
          password: PASSWORD,
          displayName: person.name,
        }),
        200,
      )
      return client
    }
    const people = {} as Record<P, Client>
    for (const [handle, person] of Object.entries(options.people ?? {}) as [P, PersonSpec][])
      people[handle] = await join(person)

    for (const spec of specs)
      if (spec.openAfterJoining)
        await expectStatus(
          `Opening ${spec.slug}`,
          admin.send('POST', `/api/guides/${spec.slug}/editions/1/transitions`, { to: 'open' }),
          200,
        )

    const guides: Record<string, GuideHandle> = {}
    for (const { slug } of specs) {
      const reader = options.admin === false ? new Client(app) : admin
      const edition = await expectStatus(
        `Reading edition 1 of ${slug}`,
        reader.request(`/api/guides/${slug}/editions/1`),
        200,
      )
      const { blocks } = (await edition.json()) as { blocks: Block[] }
      guides[slug] = {
        slug,
        blocks,
        keys: blocks.map((b) => b.key),
        key(at) {
          const block = typeof at === 'number' ? blocks[at] : blocks.find((b) => b.text.startsWith(at))
          if (!block) throw new Error(`${slug} has no block ${String(at)}`)
          return block.key
        },
      }
    }

    const ids: Record<string, string> = {}
    const post: Consultation<P>['post'] = async (who, on, { guide = first, replyTo, ...body }) => {
      const handle = guides[guide]
      if (!handle) throw new Error(`No guide ${guide} in this consultation`)
      const base = `/api/guides/${guide}/editions/1`
      const path = on === null ? `${base}/comments` : `${base}/blocks/${handle.key(on)}/comments`
      const parentId = replyTo === undefined ? {} : { parentId: ids[replyTo] }
      const posted = await expectStatus(
        `Posting "${body.body}"`,
        who.send('POST', path, { kind: 'comment', ...body, ...parentId }),
        201,
      )
      return ((await posted.json()) as { id: string }).id
    }
    for (const { name, by, on, ...body } of options.comments ?? [])
      ids[name] = await post(by === 'admin' ? admin : people[by], on, body)

    const guide = guides[first]
    if (!guide) throw new Error('A consultation needs a guide')
    return {
      database,
      app,
      admin,
      people,
      guide,
      guides,
      ids,
      visitor: () => new Client(app),
      join,
      post,
      close: () => database.close(),
    }
  } catch (error) {
    await database.close()
    throw error
  }
}
