import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const SOURCE = '# Councillors online\n\nReport abusive messages to the monitoring officer.\n'

/** A form as a browser posts it, without script. */
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe(`a refused triage form, without script (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed'>
  let id = ''
  const triage = '/g/guide/1/triage'

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
    id = await c.post(c.people.rita, 'Report abusive', { body: 'Say who the officer is.' })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('says a duplicate naming no comment is an error, in a summary that takes focus and names the page', async () => {
    const refused = await c.people.ed.request(
      `${triage}/decide?kind=comment`,
      form({ commentId: id, decision: 'duplicate', response: '', duplicateOf: '' }),
    )
    expect(refused.status).toBe(422)
    const html = await refused.text()
    const summary = /<div class="error-summary"[^>]*>/.exec(html)?.[0] ?? ''
    expect(summary).toContain('tabindex="-1"')
    expect(summary).toContain('autofocus')
    expect(summary).toContain(`data-address="${triage}?kind=comment"`)
    expect(html).toContain('Say which comment this duplicates: its number.')
    expect(html).not.toContain('The id of the other comment.')
  })

  it('leads from a form’s address, reloaded, to the triage page with its filters', async () => {
    for (const action of ['decide', 'decide-many', 'accept', 'release']) {
      const answer = await c.people.ed.request(`${triage}/${action}?kind=comment`)
      expect(answer.status).toBe(303)
      expect(answer.headers.get('location')).toBe(`${triage}?kind=comment`)
    }
  })
})
