import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'

/**
 * Someone who erased their account is "a former participant" on the editors' and admins' pages in the
 * reader's language ("cyn-gyfranogwr" in Welsh), not the English words erasure leaves in their place.
 */

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9' }

describe(`an erased person named in Welsh on the editors' and admins' pages (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'ed'>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Ada Lovelace' },
      guides: [{ slug: 'mill', markdown: '# Mill Road\n\nThe cycle lane stays as it is.\n', state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    const id = await c.post(c.people.rita, 1, { body: 'Whoever wrote this should think again.' })
    expect((await c.people.sam.send('POST', `/api/comments/${id}/flags`, { reason: 'Rude' })).status).toBe(
      204,
    )
    expect((await c.people.sam.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)
  }, 60_000)
  afterAll(() => c.close())

  it('says so in Welsh in the audit log and beside the flag raised', async () => {
    const audit = await (await c.admin.request('/admin/audit', { headers: WELSH })).text()
    expect(audit).toContain('cyn-gyfranogwr')
    expect(audit).not.toContain('a former participant')
    const queue = await (await c.people.ed.request('/g/mill/moderation', { headers: WELSH })).text()
    expect(queue).toContain('Rude')
    expect(queue).toContain('cyn-gyfranogwr')
    expect(queue).not.toContain('a former participant')
    const triage = await (await c.people.ed.request('/g/mill/1/triage', { headers: WELSH })).text()
    expect(triage).not.toContain('a former participant')
  })

  it('keeps the English words for an English reader', async () => {
    const audit = await (await c.admin.request('/admin/audit')).text()
    expect(audit).toContain('a former participant')
  })
})
