import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const SOURCE = [
  '# Councillors online',
  '',
  'Answer residents within two working days.',
  '',
  'Report abusive messages to the monitoring officer.',
  '',
].join('\n')

/** A suggestion that rewrites the whole paragraph: hardly a word in common with it. */
const PROPOSAL = 'Reply to every message from a resident the same day, by phone or by email.'

/**
 * Accepting a suggestion rewrites one paragraph in place, as an editor's edit of it does: however many
 * words change, the next edition treats it as that paragraph edited, so the paragraph's other comments
 * go on with it instead of landing under "comments on removed text".
 */
describe(`accepting a suggestion that rewrites its whole paragraph (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'ed'>
  let key = ''

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
      comments: [{ name: 'other', by: 'sam', on: 'Answer residents', body: 'Two days is too slow.' }],
    })
    key = c.guide.key('Answer residents')
  })
  afterAll(async () => {
    await c.close()
  })

  it('keeps the paragraph, and its other comments on it, in the next edition', async () => {
    const { id } = await c.people.rita.expect<{ id: string }>(
      201,
      'POST',
      `/api/guides/guide/editions/1/blocks/${key}/comments`,
      { kind: 'suggestion', body: 'Be quicker.', proposal: PROPOSAL },
    )
    await c.people.ed.expect(200, 'POST', `/api/comments/${id}/acceptance`, { draft: false })
    const created = await c.people.ed.expect<{ number: number }>(
      201,
      'POST',
      '/api/guides/guide/editions',
      {},
    )
    expect(created.number).toBe(2)

    const { blocks } = await c.people.ed.expect<{ blocks: { key: string; text: string }[] }>(
      200,
      'GET',
      '/api/guides/guide/editions/2',
    )
    const rewritten = blocks.find((b) => b.text === PROPOSAL)
    // The same paragraph, edited: it keeps its key, so its address and its thread go on.
    expect(rewritten?.key).toBe(key)
    const thread = await c.people.ed.expect<{ items: { id: string }[] }>(
      200,
      'GET',
      `/api/guides/guide/editions/2/blocks/${key}/comments`,
    )
    expect(thread.items.map((item) => item.id)).toContain(c.ids.other)
    const removed = await c.people.ed.expect<{ items: { id: string }[] }>(
      200,
      'GET',
      '/api/guides/guide/editions/2/comments?scope=removed',
    )
    expect(removed.items.map((item) => item.id)).not.toContain(c.ids.other)
  })
})
