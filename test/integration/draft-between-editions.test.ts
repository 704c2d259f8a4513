import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { align } from '../../src/lineage/align.ts'
import { splitDocument } from '../../src/platform/markdown/split.ts'
import type { TestDatabase } from '../support/database.ts'
import { databaseKind } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days.
`
// Edition 3, a draft never published: its words are for its editors only.
const THIRD = `# Councillors online

Post when you have something useful to say, secretly drafted wording, and keep it short.

Answer residents within two working days.
`
const FOURTH = `# Councillors online

Post when you have something kind to say and keep it short.

Answer residents within two working days, or say when you will.
`

interface Lineage {
  base: number | null
  blocks: {
    ordinal: number
    change: string
    from: number[]
    similarity: number
    key: string
    fromKeys: string[]
  }[]
  removed: { ordinal: number; key: string }[]
}

/** SPEC: "Drafts are visible only to the guide's editors and admins", nor anything derived from one. */
describe(`a draft between two published editions shows nothing of itself (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let blocks: { key: string; text: string }[] = []
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''

  beforeAll(async () => {
    const world = await consultation({
      guides: [{ slug: 'ga', markdown: FIRST, state: 'published' }],
      admin: { email: 'ed@example.org', name: 'Ed' },
    })
    ;({ database, app, admin: editor } = world)
    blocks = world.guide.blocks
    await editor.expect(201, 'POST', '/api/guides/ga/editions', { markdown: FIRST })
    await editor.expect(200, 'POST', '/api/guides/ga/editions/2/transitions', { to: 'published' })
    await editor.expect(201, 'POST', '/api/guides/ga/editions', { markdown: THIRD })
    await editor.expect(201, 'POST', '/api/guides/ga/editions', { markdown: FOURTH })
    await editor.expect(200, 'POST', '/api/guides/ga/editions/4/transitions', { to: 'published' })
  })
  afterAll(async () => {
    await database.close()
  })

  it("gives the public edition 4's lineage against edition 2, the newest it may read", async () => {
    const response = await new Client(app).request('/api/guides/ga/editions/4/lineage')
    expect(response.status).toBe(200)
    const lineage = (await response.json()) as Lineage
    // What `gloss diff` says of editions 2 and 4 themselves, edition 3 nowhere in it.
    const direct = align(splitDocument(FIRST).blocks, splitDocument(FOURTH).blocks)
    expect(
      lineage.blocks.map(({ ordinal, change, from, similarity }) => ({ ordinal, change, from, similarity })),
    ).toEqual(direct.blocks)
    expect(lineage.removed.map((r) => r.ordinal)).toEqual(direct.removed.map((r) => r.ordinal))
    expect(lineage.blocks[1]).toMatchObject({
      change: 'edited',
      key: keyOf('Post when'),
      fromKeys: [keyOf('Post when')],
    })
    expect(JSON.stringify(lineage)).not.toContain('secretly')
    expect(lineage.base).toBe(2)
  })

  it('gives its editors the lineage against the draft before it', async () => {
    const lineage = (await (await editor.request('/api/guides/ga/editions/4/lineage')).json()) as Lineage
    expect(lineage.base).toBe(3)
    const direct = align(splitDocument(THIRD).blocks, splitDocument(FOURTH).blocks)
    expect(
      lineage.blocks.map(({ ordinal, change, from, similarity }) => ({ ordinal, change, from, similarity })),
    ).toEqual(direct.blocks)
  })
  it("shows the public edition 4's changes since edition 2, on its page and in the feed", async () => {
    const page = await (await new Client(app).request('/g/ga/4')).text()
    expect(page).toContain('<a href="/g/ga/redline/2/4">Changes since edition 2</a>')
    expect(page).not.toContain('/g/ga/redline/3/4')
    const feed = await (await new Client(app).request('/g/ga/editions.atom')).text()
    const entry = feed.slice(feed.indexOf('Edition 4'), feed.indexOf('Edition 2'))
    expect(entry).toContain('what the feedback on edition 2 changed')
    expect(feed).not.toContain('edition 3')
    // Its editors see the changes since the draft before it.
    const editors = await (await editor.request('/g/ga/4')).text()
    expect(editors).toContain('<a href="/g/ga/redline/3/4">Changes since edition 3</a>')
  })
})
