import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const MAIL = { smtpUrl: 'smtp://mail.example.org:587', from: 'Gloss <gloss@example.org>', digestHour: 19 }

/** The email choice says when a digest comes: the hour (DIGEST_HOUR) and the zone it is in (TIME_ZONE). */
describe(`the email choice on the notices page (${databaseKind})`, () => {
  let c: Consultation<'rhian'>
  let withoutMail: Consultation<'rhian'>
  beforeAll(async () => {
    const people = { rhian: { email: 'rhian@example.org', name: 'Rhian' } }
    const guides = [{ slug: 'digests', markdown: '# Digests\n\nA paragraph.\n', state: 'open' as const }]
    c = await consultation({
      config: { publicUrl: 'https://gloss.example.org', mail: MAIL, timeZone: 'Europe/London' },
      people,
      guides,
    })
    withoutMail = await consultation({ people, guides })
  })
  afterAll(async () => {
    await c.close()
    await withoutMail.close()
  })

  it('says at what hour, and in which zone, digests come, in English and in Welsh', async () => {
    const english = await (await c.people.rhian.request('/me/notifications')).text()
    expect(english).toContain(
      'Daily digests come at 19:00 (Europe/London) each day, and weekly ones at the same time on Mondays',
    )
    c.people.rhian.language = 'cy'
    const welsh = await (await c.people.rhian.request('/me/notifications')).text()
    expect(welsh).toContain('Daw crynodebau dyddiol am 19:00 (Europe/London) bob dydd')
  })

  it('says no hour where the site sends no mail', async () => {
    const page = await (await withoutMail.people.rhian.request('/me/notifications')).text()
    expect(page).toContain('Digests come at the same hour each day or week')
  })
})
