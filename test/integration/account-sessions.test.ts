import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'

/** The account page lists where someone is signed in by device, each row a card on a phone. */
describe(`the sessions on the account page (${databaseKind})`, () => {
  let c: Consultation<'rhian'>
  beforeAll(async () => {
    c = await consultation({ people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } } })
  })
  afterAll(() => c.close())

  it('names each device as a person knows it, in their language, with its times labelled', async () => {
    const phone = new Client(c.app)
    const signedIn = await phone.send(
      'POST',
      '/api/session',
      { email: 'rhian@example.org', password: PASSWORD },
      {
        'user-agent':
          'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      },
    )
    expect(signedIn.status).toBe(200)
    const page = await (await c.people.rhian.request('/account')).text()
    expect(page).toContain('Safari on iPhone')
    expect(page).not.toContain('Mozilla/5.0')
    expect(page).toContain('<table class="data-table stacks">')
    expect(page).toContain('data-label="Last seen"')
    const welsh = await (
      await c.people.rhian.request('/account', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('Safari ar iPhone')
  })
})
