import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

/**
 * The public report of a published edition does not name an edition still held as a draft: wording
 * taken into a draft that was never published, with a later edition published past it, is "accepted",
 * not "taken into edition 2" (which would tell the public a draft edition 2 exists).
 */

const SOURCE = '# Bins\n\nBins go out on Monday mornings.\n\nGarden waste needs a permit.\n'
const LATER = '# Bins\n\nBins go out on Tuesday mornings.\n\nGarden waste needs a permit.\n'

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe(`the report past a draft edition (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed'>

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'bins', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    const ed = c.people.ed
    const key = c.guide.key('Bins go out')
    const { id } = await c.people.rita.expect<{ id: string }>(
      201,
      'POST',
      `/api/guides/bins/editions/1/blocks/${key}/comments`,
      { kind: 'suggestion', body: 'Say evenings.', quote: { exact: 'mornings' }, proposal: 'evenings' },
    )
    await ed.expect(200, 'POST', '/api/guides/bins/editions/1/transitions', { to: 'closed' })
    expect(
      (await ed.send('POST', `/api/comments/${id}/acceptance`, { response: 'Yes.' })).status,
    ).toBeLessThan(300)
    // Edition 2 from the working draft holding the wording, left a draft.
    const preview = await (await ed.request('/g/bins/revise/preview')).text()
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(preview)?.[1] ?? ''
    const created = await ed.request(
      '/g/bins/revise/create',
      form({ base: field('base'), version: field('version') }),
    )
    expect(created.status).toBe(303)
    // Edition 3, published past it.
    await ed.expect(201, 'POST', '/api/guides/bins/editions', { markdown: LATER })
    await ed.expect(200, 'POST', '/api/guides/bins/editions/3/transitions', { to: 'published' })
  }, 60_000)
  afterAll(() => c.close())

  it('says the suggestion was accepted, naming no draft edition, to everyone', async () => {
    const response = await c.visitor().request('/g/bins/3/report')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Say evenings.')
    expect(html).not.toContain('Wording taken into edition 2')
    expect(html).not.toMatch(/edition 2\b/i)
  })
})
