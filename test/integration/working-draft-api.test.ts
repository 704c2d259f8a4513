import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Parking near the school

Park only in the marked bays by the school gates.

Residents may apply for a permit at the council office.
`
/** The working draft after an editor's script replaces it: the first paragraph edited, one added. */
const REVISED = `# Parking near the school

Park only in the numbered bays by the school gates.

Residents may apply for a permit at the council office.

Permits are renewed every year.
`

interface Draft {
  markdown: string
  base: number
  updatedAt: string
}

/** SPEC.md: `GET`/`PUT /api/guides/:slug/working-draft` and `POST /api/guides/:slug/editions` without `markdown`. */
describe(`the working draft through the API (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  let firstKey = ''
  const visitor = () => new Client(app)
  const read = async () => {
    const response = await editor.request('/api/guides/park/working-draft')
    expect(response.status).toBe(200)
    return { draft: (await response.json()) as Draft, etag: response.headers.get('etag') ?? '' }
  }
  const put = (markdown: unknown, etag?: string) =>
    editor.send('PUT', '/api/guides/park/working-draft', { markdown }, etag ? { 'if-match': etag } : {})

  beforeAll(async () => {
    const world = await consultation({
      guides: [{ slug: 'park', markdown: FIRST, openAfterJoining: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita' } },
      comments: [{ name: 'bays', by: 'reviewer', on: 'Park only', body: 'Number the bays, please.' }],
    })
    ;({
      database,
      app,
      admin: editor,
      people: { reviewer },
    } = world)
    firstKey = world.guide.blocks.find((b) => b.text.startsWith('Park only'))?.key ?? ''
  })
  afterAll(async () => {
    await database.close()
  })

  it('starts as the newest edition’s text, with an ETag', async () => {
    const { draft, etag } = await read()
    expect(draft).toMatchObject({ markdown: FIRST, base: 1 })
    expect(etag).toMatch(/^".+"$/)
    // Read again, unchanged: the same tag.
    expect((await read()).etag).toBe(etag)
  })

  it('keeps the draft to the guide’s editors', async () => {
    expect((await visitor().request('/api/guides/park/working-draft')).status).toBe(401)
    expect((await reviewer.request('/api/guides/park/working-draft')).status).toBe(403)
    const refused = await reviewer.send('PUT', '/api/guides/park/working-draft', { markdown: REVISED })
    expect(refused.status).toBe(403)
    expect((await read()).draft.markdown).toBe(FIRST)
  })

  it('refuses a text that is empty, missing or not a guide, changing nothing', async () => {
    const before = await read()
    for (const [body, pointer] of [
      ['   \n', '/markdown'],
      [42, '/markdown'],
    ] as const) {
      const refused = await put(body)
      expect(refused.status).toBe(422)
      expect(refused.headers.get('content-type')).toContain('application/problem+json')
      const problem = (await refused.json()) as { errors: { pointer: string }[] }
      expect(problem.errors.map((e) => e.pointer)).toEqual([pointer])
    }
    const missing = await editor.send('PUT', '/api/guides/park/working-draft', {})
    expect(missing.status).toBe(422)
    const nested = await put(`${'> '.repeat(200)}deep\n`)
    expect(nested.status).toBe(422)
    expect(await read()).toEqual(before)
  })

  it('replaces the whole text, honouring If-Match: a stale tag changes nothing', async () => {
    const { etag } = await read()
    const saved = await put(REVISED, etag)
    expect(saved.status).toBe(200)
    expect(await saved.json()).toMatchObject({ markdown: REVISED, base: 1 })
    const newTag = saved.headers.get('etag') ?? ''
    expect(newTag).not.toBe(etag)
    expect(await read()).toMatchObject({ draft: { markdown: REVISED }, etag: newTag })
    // Another script still holding the first tag is refused, and the draft stays as saved.
    const stale = await put(FIRST, etag)
    expect(stale.status).toBe(412)
    expect((await read()).draft.markdown).toBe(REVISED)
    // The draft page, which editors use, shows the same text.
    const page = await editor.request('/g/park/revise/source.md')
    expect(await page.text()).toBe(REVISED)
  })

  it('previews and creates the next edition from it when `markdown` is left out', async () => {
    const preview = await editor.send('POST', '/api/guides/park/editions/preview', {})
    expect(preview.status).toBe(200)
    const planned = (await preview.json()) as { edition: number; blocks: { change: string; key: string }[] }
    expect(planned.edition).toBe(2)
    expect(planned.blocks.map((b) => b.change)).toEqual(['unchanged', 'edited', 'unchanged', 'new'])
    expect(planned.blocks[1]?.key).toBe(firstKey)

    const created = await editor.send('POST', '/api/guides/park/editions', {})
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ number: 2, state: 'draft', blockCount: 4 })
    const edition = (await (await editor.request('/api/guides/park/editions/2')).json()) as {
      blocks: { key: string; text: string }[]
    }
    expect(edition.blocks.map((b) => b.text)).toEqual([
      'Parking near the school',
      'Park only in the numbered bays by the school gates.',
      'Residents may apply for a permit at the council office.',
      'Permits are renewed every year.',
    ])
    // Rita's comment was carried to the edited paragraph.
    const thread = (await (
      await editor.request(`/api/guides/park/editions/2/blocks/${firstKey}/comments`)
    ).json()) as { items: { body: string }[] }
    expect(thread.items.map((c) => c.body)).toEqual(['Number the bays, please.'])
    // The draft became the edition: the next one begins again from edition 2.
    expect((await read()).draft).toMatchObject({ markdown: REVISED, base: 2 })
  })

  it('begins again from an edition made from a text sent whole, as the draft pages do', async () => {
    const saved = await put(`${REVISED}\nA sentence only the draft has.\n`, (await read()).etag)
    expect(saved.status).toBe(200)
    const etag = saved.headers.get('etag') ?? ''
    const third = `${REVISED}\nEdition 3 adds this.\n`
    expect((await editor.send('POST', '/api/guides/park/editions', { markdown: third })).status).toBe(201)
    // The edition is the newest text now: the draft shows it, and a tag from before is stale.
    expect((await read()).draft).toMatchObject({ markdown: third, base: 3 })
    expect((await put(REVISED, etag)).status).toBe(412)
    const guide = (await (await editor.request('/api/guides/park')).json()) as { editions: unknown[] }
    expect(guide.editions).toHaveLength(3)
  })
})
