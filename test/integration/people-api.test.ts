import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'

describe(`people, sessions and invitations over the API (${databaseKind})`, () => {
  let c: Consultation<never>
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  beforeAll(async () => {
    // The first test sets up the admin itself, through the signed-out client `admin`.
    c = await consultation({
      config: { rateLimits: { signInPerAccount: 5, signInPerAddress: 1000 } },
      admin: false,
      guides: [{ slug: 'draft-guide', markdown: '# Draft guide\n\nA paragraph.\n' }],
    })
    ;({ database, app, admin } = c)
  })
  afterAll(async () => {
    await c.close()
  })

  it('makes the first account the admin through setup, once', async () => {
    const response = await admin.send('POST', '/api/setup', {
      email: 'Admin@Example.org',
      password: PASSWORD,
      displayName: 'Ada Admin',
    })
    expect(response.status).toBe(201)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
    const me = (await (await admin.request('/api/me')).json()) as { email: string; isAdmin: boolean }
    expect(me).toMatchObject({ email: 'admin@example.org', isAdmin: true })
    const again = await new Client(app).send('POST', '/api/setup', {
      email: 'b@example.org',
      password: PASSWORD,
      displayName: 'B',
    })
    expect(again.status).toBe(409)
  })

  it('marks the cookie Secure behind an HTTPS public URL', async () => {
    const secureApp = await testApp(database, { publicUrl: 'https://gloss.example.org' })
    const response = await secureApp.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('never returns or stores a password in clear', async () => {
    const me = await (await admin.request('/api/me')).text()
    expect(me).not.toContain(PASSWORD)
    const row = await database.db.selectFrom('people').select('passwordHash').executeTakeFirstOrThrow()
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/)
    expect(row.passwordHash).not.toContain(PASSWORD)
  })

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await new Client(app).send('POST', '/api/session', {
      email: 'admin@example.org',
      password: 'not the password',
    })
    const unknown = await new Client(app).send('POST', '/api/session', {
      email: 'nobody@example.org',
      password: 'not the password',
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('hides drafts from the public and shows them to the admin', async () => {
    expect((await new Client(app).request('/api/guides/draft-guide/editions/1')).status).toBe(404)
    expect((await admin.request('/api/guides/draft-guide/editions/1')).status).toBe(200)
  })

  let reviewerToken = ''
  it('lets an admin create an invitation link that makes a reviewer', async () => {
    const response = await admin.send('POST', '/api/guides/draft-guide/invitations', { role: 'reviewer' })
    expect(response.status).toBe(201)
    const invitation = (await response.json()) as { url: string; token: string }
    expect(invitation.url).toBe(`http://localhost/invitations/${invitation.token}`)
    reviewerToken = invitation.token
    const stored = await database.db.selectFrom('invitations').select('tokenHash').executeTakeFirstOrThrow()
    expect(stored.tokenHash).not.toBe(invitation.token)

    const reviewer = new Client(app)
    const accepted = await reviewer.send('POST', `/api/invitations/${reviewerToken}/accept`, {
      email: 'rita@example.org',
      password: PASSWORD,
      displayName: 'Rita Reviewer',
    })
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({ guide: 'draft-guide', role: 'reviewer' })
    const me = (await (await reviewer.request('/api/me')).json()) as { roles: unknown[] }
    expect(me.roles).toEqual([{ guide: 'draft-guide', title: 'Draft guide', role: 'reviewer' }])
    // A reviewer does not see drafts, nor may invite.
    expect((await reviewer.request('/api/guides/draft-guide/editions/1')).status).toBe(404)
    expect(
      (await reviewer.send('POST', '/api/guides/draft-guide/invitations', { role: 'editor' })).status,
    ).toBe(403)
  })

  it('makes an editor invitation single-use unless said, and a reviewer one for a group', async () => {
    const made = async (role: string) => {
      const response = await admin.send('POST', '/api/guides/draft-guide/invitations', { role })
      expect(response.status).toBe(201)
      return (await response.json()) as { token: string; maxUses: number }
    }
    const editors = await made('editor')
    expect(editors.maxUses).toBe(1)
    const join = (email: string) =>
      new Client(app).send('POST', `/api/invitations/${editors.token}/accept`, {
        email,
        password: PASSWORD,
        displayName: 'Forwarded',
      })
    expect((await join('meant@example.org')).status).toBe(200)
    // The link forwarded on makes no second editor.
    expect((await join('forwarded@example.org')).status).toBe(410)
    expect((await made('reviewer')).maxUses).toBe(50)
  })

  it('stops an invitation at its use limit and after it is withdrawn', async () => {
    const created = (await (
      await admin.send('POST', '/api/guides/draft-guide/invitations', { role: 'editor', maxUses: 1 })
    ).json()) as {
      token: string
      id: string
    }
    const first = await new Client(app).send('POST', `/api/invitations/${created.token}/accept`, {
      email: 'ed@example.org',
      password: PASSWORD,
      displayName: 'Ed Editor',
    })
    expect(first.status).toBe(200)
    const second = await new Client(app).send('POST', `/api/invitations/${created.token}/accept`, {
      email: 'eve@example.org',
      password: PASSWORD,
      displayName: 'Eve',
    })
    expect(second.status).toBe(410)
    expect(
      await database.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', 'eve@example.org')
        .executeTakeFirst(),
    ).toBeUndefined()
    const other = (await (
      await admin.send('POST', '/api/guides/draft-guide/invitations', { role: 'reviewer' })
    ).json()) as { token: string; id: string }
    expect((await admin.send('DELETE', `/api/guides/draft-guide/invitations/${other.id}`)).status).toBe(204)
    const late = await new Client(app).send('POST', `/api/invitations/${other.token}/accept`, {
      email: 'x@example.org',
      password: PASSWORD,
      displayName: 'X',
    })
    expect(late.status).toBe(410)
  })

  it('lets someone signed in join another guide with a bodiless POST, as a browser sends one', async () => {
    await c.addGuide({ slug: 'second-guide', markdown: '# Second guide\n\nA paragraph.\n' })
    const member = await c.join({ email: 'mo@example.org', name: 'Mo', guide: 'draft-guide' })
    const made = await admin.send('POST', '/api/guides/second-guide/invitations', { role: 'reviewer' })
    const { token } = (await made.json()) as { token: string }
    const joined = await member.request(`/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-length': '0' },
    })
    expect(joined.status).toBe(200)
    expect(await joined.json()).toMatchObject({ guide: 'second-guide', role: 'reviewer' })
    const me = (await (await member.request('/api/me')).json()) as { roles: { guide: string }[] }
    expect(me.roles.map((r) => r.guide).sort()).toEqual(['draft-guide', 'second-guide'])
  })

  it('lists, revokes and ends sessions; a password change ends the others', async () => {
    const laptop = new Client(app)
    const phone = new Client(app)
    await laptop.send('POST', '/api/session', { email: 'rita@example.org', password: PASSWORD })
    await phone.send('POST', '/api/session', { email: 'rita@example.org', password: PASSWORD })
    const sessions = (await (await laptop.request('/api/me/sessions')).json()) as {
      items: { id: string; current: boolean }[]
    }
    expect(sessions.items.length).toBeGreaterThanOrEqual(2)
    const phoneSession = (
      (await (await phone.request('/api/me/sessions')).json()) as {
        items: { id: string; current: boolean }[]
      }
    ).items.find((s) => s.current)
    expect((await laptop.send('DELETE', `/api/me/sessions/${phoneSession?.id ?? ''}`)).status).toBe(204)
    expect((await phone.request('/api/me')).status).toBe(401)

    const other = new Client(app)
    await other.send('POST', '/api/session', { email: 'rita@example.org', password: PASSWORD })
    const changed = await laptop.send('POST', '/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: `${PASSWORD} 2`,
    })
    expect(changed.status).toBe(204)
    expect((await other.request('/api/me')).status).toBe(401)
    expect((await laptop.request('/api/me')).status).toBe(200)
    await laptop.send('POST', '/api/me/password', { currentPassword: `${PASSWORD} 2`, newPassword: PASSWORD })
    expect((await laptop.send('DELETE', '/api/session')).status).toBe(204)
    expect((await laptop.request('/api/me')).status).toBe(401)
  })

  it('lets an admin make a one-time reset link', async () => {
    const people = (await (await admin.request('/api/people')).json()) as {
      items: { id: string; email: string }[]
    }
    const rita = people.items.find((p) => p.email === 'rita@example.org')
    const link = (await (await admin.send('POST', `/api/people/${rita?.id ?? ''}/reset-link`)).json()) as {
      token: string
      url: string
    }
    expect(link.url).toContain(`/reset/${link.token}`)
    expect(
      (
        await new Client(app).send('POST', `/api/password-resets/${link.token}`, {
          password: 'a brand new passphrase',
        })
      ).status,
    ).toBe(204)
    expect(
      (
        await new Client(app).send('POST', `/api/password-resets/${link.token}`, {
          password: 'another new passphrase',
        })
      ).status,
    ).toBe(410)
    const signIn = await new Client(app).send('POST', '/api/session', {
      email: 'rita@example.org',
      password: 'a brand new passphrase',
    })
    expect(signIn.status).toBe(200)
  })

  it('limits sign-in attempts per account with 429 and Retry-After', async () => {
    let last: Response | undefined
    for (let i = 0; i < 7; i++)
      last = await new Client(app).send('POST', '/api/session', {
        email: 'ed@example.org',
        password: 'wrong wrong wrong',
      })
    expect(last?.status).toBe(429)
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0)
    // The right password is refused too while the account is limited.
    const right = await new Client(app).send('POST', '/api/session', {
      email: 'ed@example.org',
      password: PASSWORD,
    })
    expect(right.status).toBe(429)
  })

  it('shows participants, with names only to editors where the guide hides them', async () => {
    // The guide is held in draft: to the public it does not exist, people and all.
    expect((await app.request('/api/guides/draft-guide/participants')).status).toBe(404)
    const rex = await c.join({ email: 'rex@example.org', name: 'Rex', guide: 'draft-guide' })
    const names = async () =>
      (
        (await (await rex.request('/api/guides/draft-guide/participants')).json()) as {
          items: { displayName: string }[]
        }
      ).items.map((p) => p.displayName)
    // A new guide keeps names to its editors until they choose to publish them.
    expect(await names()).not.toContain('Rita Reviewer')
    expect(
      (await admin.send('PATCH', '/api/guides/draft-guide/settings', { namesPublic: true })).status,
    ).toBe(200)
    expect(await names()).toContain('Rita Reviewer')
    expect(
      (await admin.send('PATCH', '/api/guides/draft-guide/settings', { namesPublic: false })).status,
    ).toBe(200)
    const hidden = (await (await rex.request('/api/guides/draft-guide/participants')).json()) as {
      items: { displayName: string }[]
    }
    expect(hidden.items.map((p) => p.displayName)).not.toContain('Rita Reviewer')
    const editorView = (await (await admin.request('/api/guides/draft-guide/participants')).json()) as {
      items: { displayName: string }[]
    }
    expect(editorView.items.map((p) => p.displayName)).toContain('Rita Reviewer')
  })

  it('erases an account: personal data goes, the row stays as a former participant', async () => {
    const rita = new Client(app)
    await rita.send('POST', '/api/session', { email: 'rita@example.org', password: 'a brand new passphrase' })
    expect((await rita.send('POST', '/api/me/erase', { password: 'wrong' })).status).toBe(422)
    expect((await rita.send('POST', '/api/me/erase', { password: 'a brand new passphrase' })).status).toBe(
      204,
    )
    expect((await rita.request('/api/me')).status).toBe(401)
    const row = await database.db
      .selectFrom('people')
      .selectAll()
      .where('displayName', '=', 'a former participant')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ email: null, passwordHash: null, organisation: '', description: '' })
    expect(row.erasedAt).toBeInstanceOf(Date)
  })

  it('keeps an append-only audit log readable by admins', async () => {
    const log = (await (await admin.request('/api/audit')).json()) as { items: { action: string }[] }
    const actions = log.items.map((i) => i.action)
    for (const action of [
      'instance.setup',
      'sign-in',
      'sign-in.failed',
      'invitation.created',
      'invitation.accepted',
      'account.erased',
    ]) {
      expect(actions).toContain(action)
    }
    await expect(database.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/)
    await expect(database.db.updateTable('auditLog').set({ action: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    )
  })

  it('refuses bad input with problem+json pointing at the field, and changes nothing', async () => {
    const before = await database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const cases: [unknown, number][] = [
      ['{not json', 400],
      [{ email: 'a@b.org', password: PASSWORD, displayName: 'A', extra: 1 }, 422],
      [{ email: 'not-an-email', password: PASSWORD, displayName: 'A' }, 422],
      [{ email: 'a@b.org', password: 'short', displayName: 'A' }, 422],
      [[1, 2, 3], 422],
    ]
    for (const [body, status] of cases) {
      const response = await new Client(app).send('POST', '/api/signup', body)
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
    const unknownField = (await (
      await new Client(app).send('POST', '/api/session', { email: 'a@b.org', password: 'x', role: 'admin' })
    ).json()) as {
      errors: { pointer: string }[]
    }
    expect(unknownField.errors).toEqual([expect.objectContaining({ pointer: '/role' })])
    const wrongType = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    })
    expect(wrongType.status).toBe(415)
    const huge = await new Client(app).send('POST', '/api/session', {
      email: 'a@b.org',
      password: 'x'.repeat(100_000),
    })
    expect(huge.status).toBe(413)
    const after = await database.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('opens sign-up only when an admin allows it', async () => {
    const body = { email: 'open@example.org', password: PASSWORD, displayName: 'Open' }
    expect((await new Client(app).send('POST', '/api/signup', body)).status).toBe(403)
    expect((await admin.send('PUT', '/api/settings', { openSignUp: true })).status).toBe(200)
    expect((await new Client(app).send('POST', '/api/signup', body)).status).toBe(201)
  })
})
