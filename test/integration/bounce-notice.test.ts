import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordBounce } from '../../src/mail/mail.repository.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

/**
 * A mail server refused someone's address for good, so Gloss sends nothing there: their notices page
 * says so where they choose how notices come by email, with the server's words, and lets them say the
 * address works again.
 */

const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }

describe(`a bounced address, told to its owner (${databaseKind})`, () => {
  let c: Consultation<'ann' | 'bob'>

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'bins', markdown: '# Bins\n\nBins go out on Mondays.\n', state: 'open' }],
      people: {
        ann: { email: 'Ann@example.org', name: 'Ann' },
        bob: { email: 'bob@example.org', name: 'Bob' },
      },
    })
    await recordBounce(c.database.db, 'ann@example.org', '550 5.1.1 mailbox unavailable')
  })
  afterAll(() => c.close())

  it('tells the person whose mail bounced, and only them, with the way to try again', async () => {
    const page = await (await c.people.ann.request('/me/notifications')).text()
    expect(page).toContain('Mail to ann@example.org was refused by its mail server on')
    expect(page).toContain('The server said: “550 5.1.1 mailbox unavailable”.')
    expect(page).toContain('action="/me/notifications/email/retry"')
    const welsh = await (
      await c.people.ann.request('/me/notifications', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('Gwrthododd gweinydd post ann@example.org bost ar')
    const bobs = await (await c.people.bob.request('/me/notifications')).text()
    expect(bobs).not.toContain('was refused by its mail server')
  })

  it('sends mail there again once they say the address works, saying so', async () => {
    const retried = await c.people.ann.request('/me/notifications/email/retry', form)
    expect(retried.status).toBe(303)
    expect(retried.headers.get('location')).toBe('/me/notifications?done=mail-retry#email')
    const page = await (await c.people.ann.request('/me/notifications?done=mail-retry')).text()
    expect(page).toContain('Mail will be sent to your address again.')
    expect(page).not.toContain('was refused by its mail server')
    const left = await c.database.db.selectFrom('mailBounces').select('address').execute()
    expect(left).toEqual([])
  })

  it('sends someone signed out to sign in, changing nothing', async () => {
    await recordBounce(c.database.db, 'bob@example.org', '550 no such user')
    const visitor = await c.visitor().request('/me/notifications/email/retry', form)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toContain('/sign-in')
    expect(await c.database.db.selectFrom('mailBounces').select('address').execute()).toEqual([
      { address: 'bob@example.org' },
    ])
  })
})
