import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import type { AppEnv } from '../../../src/platform/http/env.ts'
import { startSession } from '../../../src/people/account.service.ts'
import type { ConfigOverrides } from '../../support/app.ts'
import { consultation, type Consultation } from '../../support/consultation.ts'
import type { TestDatabase } from '../../support/database.ts'

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
 * A small instance with something behind every kind of id, built by `consultation()`: an open guide
 * (g1) with comments, a reply, a suggestion, a decision and a flag; an open guide with a second edition
 * (g2); a draft (g3); an invitation waiting. Beside it, what only the fuzzing needs: a password reset
 * link, the ids it may meet, each role's session cookie, and `repair`, which puts the people back when a
 * fuzzed request that was allowed signed someone out, erased them or changed their roles.
 */
export class World {
  readonly cookies = new Map<Role, string>()
  readonly known: Known = {}
  private readonly accounts = new Map<Role, Account>()

  private constructor(private readonly fixture: Consultation<'reviewer' | 'editor' | 'other'>) {}

  get app(): Hono<AppEnv> {
    return this.fixture.app
  }

  get database(): TestDatabase {
    return this.fixture.database
  }

  /** The world over a fresh test database, its app in-process; `close` drops it. */
  static async seed(config: ConfigOverrides): Promise<World> {
    const fixture = readFileSync(new URL('../../fixtures/small-guide.md', import.meta.url), 'utf8')
    const g2 = fixture.replace('slug: listening', 'slug: g2')
    const world = new World(
      await consultation({
        config,
        admin: { email: 'admin@example.org', name: 'Ada' },
        guides: [
          {
            slug: 'g1',
            markdown: fixture.replace('slug: listening', 'slug: g1').replace('lang: en-GB', 'lang: en'),
            state: 'open',
          },
          // A second edition, so lineage, redlines and carried comments have something to show.
          { slug: 'g2', markdown: g2, state: 'open', editions: [`${g2}\nA new closing paragraph.\n`] },
          { slug: 'g3', markdown: '# A draft\n\nNot yet.\n' },
        ],
        people: {
          reviewer: { email: 'rev@example.org', name: 'Rhian' },
          editor: { email: 'ed@example.org', name: 'Eddie', role: 'editor' },
          other: { email: 'other@example.org', name: 'Olu' },
        },
        comments: [
          {
            name: 'first',
            by: 'reviewer',
            on: 'Hold a surgery',
            body: 'Say *which* library.',
            quote: { exact: 'library' },
          },
          {
            name: 'second',
            by: 'reviewer',
            on: 'Hold a surgery',
            kind: 'example',
            body: 'We did this.',
            decision: { by: 'editor', decision: 'accepted', response: 'Yes.' },
          },
          { name: 'reply', by: 'editor', on: 'Hold a surgery', body: 'Thanks.', replyTo: 'first' },
          {
            name: 'general',
            by: 'reviewer',
            on: null,
            kind: 'reflection',
            body: 'Overall, good.',
            flags: [{ by: 'editor', reason: 'Off topic?' }],
          },
          // A suggestion, so that agreeing with one and accepting one are tried on something real.
          {
            name: 'suggestion',
            by: 'reviewer',
            on: 'Hold a surgery',
            kind: 'suggestion',
            body: 'Name it.',
            quote: { exact: 'library' },
            proposal: 'public library',
          },
        ],
        invitations: { waiting: { guide: 'g1' } },
      }),
    )
    await world.build()
    return world
  }

  close(): Promise<void> {
    return this.fixture.close()
  }

  private async build(): Promise<void> {
    const { db } = this.database
    const { admin, ids, invitations } = this.fixture
    const { reviewer, editor } = this.fixture.people
    const waiting = invitations.waiting ?? { id: '', token: '' }
    const people = await json<{ items: { id: string; email: string }[] }>(admin.request('/api/people'))
    const personIds = people.items.map((p) => p.id)
    const other = people.items.find((p) => p.email === 'other@example.org')?.id ?? ''
    const reset = await json<{ token: string }>(admin.send('POST', `/api/people/${other}/reset-link`))
    const sessions = await json<{ items: { id: string }[] }>(reviewer.request('/api/me/sessions'))
    const comments = ['first', 'second', 'reply', 'general', 'suggestion'].map((name) => ids[name] ?? '')

    Object.assign(this.known, {
      slug: ['g1', 'g2', 'g3'],
      n: ['1', '2'],
      key: this.fixture.guide.keys,
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
