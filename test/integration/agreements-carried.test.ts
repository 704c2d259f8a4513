import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const FIRST = '# Bins\n\nBins go out on Tuesdays.\n\nBoxes go out on Fridays.\n'
const SECOND = '# Bins\n\nBins go out on Tuesdays.\n\nBoxes go out on Fridays, before eight.\n'

/**
 * A comment carried into the edition now open for consultation is part of that consultation: people
 * may agree with it there, though the edition it was written on has closed. One decided before the
 * new edition was made stays with its decision in the closed edition, and agreeing with it is refused.
 */
describe(`agreeing with a comment carried into the open edition (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'ed'>
  const agree = (id: string) => c.people.sam.send('PUT', `/api/comments/${id}/agreement`)

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'bins', markdown: FIRST, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
      comments: [
        { name: 'open', by: 'rita', on: 'Bins go out', body: 'Tuesdays suit everyone.' },
        { name: 'decided', by: 'rita', on: 'Boxes go out', body: 'Say what time.' },
      ],
    })
    const ed = c.people.ed
    expect(
      (
        await ed.send('PUT', `/api/comments/${c.ids.decided ?? ''}/decision`, {
          decision: 'accepted',
          response: 'Done.',
        })
      ).status,
    ).toBe(200)
    expect((await ed.send('POST', '/api/guides/bins/editions', { markdown: SECOND })).status).toBe(201)
    expect((await ed.send('POST', '/api/guides/bins/editions/1/transitions', { to: 'closed' })).status).toBe(
      200,
    )
    expect((await ed.send('POST', '/api/guides/bins/editions/2/transitions', { to: 'open' })).status).toBe(
      200,
    )
  })
  afterAll(async () => {
    await c.close()
  })

  it('counts an agreement with an open comment carried into edition 2, shown on edition 2’s thread', async () => {
    const agreed = await agree(c.ids.open ?? '')
    expect(agreed.status).toBe(200)
    expect(((await agreed.json()) as { agreements: number }).agreements).toBe(1)
    const key = c.guide.key('Bins go out')
    const thread = (await (
      await c.visitor().request(`/api/guides/bins/editions/2/blocks/${key}/comments`)
    ).json()) as { items: { id: string; agreements: number }[] }
    expect(thread.items.find((item) => item.id === c.ids.open)?.agreements).toBe(1)
  })

  it('still refuses agreeing with a comment decided before edition 2, which stays in closed edition 1', async () => {
    const refused = await agree(c.ids.decided ?? '')
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { code: string }).code).toBe('consultation-closed')
  })
})
