import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/platform/http/env.ts'
import type { TestDatabase } from '../support/database.ts'
import { databaseKind } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days.

Never share casework details in public, even when the resident has posted them first.
`

// Edition 2: the first paragraph edited, the casework one removed, the middle one as it was.
const SECOND = `# Councillors online

Post when you have something kind to say and keep it brief.

Answer residents within two working days.
`

// Edition 3: the middle paragraph, the same in edition 2, changed only now.
const THIRD = `# Councillors online

Post when you have something kind to say and keep it brief.

Answer residents within three working days.
`

interface Decision {
  decision: string
  response: string
  change?: { edition: number; lineage: string; block: { key: string; number: string } | null; link: string }
}
interface Thread {
  items: { id: string; decision: Decision | null }[]
}

/** SPEC: "Where the commented block changed in the next edition, the decision links to that change." */
describe(`a decision links to the change in the next edition (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let rita: Client
  let blocks: { key: string; text: string }[] = []
  const ids: Record<string, string> = {}
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''

  const post = async (name: string, start: string, body: string) => {
    const response = await rita.send('POST', `/api/guides/mine/editions/1/blocks/${keyOf(start)}/comments`, {
      kind: 'comment',
      body,
    })
    expect(response.status).toBe(201)
    ids[name] = ((await response.json()) as { id: string }).id
  }
  /** The whole of edition 1's feedback as a client reads it, by the name each comment was posted under. */
  const decisions = async (client: Client) => {
    const response = await client.request('/api/guides/mine/editions/1/comments')
    expect(response.status).toBe(200)
    const { items } = (await response.json()) as Thread
    return Object.fromEntries(
      Object.entries(ids).map(([name, id]) => [name, items.find((c) => c.id === id)?.decision ?? null]),
    )
  }

  beforeAll(async () => {
    const world = await consultation({
      guides: [{ slug: 'mine', markdown: FIRST, openAfterJoining: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { rita: { email: 'rita@example.org', name: 'Rita' } },
    })
    ;({ database, app, admin: editor } = world)
    ;({ rita } = world.people)
    blocks = world.guide.blocks
    await post('useful', 'Post when', 'Say what useful means.')
    await post('days', 'Answer residents', 'Two days is too long.')
    await post('casework', 'Never share', 'What about consent?')
    await post('open', 'Post when', 'Nobody has decided on this one.')
    await editor.expect(200, 'POST', '/api/guides/mine/editions/1/transitions', { to: 'closed' })
    const decide = (name: string, decision: string, response: string) =>
      editor.expect(200, 'PUT', `/api/comments/${ids[name] ?? ''}/decision`, { decision, response })
    await decide('useful', 'accepted', 'We now say "kind" instead.')
    await decide('days', 'noted', 'Two days stays.')
    await decide('casework', 'not-accepted', 'Covered by the data protection guide.')
    await editor.expect(201, 'POST', '/api/guides/mine/editions', { markdown: SECOND })
  })
  afterAll(async () => {
    await database.close()
  })

  it('links to nothing while the next edition is a draft only its editors may read', async () => {
    const seen = await decisions(rita)
    expect(seen.useful?.decision).toBe('accepted')
    expect(seen.useful?.change).toBeUndefined()
    expect(seen.casework?.change).toBeUndefined()
    const public_ = await decisions(new Client(app))
    expect(public_.useful?.change).toBeUndefined()
  })

  it('shows the editors the change in their draft', async () => {
    const seen = await decisions(editor)
    expect(seen.useful?.change).toMatchObject({
      edition: 2,
      lineage: 'edited',
      link: `/g/mine/2#${keyOf('Post when')}`,
    })
  })

  it('links each decided comment to what became of its paragraph once the edition is out', async () => {
    await editor.expect(200, 'POST', '/api/guides/mine/editions/2/transitions', { to: 'published' })
    for (const client of [rita, new Client(app)]) {
      const seen = await decisions(client)
      expect(seen.useful?.change).toEqual({
        edition: 2,
        lineage: 'edited',
        block: { key: keyOf('Post when'), number: expect.any(String) as string },
        link: `/g/mine/2#${keyOf('Post when')}`,
      })
      expect(seen.casework?.change).toEqual({
        edition: 2,
        lineage: 'removed',
        block: null,
        link: '/g/mine/2',
      })
      // The same words in the next edition: nothing to link to.
      expect(seen.days?.decision).toBe('noted')
      expect(seen.days?.change).toBeUndefined()
      // No decision, no link.
      expect(seen.open?.decision).toBe('open')
      expect(seen.open?.change).toBeUndefined()
    }
  })

  it('shows the link on the thread page without script, in English and Welsh', async () => {
    const key = keyOf('Post when')
    const english = await new Client(app).request(`/g/mine/1/b/${key}`)
    expect(english.status).toBe(200)
    const html = await english.text()
    expect(html).toMatch(
      new RegExp(
        `<a href="/g/mine/2#${key}">See how it changed: paragraph [\\d.]+ in edition 2 \\(edited\\)\\.</a>`,
      ),
    )
    const welsh = await new Client(app).request(`/g/mine/1/b/${key}`, {
      headers: { 'accept-language': 'cy' },
    })
    expect(await welsh.text()).toContain('Gweld sut y newidiodd: paragraff')
    const removed = await new Client(app).request(`/g/mine/1/b/${keyOf('Never share')}`)
    expect(await removed.text()).toContain('<a href="/g/mine/2">Edition 2 removed this paragraph.</a>')
  })
  it('links to the next edition after the one commented on, not a newer one', async () => {
    await editor.expect(201, 'POST', '/api/guides/mine/editions', { markdown: THIRD })
    await editor.expect(200, 'POST', '/api/guides/mine/editions/3/transitions', { to: 'published' })
    for (const client of [rita, new Client(app)]) {
      const seen = await decisions(client)
      expect(seen.useful?.change).toMatchObject({ edition: 2, link: `/g/mine/2#${keyOf('Post when')}` })
      // The same words in edition 2, the next one: what edition 3 did later is not this decision's.
      expect(seen.days?.change).toBeUndefined()
    }
  })
})
