import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { hashToken, newToken } from '../../src/people/tokens.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'
import { Browser, counted } from './account-browser.ts'

const ADMIN = { email: 'ada@example.org', password: PASSWORD, displayName: 'Ada Admin' }
const WRONG = 'not the password at all'

/** Accounts and passwords (issue 14, items 1, 2, 12, 18 and 19): what an attacker tried, refused. */
describe(`accounts and passwords under attack (${databaseKind})`, () => {
  let c: Consultation<never>
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Browser

  const invite = async (role: 'reviewer' | 'editor' = 'reviewer', maxUses = 50) => {
    const made = await admin.send('POST', '/api/guides/consult/invitations', { role, maxUses })
    expect(made.status).toBe(201)
    return ((await made.json()) as { token: string; id: string }).token
  }

  const join = async (email: string, displayName: string, address: string) => {
    const browser = new Browser(app, address)
    const joined = await browser.send('POST', `/api/invitations/${await invite()}/accept`, {
      email,
      password: PASSWORD,
      displayName,
    })
    expect(joined.status).toBe(200)
    return browser
  }

  const personId = async (email: string) =>
    (await database.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id

  const resetLink = async (email: string) => {
    const made = await admin.send('POST', `/api/people/${String(await personId(email))}/reset-link`)
    expect(made.status).toBe(201)
    return ((await made.json()) as { token: string }).token
  }

  const signIn = (browser: Browser, email: string, password: string) =>
    browser.send('POST', '/api/session', { email, password })

  beforeAll(async () => {
    c = await consultation({
      config: {
        trustProxy: true,
        rateLimits: { signInPerAccount: 3, signInPerAccountOverall: 6, signInPerAddress: 1000 },
      },
      guides: [{ slug: 'consult', markdown: '# Consult\n\nA paragraph.\n', state: 'open' }],
      admin: { email: ADMIN.email, name: ADMIN.displayName },
    })
    ;({ database, app } = c)
    // The admin's own browser, at an address of its own, keeping every cookie signing in leaves.
    admin = new Browser(app, '10.0.0.1')
    expect((await signIn(admin, ADMIN.email, ADMIN.password)).status).toBe(200)
  })
  afterAll(async () => {
    await c.close()
  })

  describe('1. an invitation is no way into an existing account', () => {
    it('refuses an existing account’s email alike whatever the password, checks none, and points to signing in', async () => {
      const token = await invite('editor')
      const attempt = (password: string) =>
        counted(async () => {
          const browser = new Browser(app, '10.1.0.1')
          const response = await browser.send('POST', `/api/invitations/${token}/accept`, {
            email: ADMIN.email,
            password,
            displayName: 'Mallory',
          })
          return { status: response.status, body: await response.text(), signedIn: browser.signedIn }
        })
      const right = await attempt(ADMIN.password)
      const wrong = await attempt(WRONG)
      expect(right.result.status).toBe(409)
      expect(right.result.signedIn).toBe(false)
      expect(right.result).toEqual(wrong.result)
      expect(right.derivations).toBe(0)
      expect(wrong.derivations).toBe(0)
      expect(JSON.parse(right.result.body)).toMatchObject({ detail: expect.stringMatching(/sign in/i) })
      const roles = await database.db
        .selectFrom('roles')
        .select('role')
        .where('personId', '=', await personId(ADMIN.email))
        .execute()
      expect(roles).toEqual([])
      const uses = await database.db
        .selectFrom('invitations')
        .select('uses')
        .where('tokenHash', '=', hashToken(token))
        .executeTakeFirstOrThrow()
      expect(uses.uses).toBe(0)
    })

    it('offers "sign in to accept" on the page, refuses the form alike, and accepts once signed in', async () => {
      const token = await invite()
      await join('paul@example.org', 'Paul', '10.1.1.1')
      const browser = new Browser(app, '10.1.1.2')
      const page = await (await browser.request(`/invitations/${token}`)).text()
      expect(page).toContain(`href="/sign-in?next=/invitations/${token}"`)
      expect(page).toMatch(/Sign in to accept/)

      const refused = await counted(() =>
        browser.form(`/invitations/${token}`, {
          email: 'paul@example.org',
          password: PASSWORD,
          displayName: 'Paul',
        }),
      )
      expect(refused.result.status).toBe(409)
      expect(refused.derivations).toBe(0)
      expect(browser.signedIn).toBe(false)
      expect(await refused.result.text()).toContain(`href="/sign-in?next=/invitations/${token}"`)

      const signedIn = await browser.form('/sign-in', {
        email: 'paul@example.org',
        password: PASSWORD,
        next: `/invitations/${token}`,
      })
      expect(signedIn.headers.get('location')).toBe(`/invitations/${token}`)
      // Paul takes part in the guide already (he joined by another link): told so, and no place is used.
      expect(await (await browser.request(`/invitations/${token}`)).text()).toContain(
        'You take part in “Consult” as reviewer already',
      )
      const accepted = await browser.form(`/invitations/${token}`, {})
      expect(accepted.status).toBe(303)
      const uses = await database.db
        .selectFrom('invitations')
        .select('uses')
        .where('tokenHash', '=', hashToken(token))
        .executeTakeFirstOrThrow()
      expect(uses.uses).toBe(0)
      const me = (await (await browser.request('/api/me')).json()) as { roles: { guide: string }[] }
      expect(me.roles.map((r) => r.guide)).toEqual(['consult'])
    })
  })

  describe('2. no public request hashes a password before its checks and limits', () => {
    it('checks a reset link before hashing the new password, on the API and the form', async () => {
      const bogus = newToken()
      const api = await counted(() =>
        new Browser(app, '10.2.0.1').send('POST', `/api/password-resets/${bogus}`, {
          password: 'a brand new passphrase',
        }),
      )
      expect(api.result.status).toBe(410)
      expect(api.derivations).toBe(0)
      const form = await counted(() =>
        new Browser(app, '10.2.0.1').form(`/reset/${bogus}`, { password: 'a brand new passphrase' }),
      )
      expect(form.result.status).toBe(410)
      expect(form.derivations).toBe(0)
    })

    it('checks the invitation before hashing the new account’s password', async () => {
      const body = { email: 'newcomer@example.org', password: PASSWORD, displayName: 'New' }
      const unknown = await counted(() =>
        new Browser(app, '10.2.0.2').send('POST', `/api/invitations/${newToken()}/accept`, body),
      )
      expect(unknown.result.status).toBe(404)
      expect(unknown.derivations).toBe(0)
      const made = (await (
        await admin.send('POST', '/api/guides/consult/invitations', { role: 'reviewer' })
      ).json()) as { token: string; id: string }
      await admin.send('DELETE', `/api/guides/consult/invitations/${made.id}`)
      for (const send of [
        () => new Browser(app, '10.2.0.2').send('POST', `/api/invitations/${made.token}/accept`, body),
        () => new Browser(app, '10.2.0.2').form(`/invitations/${made.token}`, body),
      ]) {
        const withdrawn = await counted(send)
        expect(withdrawn.result.status).toBe(410)
        expect(withdrawn.derivations).toBe(0)
      }
    })

    it('refuses setup on a set-up instance, and closed sign-up, before hashing', async () => {
      const body = { email: 'late@example.org', password: PASSWORD, displayName: 'Late' }
      for (const send of [
        () => new Browser(app, '10.2.0.3').send('POST', '/api/setup', body),
        () => new Browser(app, '10.2.0.3').form('/setup', body),
      ]) {
        const setup = await counted(send)
        expect(setup.result.status).toBe(409)
        expect(setup.derivations).toBe(0)
      }
      for (const send of [
        () => new Browser(app, '10.2.0.3').send('POST', '/api/signup', body),
        () => new Browser(app, '10.2.0.3').form('/signup', body),
      ]) {
        const signUp = await counted(send)
        expect(signUp.result.status).toBe(403)
        expect(signUp.derivations).toBe(0)
      }
    })

    it('limits password work per client address across sign-up, invitations, resets and sign-in', async () => {
      const limited = await testApp(database, {
        trustProxy: true,
        rateLimits: { signInPerAddress: 3, signInPerAccount: 3, signInPerAccountOverall: 6 },
      })
      const at = (address: string) => new Browser(limited, address)
      expect((await admin.send('PUT', '/api/settings', { openSignUp: true })).status).toBe(200)
      try {
        for (let i = 0; i < 3; i++) {
          const made = await at('10.2.1.1').send('POST', '/api/signup', {
            email: `flood${String(i)}@example.org`,
            password: PASSWORD,
            displayName: 'Flood',
          })
          expect(made.status).toBe(201)
        }
        await join('rhea@example.org', 'Rhea', '10.2.9.9')
        const reset = await resetLink('rhea@example.org')
        const token = await invite()
        const attempts = [
          () =>
            at('10.2.1.1').send('POST', '/api/signup', {
              email: 'flood9@example.org',
              password: PASSWORD,
              displayName: 'Flood',
            }),
          () =>
            at('10.2.1.1').send('POST', `/api/invitations/${token}/accept`, {
              email: 'flood10@example.org',
              password: PASSWORD,
              displayName: 'Flood',
            }),
          () =>
            at('10.2.1.1').send('POST', `/api/password-resets/${reset}`, { password: 'a fresh passphrase' }),
          () =>
            at('10.2.1.1').send('POST', '/api/session', { email: 'rhea@example.org', password: PASSWORD }),
        ]
        for (const attempt of attempts) {
          const refused = await counted(attempt)
          expect(refused.result.status).toBe(429)
          expect(Number(refused.result.headers.get('retry-after'))).toBeGreaterThan(0)
          expect(refused.derivations).toBe(0)
        }
        // The link still works from another address: the refusal changed nothing.
        expect(
          (
            await at('10.2.1.2').send('POST', `/api/password-resets/${reset}`, {
              password: 'a fresh passphrase',
            })
          ).status,
        ).toBe(204)
      } finally {
        await admin.send('PUT', '/api/settings', { openSignUp: false })
      }
    })

    it('counts a browser that signed in before against its address too: every hash is counted', async () => {
      const limited = await testApp(database, {
        trustProxy: true,
        rateLimits: { signInPerAddress: 3, signInPerAccount: 3, signInPerAccountOverall: 6 },
      })
      // Joining counted once against the address; two sign-ins make three.
      const known = (await join('kit@example.org', 'Kit', '10.2.3.1')).on(limited)
      for (let i = 0; i < 2; i++) {
        known.forgetSession()
        expect((await signIn(known, 'kit@example.org', PASSWORD)).status).toBe(200)
      }
      known.forgetSession()
      const stopped = await counted(() => signIn(known, 'kit@example.org', PASSWORD))
      expect(stopped.result.status).toBe(429)
      expect(stopped.derivations).toBe(0)
    })

    it('counts nothing with RATE_LIMITS=off', async () => {
      const unlimited = await testApp(database, {
        trustProxy: true,
        rateLimits: { enabled: false, signInPerAddress: 1, signInPerAccount: 1 },
      })
      for (let i = 0; i < 2; i++)
        expect((await signIn(new Browser(unlimited, '10.2.2.1'), ADMIN.email, ADMIN.password)).status).toBe(
          200,
        )
    })
  })

  describe('12. a reset link stops working once a newer one exists or the password changes', () => {
    it('retires an older link when a newer one is made', async () => {
      await join('nora@example.org', 'Nora', '10.12.0.1')
      const older = await resetLink('nora@example.org')
      const newer = await resetLink('nora@example.org')
      const stale = await new Browser(app, '10.12.0.2').send('POST', `/api/password-resets/${older}`, {
        password: 'the attacker’s choice',
      })
      expect(stale.status).toBe(410)
      expect(
        (
          await new Browser(app, '10.12.0.2').send('POST', `/api/password-resets/${newer}`, {
            password: 'nora’s new passphrase',
          })
        ).status,
      ).toBe(204)
    })

    it('retires every link when the password is changed, by the API or the account form', async () => {
      const nora = new Browser(app, '10.12.0.3')
      expect((await signIn(nora, 'nora@example.org', 'nora’s new passphrase')).status).toBe(200)
      const beforeApi = await resetLink('nora@example.org')
      expect(
        (
          await nora.send('POST', '/api/me/password', {
            currentPassword: 'nora’s new passphrase',
            newPassword: PASSWORD,
          })
        ).status,
      ).toBe(204)
      const beforeForm = await resetLink('nora@example.org')
      const changed = await nora.form('/account/password', {
        currentPassword: PASSWORD,
        newPassword: 'nora’s third passphrase',
      })
      expect(changed.status).toBe(303)
      for (const token of [beforeApi, beforeForm]) {
        const response = await new Browser(app, '10.12.0.4').send('POST', `/api/password-resets/${token}`, {
          password: 'the attacker’s choice',
        })
        expect(response.status).toBe(410)
      }
      expect(
        (await signIn(new Browser(app, '10.12.0.5'), 'nora@example.org', 'nora’s third passphrase')).status,
      ).toBe(200)
    })

    it('retires older links (such as several made before this fix) when one is used', async () => {
      const id = await personId('nora@example.org')
      const older = newToken()
      await database.db
        .insertInto('passwordResets')
        .values({
          personId: id,
          tokenHash: hashToken(older),
          createdBy: await personId(ADMIN.email),
          expiresAt: new Date(Date.now() + 3_600_000),
        })
        .execute()
      const newest = await resetLink('nora@example.org')
      await database.db
        .updateTable('passwordResets')
        .set({ usedAt: null })
        .where('tokenHash', '=', hashToken(older))
        .execute()
      const use = (token: string, password: string) =>
        new Browser(app, '10.12.0.6').send('POST', `/api/password-resets/${token}`, { password })
      expect((await use(newest, 'nora’s fourth passphrase')).status).toBe(204)
      expect((await use(older, 'the attacker’s choice')).status).toBe(410)
    })
  })

  describe('18. a lockout that stops guessing without locking the owner out', () => {
    let laptop: Browser
    beforeAll(async () => {
      laptop = await join('owen@example.org', 'Owen', '10.18.0.1')
    })

    it('counts only failures: the owner signing in again and again is never refused', async () => {
      for (let i = 0; i < 5; i++)
        expect((await signIn(new Browser(app, '10.18.0.2'), 'owen@example.org', PASSWORD)).status).toBe(200)
      expect((await signIn(new Browser(app, '10.18.0.2'), 'owen@example.org', WRONG)).status).toBe(401)
    })

    it('stops a guesser at one address after a few failures, right password or not', async () => {
      const guesser = new Browser(app, '10.18.6.6')
      for (let i = 0; i < 3; i++) expect((await signIn(guesser, 'owen@example.org', WRONG)).status).toBe(401)
      const refused = await counted(() => signIn(guesser, 'owen@example.org', WRONG))
      expect(refused.result.status).toBe(429)
      expect(refused.derivations).toBe(0)
      expect((await signIn(guesser, 'owen@example.org', PASSWORD)).status).toBe(429)
    })

    it('leaves the owner free to sign in from elsewhere while a guesser is stopped', async () => {
      expect((await signIn(new Browser(app, '10.18.0.3'), 'owen@example.org', PASSWORD)).status).toBe(200)
    })

    it('stops guesses spread over many addresses, except from a browser that signed in before', async () => {
      let status = 0
      for (let i = 1; i < 20 && status !== 429; i++) {
        const guesser = new Browser(app, `10.18.7.${String(i)}`)
        for (let j = 0; j < 2 && status !== 429; j++)
          status = (await signIn(guesser, 'owen@example.org', WRONG)).status
      }
      expect(status).toBe(429)
      const stranger = await counted(() =>
        signIn(new Browser(app, '10.18.8.1'), 'owen@example.org', PASSWORD),
      )
      expect(stranger.result.status).toBe(429)
      expect(stranger.derivations).toBe(0)
      laptop.forgetSession()
      expect((await signIn(laptop, 'owen@example.org', PASSWORD)).status).toBe(200)
    })

    it('gives a known browser only a few guesses of its own', async () => {
      laptop.forgetSession()
      for (let i = 0; i < 3; i++) expect((await signIn(laptop, 'owen@example.org', WRONG)).status).toBe(401)
      expect((await signIn(laptop, 'owen@example.org', WRONG)).status).toBe(429)
    })

    it('treats a browser known to one account as a stranger to every other', async () => {
      await join('vera@example.org', 'Vera', '10.18.9.1')
      const mallory = await join('mallory@example.org', 'Mallory', '10.18.9.9')
      mallory.forgetSession()
      expect((await signIn(mallory, 'mallory@example.org', PASSWORD)).status).toBe(200)
      for (let i = 0; i < 3; i++) expect((await signIn(mallory, 'vera@example.org', WRONG)).status).toBe(401)
      expect((await signIn(mallory, 'vera@example.org', PASSWORD)).status).toBe(429)
    })

    it('takes the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
      await join('xena@example.org', 'Xena', '10.18.11.1')
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        const spoofing = new Browser(app, `203.0.113.${String(i)}, 10.18.11.6`)
        statuses.push((await signIn(spoofing, 'xena@example.org', WRONG)).status)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    })

    it('limits guesses of the current password behind a stolen session (password change, erasure)', async () => {
      const stolen = await join('sid@example.org', 'Sid', '10.18.10.1')
      for (let i = 0; i < 3; i++)
        expect(
          (await stolen.send('POST', '/api/me/password', { currentPassword: WRONG, newPassword: WRONG }))
            .status,
        ).toBe(422)
      expect(
        (await stolen.send('POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: WRONG }))
          .status,
      ).toBe(429)
      expect((await stolen.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(429)
      expect((await stolen.form('/account/erase', { password: PASSWORD })).status).toBe(429)
      const audited = await database.db
        .selectFrom('auditLog')
        .select('address')
        .where('action', '=', 'password.check-failed')
        .where('actorId', '=', await personId('sid@example.org'))
        .execute()
      expect(audited).toEqual(Array.from({ length: 3 }, () => ({ address: '10.18.10.1' })))
      expect((await signIn(new Browser(app, '10.18.10.2'), 'sid@example.org', PASSWORD)).status).toBe(200)
    })
  })

  describe('19. erasure takes the email out of the audit log and the counters', () => {
    const mentions = async (email: string) => {
      const { rows } = await sql<{ audit: number; limits: number }>`
        select (select count(*) from audit_log where position(${email} in lower(subject || ' ' || detail::text)) > 0)::int as audit,
               (select count(*) from rate_limits where position(${email} in lower(bucket)) > 0)::int as limits`.execute(
        database.db,
      )
      return rows[0]
    }

    it('forgets the failed sign-ins naming an erased person’s email, keeping the record of them', async () => {
      const erin = await join('erin@example.org', 'Erin', '10.19.0.1')
      const guesser = new Browser(app, '10.19.6.6')
      for (let i = 0; i < 3; i++) expect((await signIn(guesser, 'erin@example.org', WRONG)).status).toBe(401)
      const failed = () =>
        database.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'sign-in.failed')
          .executeTakeFirstOrThrow()
      const before = await failed()
      expect((await erin.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)
      expect(await mentions('erin@example.org')).toEqual({ audit: 0, limits: 0 })
      expect(await failed()).toEqual(before)
      // The counters kept for that email are gone too: someone given the address afresh is not locked out.
      await join('erin@example.org', 'Erin Again', '10.19.0.2')
      expect((await signIn(new Browser(app, '10.19.6.6'), 'erin@example.org', PASSWORD)).status).toBe(200)
    })

    it('takes the admin’s email out of the setup entry when the admin erases their account', async () => {
      expect((await mentions(ADMIN.email))?.audit).toBeGreaterThan(0)
      expect((await admin.send('POST', '/api/me/erase', { password: ADMIN.password })).status).toBe(204)
      expect(await mentions(ADMIN.email)).toEqual({ audit: 0, limits: 0 })
      await expect(sql`update audit_log set subject = 'rewritten'`.execute(database.db)).rejects.toThrow(
        /append-only/,
      )
    })
  })
})
