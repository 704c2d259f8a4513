import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { myComments, type MyComment } from '../../src/comments/my-comments.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import type { TestDatabase } from '../support/database.ts'
import { databaseKind } from '../support/database.ts'
import { testApp } from '../support/app.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { QueryCounter } from '../support/query-counter.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days.

Never share casework details in public, even when the resident has posted them first.

Report abusive messages to the monitoring officer and keep a copy of each.
`

// Edition 2: the first paragraph edited, the casework one removed, the rest as they were.
const SECOND = `# Councillors online

Post when you have something kind to say and keep it brief.

Answer residents within two working days.

Report abusive messages to the monitoring officer and keep a copy of each.
`

interface Page {
  items: MyComment[]
  next: string | null
  summary: { comments: number; replies: number; decisions: { decision: string; count: number }[] }
}

describe(`what happened to my comments (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let rita: Client
  let otto: Client
  let blocks: { key: string; text: string }[] = []
  const ids: Record<string, string> = {}
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''

  const mine = async (client: Client, cursor?: string) => {
    const response = await client.request(`/api/me/comments${cursor ? `?cursor=${cursor}` : ''}`)
    expect(response.status).toBe(200)
    return (await response.json()) as Page
  }
  const item = (page: Page, name: string) => {
    const found = page.items.find((c) => c.id === ids[name])
    if (!found) throw new Error(`${name} is not listed`)
    return found
  }

  const post = async (client: Client, name: string, start: string | null, body: object) => {
    const path =
      start === null
        ? '/api/guides/mine/editions/1/comments'
        : `/api/guides/mine/editions/1/blocks/${keyOf(start)}/comments`
    const response = await client.send('POST', path, { kind: 'comment', ...body })
    expect(response.status).toBe(201)
    ids[name] = ((await response.json()) as { id: string }).id
  }

  beforeAll(async () => {
    const world = await consultation({
      guides: [{ slug: 'mine', markdown: FIRST, openAfterJoining: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        otto: { email: 'otto@example.org', name: 'Otto' },
      },
    })
    ;({ database, app, admin: editor } = world)
    ;({ rita, otto } = world.people)
    blocks = world.guide.blocks

    await post(rita, 'useful', 'Post when', { body: 'Say what *useful* means.', quote: { exact: 'useful' } })
    await post(rita, 'reply', 'Post when', { body: 'And give an example.', parentId: ids.useful })
    await post(rita, 'days', 'Answer residents', { body: 'Two days is too long.' })
    await post(rita, 'casework', 'Never share', { kind: 'reflection', body: 'What about consent?' })
    await post(rita, 'general', null, { body: 'A clear guide overall.' })
    await post(rita, 'rude', 'Report abusive', { body: 'Rude words here.' })
    await post(rita, 'second', 'Report abusive', { body: 'On second thoughts, nothing.' })
    await post(otto, 'otto', 'Post when', { body: 'Otto thinks this is fine.' })
    await post(editor, 'ed', 'Post when', { body: 'Editor note on wording.' })
    expect(
      (
        await editor.send('POST', `/api/comments/${ids.rude ?? ''}/hide`, {
          reasonCode: 'other',
          reason: 'Personal attack.',
        })
      ).status,
    ).toBe(200)
    expect((await rita.send('POST', `/api/comments/${ids.second ?? ''}/withdraw`)).status).toBe(200)
    await editor.send('POST', '/api/guides/mine/editions/1/transitions', { to: 'closed' })

    const decide = async (name: string, decision: string, response: string) =>
      expect(
        (await editor.send('PUT', `/api/comments/${ids[name] ?? ''}/decision`, { decision, response }))
          .status,
      ).toBe(200)
    await decide('useful', 'accepted', 'We now say "kind" instead.')
    await decide('casework', 'not-accepted', 'Consent is covered by the data protection guide.')
    await decide('otto', 'noted', 'Thanks, Otto.')
    expect((await editor.send('POST', '/api/guides/mine/editions', { markdown: SECOND })).status).toBe(201)
  })
  afterAll(async () => {
    await database.close()
  })

  it('sends the public to sign in, and answers the API with 401', async () => {
    const visitor = new Client(app)
    const page = await visitor.request('/me/comments')
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/sign-in?next=/me/comments')
    const api = await visitor.request('/api/me/comments')
    expect(api.status).toBe(401)
    expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/)
  })

  it('shows no change from a draft edition to a reviewer, and shows it to an editor', async () => {
    const page = await mine(rita)
    expect(page.items.every((c) => c.change === null)).toBe(true)
    const html = await (await rita.request('/me/comments')).text()
    expect(html).not.toContain('edition 2')
    // The editor may read the draft, so their own comment already shows what became of its paragraph.
    const ed = item(await mine(editor), 'ed')
    expect(ed.change).toMatchObject({ edition: 2, editionState: 'draft', lineage: 'edited' })
  })

  it('lists every comment of the person, in every state, with decisions, responses and redlines', async () => {
    expect(
      (await editor.send('POST', '/api/guides/mine/editions/2/transitions', { to: 'published' })).status,
    ).toBe(200)
    const page = await mine(rita)
    expect(page.items.map((c) => c.id)).toEqual(
      ['second', 'rude', 'general', 'casework', 'days', 'reply', 'useful'].map((n) => ids[n]),
    )
    expect(page.next).toBeNull()

    const useful = item(page, 'useful')
    expect(useful).toMatchObject({
      guide: { slug: 'mine', title: 'Councillors online' },
      edition: { number: 1, state: 'closed' },
      block: { key: keyOf('Post when'), number: expect.any(String) as string },
      quote: { exact: 'useful' },
      state: 'published',
      thread: `/g/mine/1/b/${keyOf('Post when')}#c${ids.useful ?? ''}`,
      decision: { decision: 'accepted', label: 'Accepted', response: 'We now say "kind" instead.' },
      change: {
        edition: 2,
        editionState: 'published',
        lineage: 'edited',
        block: { key: keyOf('Post when') },
        removedIn: null,
        links: { block: `/g/mine/2#${keyOf('Post when')}`, report: '/g/mine/2/report' },
      },
    })
    expect(useful.block?.firstWords).toBe('Post when you have something useful to say and keep…')
    expect(useful.html).toContain('<em>useful</em>')
    expect(useful.change?.redline).toContainEqual({ text: 'useful', change: 'del' })
    expect(useful.change?.redline).toContainEqual({ text: 'kind', change: 'ins' })

    expect(item(page, 'casework').change).toMatchObject({ block: null, removedIn: 2, lineage: 'removed' })
    expect(item(page, 'casework').decision).toMatchObject({ decision: 'not-accepted', label: 'Not accepted' })
    expect(item(page, 'days').change).toMatchObject({ lineage: 'unchanged', redline: null })
    expect(item(page, 'days').decision).toMatchObject({ decision: 'open', label: 'Open (no decision yet)' })
    expect(item(page, 'reply')).toMatchObject({ decision: null, change: null, parentId: ids.useful })
    expect(item(page, 'general')).toMatchObject({
      block: null,
      change: null,
      thread: expect.stringContaining('/discussion#c') as string,
    })
    expect(item(page, 'rude')).toMatchObject({ state: 'hidden', hiddenReason: 'Personal attack.' })
    expect(item(page, 'second')).toMatchObject({ state: 'withdrawn', body: 'On second thoughts, nothing.' })

    expect(page.summary).toMatchObject({ comments: 6, replies: 1 })
    const counts = Object.fromEntries(page.summary.decisions.map((d) => [d.decision, d.count]))
    expect(counts).toEqual({
      open: 4,
      accepted: 1,
      'partly-accepted': 0,
      'not-accepted': 1,
      noted: 0,
      'out-of-scope': 0,
      duplicate: 0,
    })
  })

  it('renders the page with the decisions, the redline and the removed paragraph explained', async () => {
    const response = await rita.request('/me/comments')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('What happened to your comments')
    expect(html).toContain('We now say &quot;kind&quot; instead.')
    expect(html).toMatch(/<del>useful<\/del>/)
    expect(html).toMatch(/<ins>kind<\/ins>/)
    expect(html).toContain('The paragraph was removed in edition 2.')
    expect(html).toContain('Personal attack.')
    expect(html).toContain('Your reply in its thread')
    expect(html).toContain('href="/g/mine/2/report"')
    expect(html).toContain(`href="/g/mine/1/b/${keyOf('Post when')}#c${ids.useful ?? ''}"`)
    expect(html).toContain('Not accepted')
    expect(html).toContain('Open (no decision yet)')
    expect(html).not.toContain('Otto thinks')
    expect(html).not.toContain('Editor note')
    // The account page leads here.
    expect(await (await rita.request('/account')).text()).toContain('href="/me/comments"')
  })

  it("never lists someone else's comments", async () => {
    const page = await mine(otto)
    expect(page.items.map((c) => c.id)).toEqual([ids.otto])
    expect(page.items[0]).toMatchObject({ decision: { decision: 'noted', response: 'Thanks, Otto.' } })
    expect(page.summary).toMatchObject({ comments: 1, replies: 0 })
    expect((await mine(editor)).items.map((c) => c.id)).toEqual([ids.ed])
  })

  it('pages through many comments with a cursor, in a bounded number of queries', async () => {
    const { id: ottoId } = await database.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'otto@example.org')
      .executeTakeFirstOrThrow()
    const edition = await database.db
      .selectFrom('editions')
      .innerJoin('guides', 'guides.id', 'editions.guideId')
      .select(['editions.id', 'editions.guideId'])
      .where('guides.slug', '=', 'mine')
      .where('editions.number', '=', 1)
      .executeTakeFirstOrThrow()
    const rows = await database.db
      .insertInto('comments')
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          guideId: edition.guideId,
          editionId: edition.id,
          blockKey: keyOf(i % 2 ? 'Never share' : 'Post when'),
          parentId: null,
          authorId: ottoId,
          kind: 'comment' as const,
          body: `Bulk ${String(i)}`,
          html: `<p>Bulk ${String(i)}</p>`,
          // Some quote, as Rita's do: the page then asks their languages, once however many.
          quote: i % 2 ? null : JSON.stringify({ exact: 'Post when' }),
          state: 'published' as const,
        })),
      )
      .returning('id')
      .execute()
    const edition2 = await database.db
      .selectFrom('editions')
      .select('id')
      .where('guideId', '=', edition.guideId)
      .where('number', '=', 2)
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('placements')
      .values(
        rows.map((r, i) => ({
          commentId: r.id,
          editionId: edition2.id,
          blockKey: i % 2 ? null : keyOf('Post when'),
        })),
      )
      .execute()

    const seen: string[] = []
    let cursor: string | undefined
    const sizes: number[] = []
    do {
      const page = await mine(otto, cursor)
      sizes.push(page.items.length)
      seen.push(...page.items.map((c) => c.id))
      cursor = page.next ?? undefined
    } while (cursor)
    expect(sizes).toEqual([50, 50, 21])
    expect(new Set(seen).size).toBe(121)
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a))
    expect(seen).toContain(ids.otto)
    expect((await otto.request('/api/me/comments?cursor=abc')).status).toBe(422)

    const older = await (await otto.request(`/me/comments?cursor=${seen[49] ?? ''}`)).text()
    expect(older).toContain('Newest comments')
    expect(older).toContain('Older comments')

    // The page costs the same queries for Rita's seven comments as for Otto's fifty carried ones.
    const queriesFor = async (client: Client) => {
      const counter = new QueryCounter()
      const counted = await testApp({ ...database, db: database.db.withPlugin(counter) })
      const response = await counted.request('/me/comments', { headers: { cookie: client.cookie } })
      expect(response.status).toBe(200)
      return counter.count
    }
    expect(await queriesFor(otto)).toBe(await queriesFor(rita))
    expect(await queriesFor(otto)).toBeLessThanOrEqual(6)
  })

  it('has nothing for an erased account', async () => {
    const { id } = await database.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'otto@example.org')
      .executeTakeFirstOrThrow()
    expect((await otto.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)
    expect((await otto.request('/api/me/comments')).status).toBe(401)
    const viewer = {
      person: { id, email: 'gone', displayName: 'gone', isAdmin: false, sessionId: 0 },
      roles: new Map(),
      address: '',
    }
    const page = await myComments(database.db, viewer, undefined)
    expect(page.items).toEqual([])
    expect(page.summary).toMatchObject({ comments: 0, replies: 0 })
  })
})
