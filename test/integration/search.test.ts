import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { CompiledQuery, sql } from 'kysely'
import type { Db } from '../../src/platform/db/database.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { countQuery, pageQuery, type SearchScope } from '../../src/search/search.repository.ts'
import type { SearchResults } from '../../src/search/search.service.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const ALPHA = `# Alpha guide

Compost heaps need air. Turn the compost weekly, and keep the compost damp.

Residents may ask about compost at the library.

Громада обговорює правила вивезення сміття.

Η διαβούλευση για την ανακύκλωση είναι ανοιχτή.

People have a right to be forgotten online.

Forgotten passwords are a different right altogether.
`

const BETA = '# Beta guide\n\nThe beta guide also mentions compost once.\n'
const GAMMA = '# Gamma guide\n\nA draft about zephyrine winds.\n'
const DELTA = '# Delta guide\n\nThe published text speaks of hedgerows.\n'
const DELTA_REVISED = '# Delta guide\n\nThe revised text speaks of hedgerows and wildflowers.\n'

interface ItemJson {
  type: 'block' | 'comment'
  url: string
  id?: string
  state?: string
  edition: number
  guide: { slug: string }
  author?: { displayName: string }
  block: { key: string; number: string | null } | null
  snippet: { text: string; mark?: true }[]
}

describe(`full-text search over blocks and comments (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let editor: Client
  let author: Client
  let reviewer: Client
  const visitor = () => new Client(app)
  const keys: string[] = []
  const ids: Record<'published' | 'pending' | 'hidden' | 'hostile', string> = {
    published: '',
    pending: '',
    hidden: '',
    hostile: '',
  }

  const find = async (client: Client, path: string) => {
    const response = await client.request(path)
    expect(response.status, path).toBe(200)
    return (await response.json()) as Omit<SearchResults, 'items'> & { items: ItemJson[] }
  }
  const marked = (item: ItemJson) =>
    item.snippet
      .filter((p) => p.mark)
      .map((p) => p.text.toLowerCase())
      .join(' ')

  beforeAll(async () => {
    const world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        // A new guide keeps names from the public; this one publishes them, so a found comment names its author.
        { slug: 'alpha', markdown: ALPHA, state: 'open', namesPublic: true },
        { slug: 'beta', markdown: BETA, state: 'open' },
        { slug: 'gamma', markdown: GAMMA },
        { slug: 'delta', markdown: DELTA, state: 'published' },
      ],
      people: {
        editor: { email: 'edna@example.org', name: 'edna', role: 'editor' },
        author: { email: 'arthur@example.org', name: 'arthur' },
        reviewer: { email: 'rhea@example.org', name: 'rhea' },
      },
      comments: [
        { name: 'published', by: 'author', on: 2, body: 'A compost bin at the library would help.' },
        {
          name: 'hostile',
          by: 'author',
          on: 2,
          body: 'Compost <script>alert("owned")</script> & a<3 for it',
        },
        { name: 'hidden', by: 'author', on: 2, body: 'The mayor hoards turnips, a hidden secret.' },
      ],
    })
    ;({ database, app, admin } = world)
    ;({ editor, author, reviewer } = world.people)
    keys.push(...world.guide.keys)
    Object.assign(ids, world.ids)
    expect(
      (
        await editor.send('POST', `/api/comments/${ids.hidden}/hide`, {
          reasonCode: 'other',
          reason: 'Personal remarks.',
        })
      ).status,
    ).toBe(200)
    expect((await editor.send('PATCH', '/api/guides/alpha/settings', { moderation: 'pre' })).status).toBe(200)
    ids.pending = await world.post(author, 2, { body: 'Pending thoughts on turnips.' })
    expect((await admin.send('POST', '/api/guides/delta/editions', { markdown: DELTA_REVISED })).status).toBe(
      201,
    )
  })
  afterAll(async () => {
    await database.close()
  })

  it('finds a word in blocks and in a comment of the same guide, ranked, with a link to each', async () => {
    const found = await find(visitor(), '/api/guides/alpha/search?q=compost')
    const blocks = found.items.filter((i) => i.type === 'block')
    const comments = found.items.filter((i) => i.type === 'comment')
    expect(blocks.map((b) => b.block?.key)).toEqual([keys[1], keys[2]])
    expect(blocks[0]?.url).toBe(`/g/alpha/1#${keys[1] ?? ''}`)
    expect(comments.map((c) => c.id).sort()).toEqual([ids.published, ids.hostile].sort())
    expect(comments[0]?.url).toMatch(new RegExp(`^/g/alpha/1/b/${keys[2] ?? ''}#c\\d+$`))
    expect(comments[0]?.author?.displayName).toBe('arthur')
    // The paragraph with the word three times comes before the one with it once.
    expect(found.items[0]?.block?.key).toBe(keys[1])
    expect(found.total).toBe(4)
    expect(found.totalCapped).toBe(false)
    expect(marked(found.items[0] as ItemJson)).toContain('compost')
  })

  it('stems English words, matches phrases and honours a minus', async () => {
    const stems = await find(visitor(), '/api/guides/alpha/search?q=composting&type=blocks')
    expect(stems.items.map((i) => i.block?.key)).toEqual([keys[1], keys[2]])
    const phrase = await find(
      visitor(),
      `/api/guides/alpha/search?q=${encodeURIComponent('"right to be forgotten"')}`,
    )
    expect(phrase.items.map((i) => i.block?.key)).toEqual([keys[5]])
    const loose = await find(visitor(), '/api/guides/alpha/search?q=right+forgotten')
    expect(loose.items.map((i) => i.block?.key).sort()).toEqual([keys[5], keys[6]].sort())
    const without = await find(visitor(), '/api/guides/alpha/search?q=compost+-library&type=blocks')
    expect(without.items.map((i) => i.block?.key)).toEqual([keys[1]])
    const stopWords = await find(visitor(), `/api/guides/alpha/search?q=${encodeURIComponent('"to be"')}`)
    expect(stopWords.items.map((i) => i.block?.key)).toEqual([keys[5]])
  })

  it('finds Cyrillic and Greek words', async () => {
    const cyrillic = await find(visitor(), `/api/search?q=${encodeURIComponent('громада')}`)
    expect(cyrillic.items.map((i) => i.block?.key)).toEqual([keys[3]])
    expect(marked(cyrillic.items[0] as ItemJson)).toBe('громада')
    const greek = await find(visitor(), `/api/search?q=${encodeURIComponent('ανακύκλωση')}`)
    expect(greek.items.map((i) => i.block?.key)).toEqual([keys[4]])
  })

  it('never shows hidden or pending comments to the public or other reviewers; their author and editors see them', async () => {
    const turnips = (client: Client) =>
      find(client, '/api/search?q=turnips').then((r) => r.items.map((i) => [i.id, i.state]))
    expect(await turnips(visitor())).toEqual([])
    expect(await turnips(reviewer)).toEqual([])
    const expected = [
      [ids.hidden, 'hidden'],
      [ids.pending, 'pending'],
    ].sort()
    expect((await turnips(author)).sort()).toEqual(expected)
    expect((await turnips(editor)).sort()).toEqual(expected)
    expect((await turnips(admin)).sort()).toEqual(expected)
    const page = await (await visitor().request('/g/alpha/search?q=turnips')).text()
    expect(page).not.toContain('turnips, a')
    expect(page).toContain('No results for “turnips”.')
  })

  it('never shows drafts to the public: a draft guide, or a draft edition of a published one', async () => {
    expect((await find(visitor(), '/api/search?q=zephyrine')).items).toEqual([])
    expect((await find(reviewer, '/api/search?q=zephyrine')).items).toEqual([])
    expect((await find(admin, '/api/search?q=zephyrine')).items.map((i) => i.guide.slug)).toEqual(['gamma'])
    expect((await visitor().request('/api/guides/gamma/search?q=zephyrine')).status).toBe(404)
    expect((await visitor().request('/g/gamma/search?q=zephyrine')).status).toBe(404)
    // Delta: edition 1 published, edition 2 a draft. Each reader searches the newest edition they may read.
    expect((await find(visitor(), '/api/search?q=wildflowers')).items).toEqual([])
    const hedgerows = await find(visitor(), '/api/search?q=hedgerows')
    expect(hedgerows.items.map((i) => i.edition)).toEqual([1])
    expect((await find(admin, '/api/search?q=wildflowers')).items.map((i) => i.edition)).toEqual([2])
    expect((await find(admin, '/api/guides/delta/search?q=wildflowers&edition=1')).items).toEqual([])
    expect((await visitor().request('/api/guides/delta/search?q=hedgerows&edition=2')).status).toBe(404)
  })

  it('searches one guide or all of them', async () => {
    const everywhere = await find(visitor(), '/api/search?q=compost&type=blocks')
    expect(new Set(everywhere.items.map((i) => i.guide.slug))).toEqual(new Set(['alpha', 'beta']))
    const alpha = await find(visitor(), '/api/guides/alpha/search?q=compost')
    expect(alpha.items.every((i) => i.guide.slug === 'alpha')).toBe(true)
    const comments = await find(visitor(), '/api/search?q=compost&type=comments')
    expect(comments.items.every((i) => i.type === 'comment')).toBe(true)
    expect(comments.items).toHaveLength(2)
  })

  it('refuses no words, too many words and pages past the tenth with 422', async () => {
    for (const query of [
      '',
      'q=',
      'q=%20%20',
      `q=${'a'.repeat(201)}`,
      'q=compost&page=11',
      'q=compost&type=x',
    ]) {
      const response = await visitor().request(`/api/search?${query}`)
      expect(response.status, query).toBe(422)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
    }
    for (const query of ['!!!', `a'b:*(|\\ "unclosed`, '-compost']) {
      const response = await visitor().request(`/api/search?q=${encodeURIComponent(query)}`)
      expect(response.status, query).toBe(200)
    }
    const page = await visitor().request('/search?q=+')
    expect(page.status).toBe(422)
    expect(await page.text()).toContain('Type a word or two to search for.')
  })

  it('renders results as a list, matches in <mark>, and a hostile comment inert', async () => {
    const response = await visitor().request('/g/alpha/search?q=compost')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toContain('4 results for “compost”.')
    expect(html).toContain('<label for="q">Words to find</label>')
    expect(html).toContain('<ol start="1">')
    expect(html).toMatch(/<mark>[Cc]ompost<\/mark>/)
    expect(html).toContain(`href="/g/alpha/1#${keys[1] ?? ''}"`)
    expect(html).toContain(`href="/g/alpha/1/b/${keys[2] ?? ''}#c${ids.hostile}"`)
    // ts_headline gives a tag back as a space; what is left of the body is escaped.
    expect(html).toContain('<mark>Compost</mark>  alert(&quot;owned&quot;)  &amp; a&lt;3 for it')
    expect(html).not.toContain('<script>')
    const api = await find(visitor(), '/api/search?q=compost&type=comments')
    const hostile = api.items.find((i) => i.id === ids.hostile)
    expect(hostile?.snippet).toEqual([
      { text: 'Compost', mark: true },
      { text: '  alert("owned")  & a<3 for it' },
    ])
  })

  it('offers a search box on the list of guides and on an edition', async () => {
    const home = await (await visitor().request('/')).text()
    expect(home).toContain('<form class="search-box" method="get" action="/search" role="search">')
    const edition = await (await visitor().request('/g/alpha/1')).text()
    expect(edition).toContain('action="/g/alpha/search"')
    const empty = await visitor().request('/search')
    expect(empty.status).toBe(200)
    expect(await empty.text()).not.toContain('results for')
  })
})

describe(`search over a 20,000-block guide (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>

  beforeAll(async () => {
    ;({ database, app } = await consultation({
      guides: [{ slug: 'big', markdown: '# Big guide\n\nAllotments.\n', state: 'open' }],
      admin: false,
    }))
    // Bulk SQL for speed: 20,000 paragraphs through an import would be the test's whole minute.
    await sql`
      insert into blocks (edition_id, ordinal, key, kind, number, markdown, html, text, hash, section_path)
      select e.id, 10 + i, 'k' || i, 'paragraph', i::text, t, '<p>' || t || '</p>', t, md5(t), '{}'
      from editions e, generate_series(1, 20000) i,
        lateral (select 'Allotment plot ' || i || ' is let to residents who grow vegetables'
          || case when i % 997 = 0 then ', beside a beehive.' else '.' end as t) words
      where e.guide_id = (select id from guides where slug = 'big')`.execute(database.db)
    await sql`analyze blocks`.execute(database.db)
  })
  afterAll(async () => {
    await database.close()
  })

  const scope = (words: string): SearchScope => ({
    words,
    type: 'all',
    guideId: null,
    editionId: null,
    everywhere: false,
    editorOf: [],
    viewerId: null,
  })
  const plan = async (query: { compile: (db: Db) => CompiledQuery }) => {
    const compiled = query.compile(database.db)
    const { rows } = await database.db.executeQuery(
      CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
    )
    return rows.map((row) => Object.values(row as Record<string, string>)[0]).join('\n')
  }

  it('finds a rare word through the GIN index, for the page and for the count', async () => {
    expect(await plan(pageQuery(scope('beehive'), 20, 0))).toContain('Bitmap Index Scan on blocks_search')
    expect(await plan(countQuery(scope('beehive')))).toContain('Bitmap Index Scan on blocks_search')
    const found = (await (await app.request('/api/search?q=beehive')).json()) as SearchResults
    expect(found.total).toBe(20)
    expect(found.items).toHaveLength(20)
  })

  it('counts up to 1,000, and pages through the first 200', async () => {
    const first = (await (await app.request('/api/guides/big/search?q=allotment')).json()) as SearchResults
    expect(first).toMatchObject({ total: 1000, totalCapped: true, page: 1, pages: 10, next: '2' })
    expect(first.items).toHaveLength(20)
    const last = (await (
      await app.request('/api/guides/big/search?q=allotment&page=10')
    ).json()) as SearchResults
    expect(last).toMatchObject({ page: 10, next: null })
    expect(last.items).toHaveLength(20)
    expect((await app.request('/api/guides/big/search?q=allotment&page=11')).status).toBe(422)
    const html = await (await app.request('/g/big/search?q=allotment&type=blocks')).text()
    expect(html).toContain(
      'More than 1,000 results for “allotment”. Page 1 of 10. The first 200 are shown: add words to find fewer.',
    )
    expect(html).toContain('<a href="/g/big/search?q=allotment&amp;type=blocks&amp;page=2" rel="next">')
  })

  it('answers `next` as a cursor for `?cursor=`, as every list does, and refuses one it never gave', async () => {
    for (const base of ['/api/guides/big/search?q=allotment', '/api/search?q=allotment']) {
      const seen = new Set<string>()
      let cursor: string | null = null
      let pages = 0
      do {
        const answer = await app.request(
          `${base}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        )
        expect(answer.status).toBe(200)
        const page = (await answer.json()) as SearchResults
        pages += 1
        expect(page.page).toBe(pages)
        for (const item of page.items) seen.add(item.url)
        expect(page.next === null || typeof page.next === 'string').toBe(true)
        cursor = page.next
      } while (cursor !== null && pages < 20)
      expect(pages).toBe(10)
      expect(seen.size).toBe(200)
    }
    for (const cursor of ['zzz', '0', '11', '', '2.5']) {
      const answer = await app.request(`/api/search?q=allotment&cursor=${cursor}`)
      expect(answer.status, cursor).toBe(422)
      const problem = (await answer.json()) as { errors: { pointer: string }[] }
      expect(
        problem.errors.map((e) => e.pointer),
        cursor,
      ).toEqual(['/cursor'])
    }
  })
})
