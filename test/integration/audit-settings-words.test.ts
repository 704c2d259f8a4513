import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const GUIDE = '# Council\n\nThe only paragraph.\n'
const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }

/** The log's entries as an admin reads them, tags taken out. */
const entries = (html: string) =>
  [...html.slice(html.indexOf('<ol class="audit-log">')).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
    (m[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' '),
  )

describe(`the audit log says which settings changed (${databaseKind})`, () => {
  let world: Consultation<never>
  let database: TestDatabase
  let ada: Client

  beforeAll(async () => {
    world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'council', markdown: GUIDE, state: 'open' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
    })
    ;({ database, admin: ada } = world)
  })
  afterAll(async () => {
    await database.close()
  })

  it('says the setting and what it was and became, in English and Welsh', async () => {
    const changed = await ada.send('PATCH', '/api/guides/council/settings', { moderation: 'pre' })
    expect(changed.status).toBe(200)
    const english = entries(await (await ada.request('/admin/audit')).text())
    expect(english[0]).toMatch(/^Ada changed the settings on “council”: moderation: post → pre on /)
    const welsh = entries(await (await ada.request('/admin/audit', { headers: WELSH })).text())
    expect(welsh[0]).toMatch(/^Newidiodd Ada y gosodiadau ar “council”: cymedroli: wedyn → ymlaen llaw ar /)
  })
})
