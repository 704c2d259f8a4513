import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const sample = () => readFile(new URL('../fixtures/small-guide.md', import.meta.url), 'utf8')

/** A form as a browser posts it: urlencoded, with the session cookie if there is one. */
const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields),
})
const withCookie = (cookie: string): RequestInit => ({ headers: { cookie } })

/** The session cookie a response sets, as a `cookie` header value ('' when it clears it). */
const sessionCookie = (response: Response): string | undefined => {
  const value = /gloss_session=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
  return value === undefined ? undefined : value === '' ? '' : `gloss_session=${value}`
}

const ADMIN = { displayName: 'Ada Admin', email: 'ada@example.org', password: 'correct horse battery' }
const REVIEWER = { displayName: 'Rita Reviewer', email: 'rita@example.org', password: 'another long secret' }

describe(`people pages, by plain HTML forms (${databaseKind})`, () => {
  let c: Consultation<never>
  let app: Hono<AppEnv>
  let admin = ''
  let reviewer = ''
  let invitationToken = ''
  beforeAll(async () => {
    c = await consultation({
      admin: false,
      guides: [{ slug: 'listening', markdown: await sample(), state: 'published' }],
    })
    app = c.app
  })
  afterAll(async () => {
    await c.close()
  })

  it('offers setup on an empty instance, and re-renders a refused form with its errors and no password', async () => {
    const page = await app.request('/setup')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<form method="post" action="/setup"')
    expect(html).toContain('autocomplete="new-password"')
    expect(html).toContain('href="/account"')

    const refused = await app.request('/setup', form({ ...ADMIN, password: 'short-pw' }))
    expect(refused.status).toBe(422)
    const body = await refused.text()
    expect(body).toMatch(/<div class="error-summary" role="alert"/)
    expect(body).toContain('href="#password"')
    expect(body).toContain('aria-describedby="password-hint password-error"')
    expect(body).toContain('value="Ada Admin"')
    expect(body).not.toContain('short-pw')
    expect(sessionCookie(refused)).toBeUndefined()
  })

  it('sets up the first account by form, signs it in and shows it on the account page', async () => {
    const response = await app.request('/setup', form(ADMIN))
    expect(response.status).toBe(303)
    // Set up, the admin lands on the next step: importing the guide to consult on.
    expect(response.headers.get('location')).toBe('/guides/new?done=setup')
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    admin = sessionCookie(response) ?? ''
    expect(admin).toMatch(/^gloss_session=[\w-]{43}$/)
    const next = await app.request('/guides/new?done=setup', withCookie(admin))
    expect(next.status).toBe(200)
    const nextHtml = await next.text()
    expect(nextHtml).toContain('Gloss is set up, and you are its administrator.')
    expect(nextHtml).toContain('<h1>Import a guide</h1>')

    const account = await app.request('/account', withCookie(admin))
    expect(account.status).toBe(200)
    expect(account.headers.get('cache-control')).toBe('no-store')
    const html = await account.text()
    expect(html).toContain('Ada Admin')
    expect(html).toContain('ada@example.org')
    expect(html).toContain('Sign out this session')
    expect(html).toContain('a former participant')

    const again = await app.request('/setup')
    expect(await again.text()).toContain('href="/sign-in"')
    expect((await app.request('/setup', form({ ...ADMIN, email: 'other@example.org' }))).status).toBe(409)
  })

  it('keeps the profile form with its errors when a field is refused', async () => {
    const refused = await app.request(
      '/account/profile',
      form({ displayName: '   ', organisation: 'Parish council', description: '' }, admin),
    )
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('href="#profile-displayName"')
    expect(html).toContain('value="Parish council"')

    const saved = await app.request(
      '/account/profile',
      form({ displayName: 'Ada Admin', organisation: 'Parish council', description: 'Runs things.' }, admin),
    )
    expect(saved.status).toBe(303)
    const account = await (await app.request(saved.headers.get('location') ?? '', withCookie(admin))).text()
    expect(account).toContain('Your profile is saved.')
    expect(account).toContain('Runs things.')
  })

  it('signs out, after which the old cookie no longer opens the account page', async () => {
    const response = await app.request('/sign-out', form({}, admin))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/')
    expect(sessionCookie(response)).toBe('')
    const account = await app.request('/account', withCookie(admin))
    expect(account.status).toBe(303)
    expect(account.headers.get('location')).toBe('/sign-in?next=/account')
  })

  it('refuses a wrong password with 401, an error summary and the email kept, never the password', async () => {
    const response = await app.request(
      '/sign-in',
      form({ email: ADMIN.email, password: 'not-the-password-123', next: '/admin/people' }),
    )
    expect(response.status).toBe(401)
    const html = await response.text()
    expect(html).toMatch(/role="alert"/)
    expect(html).toContain('That email and password do not match an account.')
    expect(html).toContain('href="#email"')
    expect(html).toContain(`value="${ADMIN.email}"`)
    expect(html).toContain('name="next" value="/admin/people"')
    expect(html).not.toContain('not-the-password-123')
    expect(sessionCookie(response)).toBeUndefined()
  })

  it('signs in and goes to a same-site `next`, else to the account page', async () => {
    const page = await (await app.request('/sign-in?next=/g/listening/invitations')).text()
    expect(page).toContain('name="next" value="/g/listening/invitations"')
    expect(page).toContain('autocomplete="current-password"')

    const response = await app.request('/sign-in', form({ ...ADMIN, next: '/admin/people' }))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/admin/people')
    admin = sessionCookie(response) ?? ''
    expect(admin).not.toBe('')

    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const elsewhere = await app.request('/sign-in', form({ ...ADMIN, next }))
      expect(elsewhere.status, next).toBe(303)
      expect(elsewhere.headers.get('location'), next).toBe('/account')
    }
  })

  it('lets the admin make an invitation link, refusing nonsense with the form kept', async () => {
    const page = await app.request('/g/listening/invitations', withCookie(admin))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Make an invitation link')

    const refused = await app.request(
      '/g/listening/invitations',
      form({ role: 'editor', expiresInDays: '7', maxUses: '0' }, admin),
    )
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('href="#maxUses"')
    expect(html).toContain('value="editor" checked=""')

    const created = await app.request(
      '/g/listening/invitations',
      form({ role: 'reviewer', expiresInDays: '7', maxUses: '5' }, admin),
    )
    expect(created.status).toBe(201)
    const body = await created.text()
    const match =
      /<input id="invitation-link" type="text" readonly="" value="http:\/\/localhost\/invitations\/([\w-]{43})"/.exec(
        body,
      )
    expect(match).not.toBeNull()
    invitationToken = match?.[1] ?? ''
    expect(body).toContain('0 of 5')
  })

  it('makes an editor link from the form for one person unless a number is given', async () => {
    const page = await (await app.request('/g/listening/invitations', withCookie(admin))).text()
    expect(page).toMatch(/<input[^>]*id="maxUses"[^>]*value=""/)
    const created = await app.request(
      '/g/listening/invitations',
      form({ role: 'editor', expiresInDays: '7', maxUses: '' }, admin),
    )
    expect(created.status).toBe(201)
    expect(await created.text()).toContain('up to 1 person')
  })

  it('notes who an invitation link is for, and offers to copy it', async () => {
    const count = async () =>
      (
        (await (await app.request('/g/listening/invitations', withCookie(admin))).text()).match(
          /Withdraw/g,
        ) ?? []
      ).length
    const before = await count()
    const tooLong = await app.request(
      '/g/listening/invitations',
      form({ role: 'reviewer', expiresInDays: '7', maxUses: '5', note: 'x'.repeat(201) }, admin),
    )
    expect(tooLong.status).toBe(422)
    expect(await tooLong.text()).toContain('href="#note"')
    expect(await count()).toBe(before)

    const created = await app.request(
      '/g/listening/invitations',
      form(
        { role: 'reviewer', expiresInDays: '7', maxUses: '5', note: '  Parish clerks in the north  ' },
        admin,
      ),
    )
    expect(created.status).toBe(201)
    const body = await created.text()
    expect(body).toContain('Link for a reviewer: for Parish clerks in the north')
    // The button is for browsers running the page script; without it the link is there to select.
    expect(body).toContain('data-copy="invitation-link"')
    expect(body).toContain('Copy the link')
    const list = await (await app.request('/g/listening/invitations', withCookie(admin))).text()
    expect(list).toContain('<td data-label="For">Parish clerks in the north</td>')
  })

  it('joins a new person through the invitation by form, signing them in', async () => {
    const page = await app.request(`/invitations/${invitationToken}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Listening to residents')
    expect(html).toContain('reviewer')
    expect(html).toContain('autocomplete="email"')

    const refused = await app.request(
      `/invitations/${invitationToken}`,
      form({ displayName: REVIEWER.displayName, email: REVIEWER.email, password: '' }),
    )
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('href="#password"')

    // In Welsh the reason reaches the field too, not the generic "not acceptable" sentence.
    const welsh = form({ displayName: REVIEWER.displayName, email: REVIEWER.email, password: 'short' })
    welsh.headers = { ...(welsh.headers as Record<string, string>), 'accept-language': 'cy' }
    const refusedInWelsh = await app.request(`/invitations/${invitationToken}`, welsh)
    expect(refusedInWelsh.status).toBe(422)
    const welshHtml = await refusedInWelsh.text()
    expect(welshHtml).toMatch(/id="password-error">.*Dewiswch gyfrinair o 10 nod o leiaf\.<\/p>/)

    const response = await app.request(`/invitations/${invitationToken}`, form(REVIEWER))
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/g/listening')
    reviewer = sessionCookie(response) ?? ''
    expect(reviewer).toMatch(/^gloss_session=/)
    expect(await (await app.request('/account', withCookie(reviewer))).text()).toContain('Rita Reviewer')

    const signedIn = await (await app.request(`/invitations/${invitationToken}`, withCookie(reviewer))).text()
    // Having joined by it, she is told so rather than offered it again (invitation-twice.test.ts).
    expect(signedIn).toContain('You take part in “Listening to residents” as reviewer already')
    expect(signedIn).not.toContain('>Accept</button>')
    expect(signedIn).not.toContain('name="email"')
  })

  it('keeps administration from a reviewer (403) and sends the signed-out to sign in', async () => {
    const forbidden = await app.request('/admin/people', withCookie(reviewer))
    expect(forbidden.status).toBe(403)
    expect(forbidden.headers.get('content-type')).toContain('text/html')
    expect((await app.request('/g/listening/invitations', withCookie(reviewer))).status).toBe(403)

    const signedOut = await app.request('/admin/people')
    expect(signedOut.status).toBe(303)
    expect(signedOut.headers.get('location')).toBe('/sign-in?next=/admin/people')
    const account = await app.request('/account')
    expect(account.status).toBe(303)
    expect(account.headers.get('location')).toBe('/sign-in?next=/account')

    const people = await app.request('/admin/people', withCookie(admin))
    expect(people.status).toBe(200)
    const html = await people.text()
    expect(html).toContain('rita@example.org')
    expect(html).toContain('<table class="data-table">')
  })

  it('lists the reviewer on the participants page, where they can introduce themselves', async () => {
    const page = await app.request('/g/listening/participants', withCookie(reviewer))
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Rita Reviewer')
    expect(html).toContain('action="/g/listening/participants/me"')

    const saved = await app.request(
      '/g/listening/participants/me',
      form({ introduction: 'I live on the estate.' }, reviewer),
    )
    expect(saved.status).toBe(303)
    // Once the guide publishes names, the public reads who takes part.
    await c.database.db.updateTable('guides').set({ names: 'full' }).where('slug', '=', 'listening').execute()
    const after = await (await app.request('/g/listening/participants')).text()
    expect(after).toContain('Rita Reviewer')
    expect(after).toContain('I live on the estate.')
    expect(after).not.toContain('action="/g/listening/participants/me"')

    await c.database.db.updateTable('guides').set({ names: 'none' }).where('slug', '=', 'listening').execute()
    const hidden = await (await app.request('/g/listening/participants')).text()
    expect(hidden).not.toContain('Rita Reviewer')
    expect(hidden).toContain('A participant')
    expect(await (await app.request('/g/listening/participants', withCookie(admin))).text()).toContain(
      'Rita Reviewer',
    )
  })

  it('gives an admin a one-time reset link that sets a new password', async () => {
    const people = await (await app.request('/admin/people', withCookie(admin))).text()
    const id = /action="\/admin\/people\/(\d+)\/reset-link"/.exec(
      people.slice(people.indexOf('rita@example.org')),
    )?.[1]
    expect(id).toBeDefined()
    const link = await app.request(`/admin/people/${id ?? ''}/reset-link`, form({}, admin))
    expect(link.status).toBe(201)
    const token = /value="http:\/\/localhost\/reset\/([\w-]{43})"/.exec(await link.text())?.[1] ?? ''
    expect(token).not.toBe('')

    const short = await app.request(`/reset/${token}`, form({ password: 'tiny' }))
    expect(short.status).toBe(422)
    const reset = await app.request(`/reset/${token}`, form({ password: 'a brand new passphrase' }))
    expect(reset.status).toBe(303)
    expect(reset.headers.get('location')).toMatch(/^\/sign-in/)
    const signIn = await app.request(
      '/sign-in',
      form({ email: REVIEWER.email, password: 'a brand new passphrase' }),
    )
    expect(signIn.status).toBe(303)
  })

  it('shows the audit log to admins, newest first', async () => {
    const response = await app.request('/admin/audit', withCookie(admin))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html.indexOf('Rita Reviewer reset their password on ')).toBeLessThan(
      html.indexOf('set up this instance on '),
    )
    expect(html.indexOf('Rita Reviewer reset their password on ')).toBeGreaterThan(0)
  })

  it('puts an Account link in every page header', async () => {
    const home = await (await app.request('/')).text()
    expect(home).toContain('<a href="/account">Account</a>')
  })
})
