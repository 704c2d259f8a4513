import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import { importGuide } from '../../../src/guides/guide.service.ts'
import type { AppEnv } from '../../../src/platform/http/env.ts'
import { startSession } from '../../../src/people/account.service.ts'
import type { TestDatabase } from '../../support/database.ts'
import { Client, joinByInvitation, PASSWORD } from '../../support/session.ts'

export type Role = 'anonymous' | 'reviewer' | 'editor' | 'admin'
export const ROLES: readonly Role[] = ['anonymous', 'reviewer', 'editor', 'admin']

/** Real values for each path parameter name the app uses, so fuzzed requests reach past the lookups. */
export type Known = Record<string, string[]>

interface Account {
  personId: number
  email: string
  passwordHash: string
  isAdmin: boolean
  /** The role on g1, the open guide. */
  role: 'reviewer' | 'editor' | undefined
}

/**
 * A small instance with something behind every kind of id: an open guide (g1) with comments, a reply,
 * a decision and a flag; a published guide with two editions (g2); a draft (g3); an invitation waiting,
 * a password reset link, sessions. Each role has a session cookie; `repair` puts the people back when a
 * fuzzed request that was allowed signed someone out, erased them or changed their roles.
 */
export class World {
  readonly cookies = new Map<Role, string>()
  readonly known: Known = {}
  private readonly accounts = new Map<Role, Account>()

  private constructor(
    readonly app: Hono<AppEnv>,
    readonly database: TestDatabase,
  ) {}

  static async seed(app: Hono<AppEnv>, database: TestDatabase): Promise<World> {
    const world = new World(app, database)
    await world.build()
    return world
  }

  private async build(): Promise<void> {
    const { db } = this.database
    const fixture = readFileSync(new URL('../../fixtures/small-guide.md', import.meta.url), 'utf8')
    await importGuide(db, fixture.replace('slug: listening', 'slug: g1').replace('lang: en-GB', 'lang: en'), {
      defaultState: 'open',
    })
    await importGuide(db, fixture.replace('slug: listening', 'slug: g2'), { defaultState: 'open' })
    await importGuide(db, '# A draft\n\nNot yet.\n', { slug: 'g3' })

    const admin = new Client(this.app)
    await expectStatus(
      admin.send('POST', '/api/setup', {
        email: 'admin@example.org',
        password: PASSWORD,
        displayName: 'Ada',
      }),
      201,
    )
    const reviewer = await joinByInvitation(this.app, admin, 'g1', 'reviewer', 'rev@example.org', 'Rhian')
    const editor = await joinByInvitation(this.app, admin, 'g1', 'editor', 'ed@example.org', 'Eddie')
    await joinByInvitation(this.app, admin, 'g1', 'reviewer', 'other@example.org', 'Olu')

    const g1 = await json<{ blocks: { key: string; text: string }[] }>(
      admin.request('/api/guides/g1/editions/1'),
    )
    const keys = g1.blocks.map((b) => b.key)
    const paragraph = g1.blocks.find((b) => b.text.startsWith('Hold a surgery')) ?? g1.blocks[2]
    const on = `/api/guides/g1/editions/1/blocks/${paragraph?.key ?? ''}/comments`
    const first = await json<{ id: string }>(
      reviewer.send('POST', on, {
        kind: 'comment',
        body: 'Say *which* library.',
        quote: { exact: 'library' },
      }),
    )
    const second = await json<{ id: string }>(
      reviewer.send('POST', on, { kind: 'example', body: 'We did this.' }),
    )
    const reply = await json<{ id: string }>(
      editor.send('POST', on, { kind: 'comment', body: 'Thanks.', parentId: first.id }),
    )
    const general = await json<{ id: string }>(
      reviewer.send('POST', '/api/guides/g1/editions/1/comments', {
        kind: 'reflection',
        body: 'Overall, good.',
      }),
    )
    await expectStatus(
      editor.send('PUT', `/api/comments/${second.id}/decision`, { decision: 'accepted', response: 'Yes.' }),
      200,
    )
    await expectStatus(
      editor.send('POST', `/api/comments/${general.id}/flags`, { reason: 'Off topic?' }),
      204,
    )

    // g2 gets a second edition, so lineage, redlines and carried comments have something to show.
    await expectStatus(
      admin.send('POST', '/api/guides/g2/editions', {
        markdown: `${fixture.replace('slug: listening', 'slug: g2')}\nA new closing paragraph.\n`,
      }),
      201,
    )
    const waiting = await json<{ id: string; token: string }>(
      admin.send('POST', '/api/guides/g1/invitations', { role: 'reviewer' }),
    )
    const people = await json<{ items: { id: string; email: string }[] }>(admin.request('/api/people'))
    const personIds = people.items.map((p) => p.id)
    const other = people.items.find((p) => p.email === 'other@example.org')?.id ?? ''
    const reset = await json<{ token: string }>(admin.send('POST', `/api/people/${other}/reset-link`))
    const sessions = await json<{ items: { id: string }[] }>(reviewer.request('/api/me/sessions'))
    const comments = [first.id, second.id, reply.id, general.id]
    const editions = ['1', '2']

    Object.assign(this.known, {
      slug: ['g1', 'g2', 'g3'],
      n: editions,
      key: keys,
      id: [...comments, waiting.id, ...personIds, ...sessions.items.map((s) => s.id)],
      token: [waiting.token, reset.token],
      personId: personIds,
    })

    const rows = await db.selectFrom('people').select(['id', 'email', 'passwordHash', 'isAdmin']).execute()
    const account = (email: string, role: Account['role']): Account => {
      const row = rows.find((r) => r.email === email)
      if (!row?.email || !row.passwordHash) throw new Error(`No account for ${email}`)
      return {
        personId: row.id,
        email: row.email,
        passwordHash: row.passwordHash,
        isAdmin: row.isAdmin,
        role,
      }
    }
    this.accounts.set('admin', account('admin@example.org', undefined))
    this.accounts.set('reviewer', account('rev@example.org', 'reviewer'))
    this.accounts.set('editor', account('ed@example.org', 'editor'))
    this.cookies.set('admin', admin.cookie)
    this.cookies.set('reviewer', reviewer.cookie)
    this.cookies.set('editor', editor.cookie)
    this.cookies.set('anonymous', '')
  }

  /** Every signed-in role still signed in as itself, with its roles; fixed through the database if not. */
  async repair(): Promise<string[]> {
    const repaired: string[] = []
    const { db } = this.database
    for (const [role, account] of this.accounts) {
      const me = await this.app.request('/api/me', { headers: { cookie: this.cookies.get(role) ?? '' } })
      const body = me.status === 200 ? ((await me.json()) as { isAdmin?: boolean; email?: string }) : {}
      const roles = await db
        .selectFrom('roles')
        .select('role')
        .where('personId', '=', account.personId)
        .where('guideId', '=', (eb) => eb.selectFrom('guides').select('id').where('slug', '=', 'g1'))
        .execute()
      const roleNow = roles[0]?.role
      if (
        me.status === 200 &&
        body.isAdmin === account.isAdmin &&
        body.email === account.email &&
        roleNow === account.role
      )
        continue
      repaired.push(role)
      await db
        .updateTable('people')
        .set({
          email: account.email,
          passwordHash: account.passwordHash,
          isAdmin: account.isAdmin,
          erasedAt: null,
        })
        .where('id', '=', account.personId)
        .execute()
      const guide = await db
        .selectFrom('guides')
        .select('id')
        .where('slug', '=', 'g1')
        .executeTakeFirstOrThrow()
      await db
        .deleteFrom('roles')
        .where('personId', '=', account.personId)
        .where('guideId', '=', guide.id)
        .execute()
      if (account.role)
        await db
          .insertInto('roles')
          .values({ guideId: guide.id, personId: account.personId, role: account.role })
          .execute()
      const session = await startSession(db, account.personId, 'fuzz')
      this.cookies.set(role, `gloss_session=${session.token}`)
    }
    return repaired
  }
}

async function json<T>(pending: Promise<Response>): Promise<T> {
  const response = await pending
  if (response.status >= 300)
    throw new Error(`Seeding answered ${String(response.status)}: ${await response.text()}`)
  return (await response.json()) as T
}

async function expectStatus(pending: Promise<Response>, status: number): Promise<void> {
  const response = await pending
  if (response.status !== status)
    throw new Error(
      `Seeding answered ${String(response.status)}, not ${String(status)}: ${await response.text()}`,
    )
}
