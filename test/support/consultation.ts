import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { testApp, type ConfigOverrides } from './app.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { campaignsPlaced } from '../../src/campaigns/campaign-placement.service.ts'
import type { Decision } from '../../src/kernel/words.ts'
import { Client, PASSWORD } from './session.ts'

/**
 * The one builder of "a guide open for consultation with people in it": `consultation()` for suites
 * that run the app in-process, `consultationAt(url)` for suites that run a server process (or a
 * browser against one). Every step goes the way the product goes: guides through the import service
 * the content folder uses (over HTTP, the API an admin imports with), the first admin through
 * /api/setup, everyone else by an invitation they accept, settings, openings and comments through the
 * API. So a fixture never holds a state the product could not make, and a refusal on the way fails the
 * set-up, saying which step.
 */

export interface GuideSpec {
  slug: string
  /** The Markdown source; a two-paragraph guide when left out. */
  markdown?: string
  /** The state edition 1 is imported in, as the content folder's default state would give it. */
  state?: 'draft' | 'open' | 'published'
  /** The admin opens edition 1 by its transition once everyone has joined (the guide starts as a draft). */
  openAfterJoining?: boolean
  /** Reviewers' names shown to the public (true: full, false: none; a new guide shows pseudonyms). */
  namesPublic?: boolean
  /** How names show to the public, when `namesPublic` does not say. */
  names?: 'full' | 'pseudonym' | 'none'
  /** Whether comments may be published unless their authors say not (a new guide: true). */
  publishByDefault?: boolean
  moderation?: 'post' | 'pre'
  /**
   * The sources of its later editions, in order: each posted by the admin as the next edition (a draft,
   * as revising gives it) once the comments are in and answered, so they carry over into it.
   */
  editions?: string[]
  /**
   * Over HTTP only: the server already holds the guide (imported from its content folder on first
   * start), so only its settings are applied.
   */
  existing?: boolean
}

export interface PersonSpec {
  email: string
  name: string
  /**
   * Reviewer unless said. `none`: someone known with no role on any guide, who joins by an invitation
   * and has the role taken away again by the admin, as the people page does.
   */
  role?: 'reviewer' | 'editor' | 'none'
  /** The guide they are invited to: the first guide unless said. */
  guide?: string
  /**
   * More guides they take the same role on, each by an invitation they accept once signed in (as
   * someone already known joins another guide).
   */
  alsoOn?: string[]
  /** Also an admin, made one by the first admin (as the people page does) once they have joined. */
  admin?: boolean
}

export interface CommentSpec<P extends string> {
  /** The name its id is kept under in `ids`. */
  name: string
  by: P | 'admin'
  /** The block whose text starts with these words, the block at this index, or null for the general discussion. */
  on: string | number | null
  body: string
  kind?: 'comment' | 'reflection' | 'example' | 'suggestion'
  quote?: { exact: string; prefix?: string; suffix?: string }
  /** A suggestion's wording for the quoted text (or the whole block without a quote). */
  proposal?: string
  /** The name of the comment it replies to. */
  replyTo?: string
  guide?: string
  /** The decision an editor (or the admin) gives it once every comment is posted. */
  decision?: { by: P | 'admin'; decision: Decision; response: string; draft?: boolean }
  /** Flags raised on it once every comment is posted (and answered), in order. */
  flags?: { by: P | 'admin'; reason: string }[]
}

/** What posting a comment sends, beyond who posts it and where. */
export type CommentBody<P extends string> = Omit<CommentSpec<P>, 'name' | 'by' | 'on' | 'decision' | 'flags'>

/** An invitation as the admin made it: its id, and the token of its link. */
export interface Invitation {
  id: string
  token: string
}

export interface ConsultationOptions<P extends string> {
  /** Config for the app, as `testApp` takes it. */
  config?: ConfigOverrides
  /**
   * In-process only: a migrated, empty database to build on (a data folder a command will read next,
   * say) instead of a fresh test database; whoever opened it closes it, so `close` leaves it open.
   */
  database?: Database
  guides?: GuideSpec[]
  /**
   * The first admin, set up through /api/setup; `false` leaves the instance without one. `existing`:
   * the instance was set up already (by the test, or through another server process on the same
   * database), so the admin signs in with the password instead.
   */
  admin?: { email: string; name: string; existing?: boolean } | false
  people?: Record<P, PersonSpec>
  comments?: CommentSpec<NoInfer<P>>[]
  /**
   * Invitations left waiting (made by the admin once everything else is in place, accepted by nobody),
   * kept by name in `invitations`; to the first guide, as a reviewer, unless said.
   */
  invitations?: Record<string, { guide?: string; role?: 'reviewer' | 'editor' }>
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

/** What both builders give. */
export interface Fixture<P extends string> {
  /** The first admin, signed in (signed out when `admin: false`). */
  admin: Client
  /** Everyone else, signed in, by the names given in `people`. */
  people: Record<P, Client>
  /** The first guide (a fixture made with `guides: []` has none, and says so when asked). */
  guide: GuideHandle
  guides: Record<string, GuideHandle>
  /** The comments' ids by their names. */
  ids: Record<string, string>
  /** The waiting invitations by their names. */
  invitations: Record<string, Invitation>
  /** Someone with no session. */
  visitor: () => Client
  /** Someone else accepts an invitation made by the admin and comes back signed in. */
  join: (person: PersonSpec) => Promise<Client>
  /** An invitation to a guide (the first unless said) made by the admin, as a reviewer unless said. */
  invite: (guide?: string, role?: 'reviewer' | 'editor') => Promise<Invitation>
  /**
   * Someone already signed in takes a role on another guide, by accepting an invitation to it made by
   * the admin (as `alsoOn` does).
   */
  enrol: (who: Client, guide: string, role?: 'reviewer' | 'editor') => Promise<void>
  /**
   * Someone already known (the admin or anyone joined) signs in again with their email and password,
   * in a session of their own, as from a second browser (or, over HTTP, a second server process).
   */
  signIn: (email: string) => Promise<Client>
  /** A comment posted through the API by `who`; its id. */
  post: (who: Client, on: string | number | null, body: CommentBody<P>) => Promise<string>
  /**
   * Another guide, imported as the first ones were: its settings applied, its later editions posted, none
   * of the people invited.
   */
  addGuide: (spec: GuideSpec) => Promise<GuideHandle>
}

export interface Consultation<P extends string> extends Fixture<P> {
  database: TestDatabase
  app: Hono<AppEnv>
  /** Drops the database. */
  close(): Promise<void>
}

export interface RemoteConsultation<P extends string> extends Fixture<P> {
  /** The server's base URL, which every client's paths are taken from. */
  url: string
}

const DEFAULT_GUIDE = '# A guide\n\nThe first paragraph.\n\nThe second paragraph, with more words.\n'

async function expectStatus(step: string, response: Promise<Response>, status: number): Promise<Response> {
  const answer = await response
  if (answer.status !== status)
    throw new Error(`${step} answered ${String(answer.status)}: ${await answer.text()}`)
  return answer
}

/** How guides reach the instance and clients reach the app: the two builders differ in this alone. */
interface Door {
  /** Over HTTP a guide is imported by the admin, who must be set up first. */
  adminFirst: boolean
  client(): Client
  /** Edition 1 of a new guide, in the state asked for. */
  importGuide(admin: Client, spec: GuideSpec, state: 'draft' | 'open' | 'published'): Promise<void>
  /**
   * Once a comment is answered: in-process, waits for what the server does just after answering
   * (placing it in its campaign), so a test reads the outcome; a remote server's is its own affair.
   */
  settled(): Promise<void>
}

/** In-process, the import service the content folder uses. */
const appDoor = (app: Hono<AppEnv>, database: TestDatabase): Door => ({
  adminFirst: false,
  client: () => new Client(app),
  async importGuide(_admin, spec, state) {
    await importGuide(database.db, spec.markdown ?? DEFAULT_GUIDE, { slug: spec.slug, defaultState: state })
  },
  settled: () => campaignsPlaced(database.db),
})

/** Over HTTP, the admin's import through the API (a draft) and then the transition to its state. */
const urlDoor = (url: string): Door => ({
  adminFirst: true,
  client: () => new Client(url),
  async importGuide(admin, spec, state) {
    if (spec.existing) return
    await expectStatus(
      `Importing ${spec.slug}`,
      admin.send('POST', '/api/guides', { markdown: spec.markdown ?? DEFAULT_GUIDE, slug: spec.slug }),
      201,
    )
    if (state !== 'draft')
      await expectStatus(
        `Making ${spec.slug} ${state}`,
        admin.send('POST', `/api/guides/${spec.slug}/editions/1/transitions`, { to: state }),
        200,
      )
  },
  settled: () => Promise.resolve(),
})

async function build<P extends string>(door: Door, options: ConsultationOptions<P>): Promise<Fixture<P>> {
  const specs = options.guides ?? [{ slug: 'guide', state: 'open' }]
  const admin = door.client()
  const stateOf = (spec: GuideSpec) => (spec.openAfterJoining ? 'draft' : (spec.state ?? 'draft'))
  const guides: Record<string, GuideHandle> = {}

  const settle = async (spec: GuideSpec) => {
    const settings = {
      ...(spec.namesPublic === undefined ? {} : { namesPublic: spec.namesPublic }),
      ...(spec.names === undefined ? {} : { names: spec.names }),
      ...(spec.publishByDefault === undefined ? {} : { publishByDefault: spec.publishByDefault }),
      ...(spec.moderation === undefined ? {} : { moderation: spec.moderation }),
    }
    if (Object.keys(settings).length > 0)
      await expectStatus(
        `The settings of ${spec.slug}`,
        admin.send('PATCH', `/api/guides/${spec.slug}/settings`, settings),
        200,
      )
  }
  const read = async (slug: string) => {
    const reader = options.admin === false ? door.client() : admin
    const edition = await reader.request(`/api/guides/${slug}/editions/1`)
    // Without an admin nobody may read a draft yet: its handle has no blocks, and says why if asked.
    const unread = options.admin === false && edition.status === 404
    if (!unread) await expectStatus(`Reading edition 1 of ${slug}`, Promise.resolve(edition.clone()), 200)
    const { blocks } = unread ? { blocks: [] } : ((await edition.json()) as { blocks: Block[] })
    const handle: GuideHandle = {
      slug,
      blocks,
      keys: blocks.map((b) => b.key),
      key(at) {
        if (unread)
          throw new Error(`${slug} is a draft, which nobody may read in a consultation without an admin`)
        const block = typeof at === 'number' ? blocks[at] : blocks.find((b) => b.text.startsWith(at))
        if (!block) throw new Error(`${slug} has no block ${String(at)}`)
        return block.key
      },
    }
    guides[slug] = handle
    return handle
  }

  // In-process the guides come first, as the content folder imports them before anyone has set up.
  const setUp = async () => {
    if (options.admin === false) return
    const { email, name, existing } = options.admin ?? { email: 'admin@example.org', name: 'Admin' }
    if (existing) {
      await expectStatus(
        'Signing the admin in',
        admin.send('POST', '/api/session', { email, password: PASSWORD }),
        200,
      )
      return
    }
    await expectStatus(
      'Setting up the admin',
      admin.send('POST', '/api/setup', { email, password: PASSWORD, displayName: name }),
      201,
    )
  }
  if (door.adminFirst) await setUp()
  for (const spec of specs) await door.importGuide(admin, spec, stateOf(spec))
  if (!door.adminFirst) await setUp()
  for (const spec of specs) await settle(spec)

  const first = specs[0]?.slug ?? ''
  const revise = async (spec: GuideSpec) => {
    for (const [i, markdown] of (spec.editions ?? []).entries())
      await expectStatus(
        `Edition ${String(i + 2)} of ${spec.slug}`,
        admin.send('POST', `/api/guides/${spec.slug}/editions`, { markdown }),
        201,
      )
  }
  const invite = async (slug = first, role: 'reviewer' | 'editor' = 'reviewer', whom = 'someone') => {
    const made = await expectStatus(
      `Inviting ${whom} to ${slug}`,
      admin.send('POST', `/api/guides/${slug}/invitations`, { role }),
      201,
    )
    const { id, token } = (await made.json()) as Invitation
    return { id, token }
  }
  const enrol = async (
    who: Client,
    slug: string,
    role: 'reviewer' | 'editor' = 'reviewer',
    whom = 'someone',
  ) => {
    const { token } = await invite(slug, role, whom)
    await expectStatus(
      `${whom} accepting the invitation to ${slug}`,
      who.send('POST', `/api/invitations/${token}/accept`, {}),
      200,
    )
  }
  const join = async (person: PersonSpec) => {
    const slug = person.guide ?? first
    const role = person.role === 'none' || person.role === undefined ? 'reviewer' : person.role
    const { token } = await invite(slug, role, person.email)
    const client = door.client()
    await expectStatus(
      `${person.email} accepting the invitation`,
      client.send('POST', `/api/invitations/${token}/accept`, {
        email: person.email,
        password: PASSWORD,
        displayName: person.name,
      }),
      200,
    )
    for (const other of person.alsoOn ?? []) await enrol(client, other, role, person.email)
    if (person.role === 'none' || person.admin) {
      const { id } = await client.expect<{ id: string }>(200, 'GET', '/api/me')
      if (person.role === 'none')
        await expectStatus(
          `Taking ${person.email}'s role on ${slug} away`,
          admin.send('PUT', `/api/guides/${slug}/roles/${id}`, { role: null }),
          204,
        )
      if (person.admin)
        await expectStatus(
          `Making ${person.email} an admin`,
          admin.send('PATCH', `/api/people/${id}`, { isAdmin: true }),
          204,
        )
    }
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

  for (const { slug } of specs) await read(slug)

  const ids: Record<string, string> = {}
  const post: Fixture<P>['post'] = async (who, on, { guide = first, replyTo, ...body }) => {
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
    await door.settled()
    return ((await posted.json()) as { id: string }).id
  }
  const who = (by: P | 'admin') => (by === 'admin' ? admin : people[by])
  const comments = options.comments ?? []
  for (const { name, by, on, decision: _decision, flags: _flags, ...body } of comments)
    ids[name] = await post(who(by), on, body)
  for (const { name, decision: given, flags } of comments) {
    if (given) {
      const { by, ...decision } = given
      await expectStatus(
        `Deciding on ${name}`,
        who(by).send('PUT', `/api/comments/${ids[name] ?? ''}/decision`, decision),
        200,
      )
    }
    for (const { by, reason } of flags ?? [])
      await expectStatus(
        `Flagging ${name}`,
        who(by).send('POST', `/api/comments/${ids[name] ?? ''}/flags`, { reason }),
        204,
      )
  }
  for (const spec of specs) await revise(spec)
  const invitations: Record<string, Invitation> = {}
  for (const [name, { guide, role }] of Object.entries(options.invitations ?? {}))
    invitations[name] = await invite(guide, role, `the invitation ${name}`)

  return {
    admin,
    people,
    get guide() {
      const guide = guides[first]
      if (!guide) throw new Error('This consultation was made without a guide')
      return guide
    },
    guides,
    ids,
    invitations,
    visitor: () => door.client(),
    join,
    invite: (guide, role) => invite(guide, role),
    enrol: (client, guide, role) => enrol(client, guide, role),
    signIn: async (email) => {
      const client = door.client()
      await expectStatus(
        `${email} signing in`,
        client.send('POST', '/api/session', { email, password: PASSWORD }),
        200,
      )
      return client
    },
    post,
    addGuide: async (spec) => {
      await door.importGuide(admin, spec, stateOf(spec))
      await settle(spec)
      const handle = await read(spec.slug)
      await revise(spec)
      return handle
    },
  }
}

/** The fixture over a fresh test database, with the app in-process. */
export async function consultation<P extends string = never>(
  options: ConsultationOptions<P> = {},
): Promise<Consultation<P>> {
  const given = options.database
  const database: TestDatabase = given ? { url: undefined, ...given } : await createTestDatabase()
  const close = given ? () => Promise.resolve() : () => database.close()
  try {
    const app = await testApp(database, options.config)
    const fixture = await build(appDoor(app, database), options)
    return Object.assign(fixture, { database, app, close })
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * The same fixture on a running server (a fresh instance, or one whose content folder holds the
 * guides marked `existing`), through its HTTP API alone.
 */
export async function consultationAt<P extends string = never>(
  url: string,
  options: ConsultationOptions<P> = {},
): Promise<RemoteConsultation<P>> {
  return Object.assign(await build(urlDoor(url), options), { url })
}
