import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE = '# Parks\n\nDogs on leads near the play area.\n'

/** UK GDPR Art. 13: the privacy notice names who is responsible for the data and how to reach them. */
describe(`the privacy notice names the instance's contact (${databaseKind})`, () => {
  let c: Consultation<never>
  beforeAll(async () => {
    c = await consultation({
      config: { contactEmail: 'dpo@council.example' },
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parks', markdown: GUIDE, state: 'open' }],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('gives the contact address for the controller, and where to complain, in English and Welsh', async () => {
    const english = await (await c.visitor().request('/g/parks/privacy')).text()
    expect(english).toContain('<a href="mailto:dpo@council.example">dpo@council.example</a>')
    expect(english).toContain('the controller')
    expect(english).toContain('Information Commissioner’s Office')
    const welsh = await (
      await c.visitor().request('/g/parks/privacy', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('<a href="mailto:dpo@council.example">dpo@council.example</a>')
    expect(welsh).toContain('y rheolydd')
    expect(welsh).toContain('Swyddfa’r Comisiynydd Gwybodaeth')
  })
})
