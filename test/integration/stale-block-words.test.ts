import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const GUIDE =
  '# Council\n\n## Meetings\n\nMeetings are held monthly.\n\nMinutes are published within a week.\n'
const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }

/** The hidden fields of the first form inside the block with this element id, as a browser sends them. */
const formOf = (html: string, id: string) => {
  const block = html.slice(html.indexOf(`id="${id}"`))
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(block)?.[1] ?? ''
  return { hash: field('hash'), number: field('number') }
}
const post = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields),
})
const count = (text: string, part: string) => text.split(part).length - 1

describe(`a stale block form names the block as the page did (${databaseKind})`, () => {
  let database: TestDatabase
  let ada: Client

  beforeAll(async () => {
    const world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'council', markdown: GUIDE, state: 'open' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
    })
    ;({ database, admin: ada } = world)
  })
  afterAll(async () => {
    await database.close()
  })

  it('says "block 1.1" (its number on the page), not its position, in English and Welsh, once', async () => {
    for (const [headers, said] of [
      [{}, /block 1\.1 is no longer the one your form was for/],
      [WELSH, /nid bloc 1\.1 yw’r un yr oedd eich ffurflen ar ei gyfer/],
    ] as const) {
      const before = await (await ada.request('/g/council/revise', { headers })).text()
      // The first paragraph, which the page numbers 1.1 (position 3, after the two headings).
      const ordinal = /id="b-(\d+)"/.exec(
        before.split('<li class="draft-block').find((item) => item.includes('<p>Meetings are held')) ?? '',
      )?.[1]
      expect(ordinal).toBeDefined()
      const stale = formOf(before, `b-${ordinal ?? ''}`)
      expect(stale.number).toBe('1.1')
      const edited = await ada.request(
        `/g/council/revise/blocks/${ordinal ?? ''}`,
        post({
          op: 'edit',
          ...stale,
          markdown: `Meetings are held every ${headers === WELSH ? 'week' : 'fortnight'}.`,
        }),
      )
      expect(edited.status).toBe(303)
      const refused = await ada.request(
        `/g/council/revise/blocks/${ordinal ?? ''}`,
        post({ op: 'edit', ...stale, markdown: 'Meetings are held daily.' }, headers),
      )
      expect(refused.status).toBe(409)
      const html = await refused.text()
      expect(html).toMatch(said)
      expect(html).not.toContain('position')
      const sentence = said.source.replace(/\\/g, '')
      expect(count(html, sentence), 'said once on the page').toBe(1)
    }
  })
})
