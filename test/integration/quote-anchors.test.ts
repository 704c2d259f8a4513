import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, joinByInvitation, PASSWORD } from '../support/session.ts'

const FIRST = `# Keeping logs

Operators shall retain access logs for ninety days and shall review them weekly for signs of misuse.

Backups are encrypted at rest with keys held by the security team.
`
// Edition 2: an edit elsewhere in the first paragraph, a quoted phrase reworded, one deleted.
const SECOND = `# Keeping logs

In every region, operators shall retain access logs for ninety days and shall review them monthly for signs of abuse.

Backups are encrypted with keys held by the security team.
`

interface Anchor {
  blockKey: string | null
  placedBy: string
  quote: { exact: string; prefix?: string; suffix?: string; status: string } | null
}
interface CommentJson {
  id: string
  quote: { exact: string } | null
  anchor?: Anchor
}
interface Counts {
  quotes: Record<string, { exact: string; commentIds: string[] }[]>
}

describe(`quotes found again in the next edition (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  const ids: Record<string, string> = {}
  const keys: Record<string, string> = {}

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database)
    await importGuide(database.db, FIRST, { slug: 'logs' })
    editor = new Client(app)
    await editor.send('POST', '/api/setup', {
      email: 'ed@example.org',
      password: PASSWORD,
      displayName: 'Ed',
    })
    reviewer = await joinByInvitation(app, editor, 'logs', 'reviewer', 'rita@example.org', 'Rita')
    await editor.send('POST', '/api/guides/logs/editions/1/transitions', { to: 'open' })
    const blocks = (
      (await (await editor.request('/api/guides/logs/editions/1')).json()) as {
        blocks: { key: string; text: string }[]
      }
    ).blocks
    keys.retain = blocks.find((b) => b.text.startsWith('Operators'))?.key ?? ''
    keys.backups = blocks.find((b) => b.text.startsWith('Backups'))?.key ?? ''
    const post = async (name: string, key: string, quote: object) => {
      const response = await reviewer.send('POST', `/api/guides/logs/editions/1/blocks/${key}/comments`, {
        kind: 'comment',
        body: `About ${name}`,
        quote,
      })
      expect(response.status).toBe(201)
      ids[name] = ((await response.json()) as { id: string }).id
    }
    await post('ninety', keys.retain, { exact: 'access logs for ninety days', prefix: 'shall retain ' })
    await post('ninetyAgain', keys.retain, { exact: 'access logs for ninety days', prefix: 'shall retain ' })
    await post('misuse', keys.retain, { exact: 'signs of misuse', prefix: 'weekly for ', suffix: '.' })
    await post('atRest', keys.backups, { exact: 'at rest', prefix: 'encrypted ', suffix: ' with keys' })
    await editor.send('POST', '/api/guides/logs/editions/1/transitions', { to: 'closed' })
    const created = await editor.send('POST', '/api/guides/logs/editions', { markdown: SECOND })
    expect(created.status).toBe(201)
    await editor.send('POST', '/api/guides/logs/editions/2/transitions', { to: 'open' })
  })
  afterAll(async () => {
    await database.close()
  })

  const thread = async (client: Client, key: string) => {
    const response = await client.request(`/api/guides/logs/editions/2/blocks/${key}/comments`)
    expect(response.status).toBe(200)
    return ((await response.json()) as { items: CommentJson[] }).items
  }

  it('says where each carried quote was found in the new edition: exactly, reworded, or gone', async () => {
    const retained = await thread(reviewer, keys.retain ?? '')
    const anchorOf = (name: string) => retained.find((c) => c.id === ids[name])?.anchor
    expect(anchorOf('ninety')).toEqual({
      blockKey: keys.retain,
      placedBy: 'lineage',
      quote: expect.objectContaining({ exact: 'access logs for ninety days', status: 'exact' }) as unknown,
    })
    expect(anchorOf('misuse')?.quote).toMatchObject({ exact: 'signs of abuse', status: 'fuzzy' })
    // The comment still shows the words as they were written.
    expect(retained.find((c) => c.id === ids.misuse)?.quote?.exact).toBe('signs of misuse')
    const backups = await thread(reviewer, keys.backups ?? '')
    expect(backups[0]?.anchor?.quote).toMatchObject({ exact: 'at rest', status: 'gone' })
  })

  it('leaves comments on the edition they were written on without an anchor', async () => {
    const first = await reviewer.request(`/api/guides/logs/editions/1/blocks/${keys.retain ?? ''}/comments`)
    const items = ((await first.json()) as { items: CommentJson[] }).items
    expect(items).toHaveLength(3)
    expect(items.every((c) => c.anchor === undefined)).toBe(true)
  })

  it('shows on the thread page that the quoted words are no longer in the paragraph', async () => {
    const page = await (await reviewer.request(`/g/logs/2/b/${keys.backups ?? ''}`)).text()
    expect(page).toContain('The words you quoted are no longer in this paragraph.')
    const someoneElse = await (await new Client(app).request(`/g/logs/2/b/${keys.backups ?? ''}`)).text()
    expect(someoneElse).toContain('The words quoted are no longer in this paragraph.')
    const retained = await (await reviewer.request(`/g/logs/2/b/${keys.retain ?? ''}`)).text()
    expect(retained).toContain('signs of abuse</blockquote>')
    expect(retained).not.toContain('no longer in this paragraph')
  })

  it('gives the reading page each block’s quoted phrases as found, with the comments quoting them', async () => {
    const response = await new Client(app).request('/api/guides/logs/editions/2/counts')
    const counts = (await response.json()) as Counts
    expect(counts.quotes[keys.retain ?? '']).toEqual([
      {
        exact: 'access logs for ninety days',
        prefix: expect.any(String) as unknown,
        suffix: expect.any(String) as unknown,
        commentIds: [ids.ninety, ids.ninetyAgain],
      },
      expect.objectContaining({ exact: 'signs of abuse', commentIds: [ids.misuse] }),
    ])
    // A quote whose words are gone has nothing to highlight.
    expect(counts.quotes[keys.backups ?? '']).toBeUndefined()
    const first = (await (
      await new Client(app).request('/api/guides/logs/editions/1/counts')
    ).json()) as Counts
    expect(first.quotes[keys.backups ?? '']).toEqual([
      { exact: 'at rest', prefix: 'encrypted ', suffix: ' with keys', commentIds: [ids.atRest] },
    ])
  })
})
