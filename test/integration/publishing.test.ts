import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const SOURCE = '# Publishing\n\nThe first wording of the only paragraph.\n'
const REVISED = '# Publishing\n\nThe second, better wording of the only paragraph.\n'

describe(`publishing editions in order (${databaseKind})`, () => {
  let c: Consultation<never>
  let editor: Client

  const states = async (slug: string) =>
    (
      (await (await editor.request(`/api/guides/${slug}`)).json()) as {
        editions: { number: number; state: string }[]
      }
    ).editions.map((e) => `${String(e.number)}:${e.state}`)

  /** Edition 1 consulted on and closed, edition 2 made from it (a draft). */
  const consulted = async (slug: string) => {
    await c.addGuide({ slug, markdown: SOURCE })
    expect(
      (await editor.send('POST', `/api/guides/${slug}/editions/1/transitions`, { to: 'open' })).status,
    ).toBe(200)
    expect(
      (await editor.send('POST', `/api/guides/${slug}/editions/1/transitions`, { to: 'closed' })).status,
    ).toBe(200)
    expect((await editor.send('POST', `/api/guides/${slug}/editions`, { markdown: REVISED })).status).toBe(
      201,
    )
  }

  beforeAll(async () => {
    c = await consultation({ admin: { email: 'ed@example.org', name: 'Ed' }, guides: [] })
    editor = c.admin
  })
  afterAll(async () => {
    await c.close()
  })

  it('refuses to publish an old edition once a newer one is published, and changes nothing', async () => {
    await consulted('newer-first')
    expect(
      (await editor.send('POST', '/api/guides/newer-first/editions/2/transitions', { to: 'published' }))
        .status,
    ).toBe(200)
    const old = await editor.send('POST', '/api/guides/newer-first/editions/1/transitions', {
      to: 'published',
    })
    expect(old.status).toBe(409)
    expect(old.headers.get('content-type')).toContain('application/problem+json')
    const problem = (await old.json()) as { code: string; detail: string }
    expect(problem.code).toBe('newer-edition-published')
    expect(problem.detail).toContain('Edition 2 is already published')
    expect(await states('newer-first')).toEqual(['1:closed', '2:published'])
    // The public still reads edition 2's words.
    const page = await (await c.visitor().request('/g/newer-first')).text()
    expect(page).toContain('The second, better wording')
  })

  it('publishes editions one after another in their order', async () => {
    await consulted('in-order')
    expect(
      (await editor.send('POST', '/api/guides/in-order/editions/1/transitions', { to: 'published' })).status,
    ).toBe(200)
    expect(
      (await editor.send('POST', '/api/guides/in-order/editions/2/transitions', { to: 'published' })).status,
    ).toBe(200)
    expect(await states('in-order')).toEqual(['1:published', '2:published'])
  })
})
