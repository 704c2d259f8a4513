import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE = `# Parking

Park only in marked bays near the school gates.
`

interface View {
  id: string
  body: string
  lang: string | null
}

/**
 * SPEC.md, "Languages: English and Welsh": a comment written in either language belongs to the same
 * paragraph and shows in both views marked with its language. Its language is what its author said,
 * else the language their pages are in; every client (thread pages, the API, the exports) knows it.
 */
describe(`the language a comment is written in (${databaseKind})`, () => {
  let c: Consultation<'rhian' | 'ed'>
  let thread: string
  let page: string
  let welshId: string
  let englishId: string

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parking', markdown: GUIDE, state: 'open', names: 'full' }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    const key = c.guide.key('Park only')
    thread = `/api/guides/parking/editions/1/blocks/${key}/comments`
    page = `/g/parking/1/b/${key}`
    // Rhian's pages are in Welsh; she says nothing of the comment's language.
    c.people.rhian.language = 'cy'
    welshId = (
      await c.people.rhian.expect<View>(201, 'POST', thread, {
        kind: 'comment',
        body: 'Mae angen mwy o le i feiciau.',
      })
    ).id
    englishId = (
      await c.people.ed.expect<View>(201, 'POST', thread, {
        kind: 'comment',
        body: 'We need more bike racks.',
      })
    ).id
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  const items = async () =>
    Object.fromEntries(
      (await c.visitor().expect<{ items: View[] }>(200, 'GET', thread)).items.map((v) => [v.id, v.lang]),
    )

  it('takes the language of the author’s pages when they do not say, and what they say when they do', async () => {
    expect(await items()).toEqual({ [welshId]: 'cy', [englishId]: 'en' })
    const said = await c.people.rhian.expect<View>(201, 'POST', thread, {
      kind: 'comment',
      body: 'Bike racks, please.',
      lang: 'en',
    })
    expect(said.lang).toBe('en')
  })

  it('refuses a language that is not a language tag, storing nothing', async () => {
    const before = await items()
    for (const lang of ['Welsh', 'cy_GB', '', 42]) {
      const answer = await c.people.rhian.send('POST', thread, { kind: 'comment', body: 'Hmm.', lang })
      expect(answer.status).toBe(422)
      expect(answer.headers.get('content-type')).toContain('application/problem+json')
      const problem = (await answer.json()) as { errors: { pointer: string }[] }
      expect(problem.errors.map((e) => e.pointer)).toContain('/lang')
    }
    expect(await items()).toEqual(before)
  })

  it('marks each comment written in the other language on the thread page, in the reader’s language, and says its lang', async () => {
    const english = await (await c.visitor().request(page)).text()
    const welshCard = cardOf(english, welshId)
    expect(welshCard).toContain('In Welsh')
    expect(welshCard).toMatch(/class="comment-body" dir="auto" lang="cy"/)
    expect(cardOf(english, englishId)).not.toContain('badge-lang')

    const reader = c.visitor()
    reader.language = 'cy'
    const welsh = await (await reader.request(page)).text()
    expect(cardOf(welsh, englishId)).toContain('Yn Saesneg')
    expect(cardOf(welsh, englishId)).toMatch(/lang="en"/)
    expect(cardOf(welsh, welshId)).not.toContain('badge-lang')
  })

  it('lets its author correct the language without a revision or a return to moderation', async () => {
    const own = await c.people.rhian.expect<View & { edited: boolean }>(
      200,
      'PATCH',
      `/api/comments/${welshId}`,
      { lang: 'cy-GB' },
    )
    expect(own.lang).toBe('cy-GB')
    expect(own.edited).toBe(false)
    // Only its author may say so.
    const other = await c.people.ed.send('PATCH', `/api/comments/${welshId}`, { lang: 'en' })
    expect(other.status).toBe(403)
    expect((await items())[welshId]).toBe('cy-GB')
    await c.people.rhian.expect(200, 'PATCH', `/api/comments/${welshId}`, { lang: 'cy' })
  })

  it('gives the language to the feedback exports and to the W3C annotations', async () => {
    const json = await c.people.ed.expect<{ id: string; lang: string }[]>(
      200,
      'GET',
      '/api/guides/parking/editions/1/feedback.json',
    )
    const byId = Object.fromEntries(json.map((r) => [r.id, r.lang]))
    expect(byId[welshId]).toBe('cy')
    expect(byId[englishId]).toBe('en')
    const csv = await (await c.people.ed.request('/api/guides/parking/editions/1/feedback.csv')).text()
    const [header = '', ...rows] = csv.trim().split(/\r?\n/)
    expect(header.split(',').slice(-2)).toEqual(['language', 'block text in other languages'])
    expect(
      rows
        .find((r) => r.includes('Mae angen mwy'))
        ?.split(',')
        .at(-2),
    ).toBe('cy')

    const collection = await c
      .visitor()
      .expect<{ first: string }>(200, 'GET', '/api/guides/parking/editions/1/annotations.jsonld')
    const first = new URL(collection.first)
    const annotations = await c
      .visitor()
      .expect<{ items: { body: { language?: string; value: string } }[] }>(
        200,
        'GET',
        first.pathname + first.search,
      )
    const bodies = annotations.items.map((a) => a.body)
    expect(bodies).toContainEqual(
      expect.objectContaining({ value: 'Mae angen mwy o le i feiciau.', language: 'cy' }),
    )
    expect(bodies).toContainEqual(
      expect.objectContaining({ value: 'We need more bike racks.', language: 'en' }),
    )
  })
})

/** A comment's card on a thread page, from its article to the next one. */
function cardOf(html: string, id: string): string {
  const start = html.indexOf(`id="c${id}"`)
  if (start === -1) throw new Error(`comment ${id} is not on the page`)
  const end = html.indexOf('<article', start + 1)
  return html.slice(start, end === -1 ? undefined : end)
}
