import { XMLParser } from 'fast-xml-parser'
import type { Hono } from 'hono'
import { sql, type KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

Report abusive messages to the monitoring officer and keep a copy of each.
`

// Edition 2 splits the second paragraph: a comment quoting "within two working days" lands on the new piece.
const SECOND = `# Councillors online

Post when you have something useful and kind to say, and keep it short.

Answer residents within two working days.

Say when you will reply if you cannot answer at once.

Report abusive messages to the monitoring officer and keep a copy of each.
`

interface AtomLink {
  '@_href': string
  '@_rel'?: string
}
interface AtomText {
  '#text': string
  '@_type': string
}
interface AtomEntry {
  id: string
  title: AtomText
  updated: string
  published?: string
  link: AtomLink[]
  author: { name: string }[]
  content?: AtomText
  summary?: AtomText
}
interface AtomFeed {
  id: string
  title: string
  updated: string
  link: AtomLink[]
  entry: AtomEntry[]
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => ['entry', 'link', 'author'].includes(name),
})

/** Parses an Atom document and checks what every feed and entry must have (RFC 4287). */
function parseFeed(xml: string): AtomFeed {
  const document = parser.parse(xml) as {
    feed?: Omit<AtomFeed, 'entry'> & { '@_xmlns': string; entry?: AtomEntry[] }
  }
  if (!document.feed) throw new Error(`Not an Atom feed: ${xml.slice(0, 200)}`)
  // An empty feed has no entry elements at all.
  const feed = { ...document.feed, entry: document.feed.entry ?? [] }
  expect(document.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
  expect(feed.id).toMatch(/^(https?|tag):/)
  expect(feed.title).toEqual(expect.any(String))
  expect(new Date(feed.updated).toISOString()).toBe(feed.updated)
  expect(feed.link.find((l) => l['@_rel'] === 'self')?.['@_href']).toMatch(/^http:\/\/localhost\//)
  for (const entry of feed.entry) {
    expect(entry.id).toMatch(/^tag:localhost,2026:gloss\//)
    expect(entry.title['@_type']).toBe('html')
    expect(entry.title['#text']).not.toBe('')
    expect(new Date(entry.updated).toISOString()).toBe(entry.updated)
    // No rel is rel="alternate" (RFC 4287 4.2.7.2): the entry's page, an absolute address.
    expect(entry.link[0]?.['@_rel'] ?? 'alternate').toBe('alternate')
    expect(entry.link[0]?.['@_href']).toMatch(/^http:\/\/localhost\//)
    expect(entry.author[0]?.name).toEqual(expect.any(String))
    expect((entry.content ?? entry.summary)?.['@_type']).toBe('html')
  }
  if (feed.entry.length > 0) {
    const newest = feed.entry
      .map((e) => e.updated)
      .sort()
      .at(-1)
    expect(feed.updated).toBe(newest)
  }
  return feed
}

const bodies = (feed: AtomFeed) => feed.entry.map((e) => e.content?.['#text'] ?? '')

/** Counts every query Kysely sends. */
class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.count++
    return args.node
  }
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result)
}

describe(`Atom feeds of comments, editions, and a person's replies and decisions (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let rita: Client
  let sam: Client
  let blocks: { key: string; text: string }[] = []
  const ids: Record<string, string> = {}
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers })
  const feedAt = async (path: string) => {
    const response = await get(path)
    expect(response.status, path).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    return parseFeed(await response.text())
  }

  const post = async (client: Client, name: string, path: string, body: object) => {
    const response = await client.send('POST', path, { kind: 'comment', ...body })
    expect(response.status).toBe(201)
    const comment = (await response.json()) as { id: string; state: string }
    ids[name] = comment.id
    return comment
  }
  const onBlock = (start: string, edition = 1) =>
    `/api/guides/feeds/editions/${String(edition)}/blocks/${keyOf(start)}/comments`

  beforeAll(async () => {
    const world = await consultation({
      guides: [
        // A new guide keeps names from the public; this one publishes them, so its feeds name each author.
        { slug: 'feeds', markdown: FIRST, openAfterJoining: true, namesPublic: true },
        { slug: 'drafty', markdown: '# Hidden drafts\n\nNot yet.\n' },
        { slug: 'other', markdown: '# Another guide\n\nDone.\n', state: 'published' },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        sam: { email: 'sam@example.org', name: 'Sam' },
      },
      comments: [
        { name: 'useful', by: 'rita', on: 'Post when', body: 'Say what useful means.' },
        { name: 'samReply', by: 'sam', on: 'Post when', body: 'Useful to residents.', replyTo: 'useful' },
        {
          name: 'twoDays',
          by: 'rita',
          on: 'Answer residents',
          body: 'Two days is too long.',
          quote: { exact: 'within two working days' },
        },
        { name: 'general', by: 'rita', on: null, body: 'A clear guide overall.' },
      ],
    })
    ;({ database, app, admin: editor } = world)
    ;({ rita, sam } = world.people)
    blocks = world.guide.blocks
    Object.assign(ids, world.ids)
    await post(sam, 'toHide', onBlock('Answer residents'), { body: 'Something rude.' })
    expect(
      (
        await editor.send('POST', `/api/comments/${ids.toHide ?? ''}/hide`, {
          reasonCode: 'other',
          reason: 'Rude',
        })
      ).status,
    ).toBe(200)
    await editor.send('PATCH', '/api/guides/feeds/settings', { moderation: 'pre' })
    const pending = await post(sam, 'pending', onBlock('Post when'), { body: 'Waiting for a moderator.' })
    expect(pending.state).toBe('pending')
    await editor.send('PATCH', '/api/guides/feeds/settings', { moderation: 'post' })
  })
  afterAll(async () => {
    await database.close()
  })

  it("lists a guide's, an edition's and a block's published comments, newest first, linked to their threads", async () => {
    const guide = await feedAt('/g/feeds/comments.atom')
    expect(guide.id).toBe('http://localhost/g/feeds/comments.atom')
    expect(guide.title).toBe('New comments · Councillors online')
    expect(guide.entry.map((e) => e.id)).toEqual(
      [ids.general, ids.twoDays, ids.samReply, ids.useful].map(
        (id) => `tag:localhost,2026:gloss/comment/${id ?? ''}`,
      ),
    )
    const [general, twoDays, reply, useful] = guide.entry
    expect(useful?.link[0]?.['@_href']).toBe(
      `http://localhost/g/feeds/1/b/${keyOf('Post when')}#c${ids.useful ?? ''}`,
    )
    expect(general?.link[0]?.['@_href']).toBe(`http://localhost/g/feeds/1/discussion#c${ids.general ?? ''}`)
    expect(useful?.title['#text']).toBe('Comment on paragraph 1 of edition 1: Say what useful means.')
    expect(reply?.title['#text']).toMatch(/^Reply on paragraph 1 of edition 1: /)
    expect(useful?.content?.['#text']).toBe('<p>Say what useful means.</p>')
    expect(twoDays?.author[0]?.name).toBe('Rita')
    expect(reply?.author[0]?.name).toBe('Sam')

    const edition = await feedAt('/g/feeds/1/comments.atom')
    expect(edition.entry.map((e) => e.id)).toEqual(guide.entry.map((e) => e.id))
    expect(edition.link.find((l) => l['@_rel'] === 'alternate')?.['@_href']).toBe(
      'http://localhost/g/feeds/1',
    )

    const block = await feedAt(`/g/feeds/1/b/${keyOf('Post when')}/comments.atom`)
    expect(block.title).toBe('New comments on paragraph 1 · Councillors online, edition 1')
    expect(bodies(block)).toEqual(['<p>Useful to residents.</p>', '<p>Say what useful means.</p>'])
  })

  it('never carries pending or hidden comments', async () => {
    for (const path of [
      '/g/feeds/comments.atom',
      '/g/feeds/1/comments.atom',
      `/g/feeds/1/b/${keyOf('Post when')}/comments.atom`,
      `/g/feeds/1/b/${keyOf('Answer residents')}/comments.atom`,
    ]) {
      const xml = await (await get(path)).text()
      expect(xml).not.toContain('Waiting for a moderator')
      expect(xml).not.toContain('Something rude')
      expect(xml).not.toContain(`comment/${ids.pending ?? ''}<`)
    }
    // Not to the editors either: the feeds are public, the same for everyone.
    const asEditor = await editor.request('/g/feeds/comments.atom')
    expect(await asEditor.text()).not.toContain('Waiting for a moderator')
  })

  it('stays well-formed XML whatever a comment holds', async () => {
    await post(sam, 'hostile', onBlock('Report abusive'), {
      body: 'Ends ]]> here, <b>bold</b> & a bell \u0007 <script>alert(1)</script>',
    })
    const xml = await (await get('/g/feeds/1/comments.atom')).text()
    expect(xml).not.toContain('\u0007')
    expect(xml).not.toContain('<script>')
    const [newest] = parseFeed(xml).entry
    expect(newest?.id).toBe(`tag:localhost,2026:gloss/comment/${ids.hostile ?? ''}`)
    expect(newest?.content?.['#text']).toContain('Ends ]]> here')
    // Atom's html title is markup: the comment's words arrive as text, not as elements.
    expect(newest?.title['#text']).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; a bell')
  })

  it('names authors only as the guide allows', async () => {
    await editor.send('PATCH', '/api/guides/feeds/settings', { namesPublic: false })
    const feed = await feedAt('/g/feeds/comments.atom')
    expect(new Set(feed.entry.map((e) => e.author[0]?.name))).toEqual(new Set(['A participant']))
    await editor.send('PATCH', '/api/guides/feeds/settings', { namesPublic: true })
  })

  it('answers 304 to a reader that has the feed, until something changes', async () => {
    const first = await get('/g/feeds/1/comments.atom')
    const etag = first.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(first.headers.get('cache-control')).toBe('public, max-age=60')
    const again = await get('/g/feeds/1/comments.atom', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.headers.get('etag')).toBe(etag)
    expect(await again.text()).toBe('')
    expect((await get('/g/feeds/1/comments.atom', { 'if-none-match': `"x", W/${etag}` })).status).toBe(304)
    await post(sam, 'later', onBlock('Report abusive'), { body: 'Keep screenshots too.' })
    const changed = await get('/g/feeds/1/comments.atom', { 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })

  it('refuses feeds of drafts, of unknown guides and of paragraphs that are not there', async () => {
    for (const path of [
      '/g/drafty/comments.atom',
      '/g/drafty/editions.atom',
      '/g/drafty/1/comments.atom',
      '/g/nothing/comments.atom',
      '/g/feeds/9/comments.atom',
      '/g/feeds/1/b/zzzzzzzz/comments.atom',
      '/g/feeds/1/b/NOT-A-KEY/comments.atom',
    ]) {
      expect((await get(path)).status, path).toBe(404)
      expect((await editor.request(path)).status, `${path} as editor`).toBe(404)
    }
  })

  it("carries an open comment to its successor block's feed in the next edition", async () => {
    await editor.send('POST', '/api/guides/feeds/editions/1/transitions', { to: 'closed' })
    const created = await editor.send('POST', '/api/guides/feeds/editions', { markdown: SECOND, base: 1 })
    expect(created.status).toBe(201)
    // A draft has no feeds, even for its editors.
    expect((await get('/g/feeds/2/comments.atom')).status).toBe(404)
    await editor.send('POST', '/api/guides/feeds/editions/2/transitions', { to: 'open' })
    const second = (await (await get('/api/guides/feeds/editions/2')).json()) as { blocks: typeof blocks }
    const piece = second.blocks.find((b) => b.text === 'Answer residents within two working days.')?.key ?? ''
    expect(piece).not.toBe(keyOf('Answer residents'))
    const feed = await feedAt(`/g/feeds/2/b/${piece}/comments.atom`)
    expect(feed.entry.map((e) => e.id)).toEqual([`tag:localhost,2026:gloss/comment/${ids.twoDays ?? ''}`])
    expect(feed.entry[0]?.link[0]?.['@_href']).toBe(
      `http://localhost/g/feeds/2/b/${piece}#c${ids.twoDays ?? ''}`,
    )
    expect(feed.entry[0]?.title['#text']).toMatch(/^Comment on paragraph 2: Two days/)
    // Edition 2's own feed holds what was written on it: nothing yet.
    expect((await feedAt('/g/feeds/2/comments.atom')).entry).toEqual([])
  })

  it("lists a guide's published editions, and every guide's", async () => {
    expect((await feedAt('/g/feeds/editions.atom')).entry).toEqual([])
    await editor.send('POST', '/api/guides/feeds/editions/2/transitions', { to: 'closed' })
    await editor.send('POST', '/api/guides/feeds/editions/2/transitions', { to: 'published' })
    const feed = await feedAt('/g/feeds/editions.atom')
    expect(feed.entry).toHaveLength(1)
    const [edition] = feed.entry
    expect(edition?.id).toBe('tag:localhost,2026:gloss/guide/feeds/edition/2')
    expect(edition?.link[0]?.['@_href']).toBe('http://localhost/g/feeds/2')
    expect(edition?.summary?.['#text']).toContain('5 paragraphs')
    expect(edition?.summary?.['#text']).toContain('href="http://localhost/g/feeds/2/report"')
    expect(edition?.published).toBe(edition?.updated)

    const all = await feedAt('/editions.atom')
    expect(all.entry.map((e) => e.id)).toEqual([
      'tag:localhost,2026:gloss/guide/feeds/edition/2',
      'tag:localhost,2026:gloss/guide/other/edition/1',
    ])
    expect(all.entry[1]?.summary?.['#text']).not.toContain('report')
  })

  it('gives a reviewer a secret feed of replies to their comments and decisions on them', async () => {
    const decided = await editor.send('PUT', `/api/comments/${ids.useful ?? ''}/decision`, {
      decision: 'accepted',
      response: 'We will say what useful means.',
    })
    expect(decided.status).toBe(200)
    const page = await rita.request('/account/feed', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const url =
      /value="(http:\/\/localhost\/me\/feed\.atom\?token=[\w-]+)"/.exec(await page.text())?.[1] ?? ''
    expect(url).not.toBe('')
    const path = url.replace('http://localhost', '')

    const response = await get(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const feed = parseFeed(await response.text())
    expect(feed.link.find((l) => l['@_rel'] === 'self')?.['@_href']).toBe(url)
    // Her replies and decisions with their words; among them, her other notices as the notices page says them.
    const notice = (e: AtomEntry) => e.id.includes('/notice/')
    const titles = feed.entry.filter((e) => !notice(e)).map((e) => e.title['#text'])
    expect(titles).toEqual([
      'Your comment on paragraph 1 of “Councillors online” was accepted: We will say what useful means.',
      'Sam replied to your comment on paragraph 1 of “Councillors online”',
    ])
    expect(feed.entry.filter(notice).map((e) => e.title['#text'])).toContain(
      'Edition 1 is open for comments. (Councillors online)',
    )
    const [decision, reply] = feed.entry.filter((e) => !notice(e))
    expect(decision?.content?.['#text']).toContain('<p>We will say what useful means.</p>')
    expect(decision?.content?.['#text']).toContain('<p>Say what useful means.</p>')
    expect(decision?.author[0]?.name).toBe('The editors')
    expect(reply?.content?.['#text']).toBe('<p>Useful to residents.</p>')
    expect(reply?.link[0]?.['@_href']).toBe(
      `http://localhost/g/feeds/1/b/${keyOf('Post when')}#c${ids.samReply ?? ''}`,
    )
    // Someone else's replies are not in it, nor is anything of Sam's own.
    const samsFeed = parseFeed(await (await sam.request('/me/feed.atom')).text())
    expect(samsFeed.entry.map((e) => e.title['#text']).filter((t) => /replied|Your comment/.test(t))).toEqual(
      [],
    )

    // Signed in, the feed needs no secret; without either it does not exist.
    expect((await rita.request('/me/feed.atom')).status).toBe(200)
    expect((await get('/me/feed.atom')).status).toBe(404)
    expect((await get('/me/feed.atom?token=wrong')).status).toBe(404)
    expect((await get(`/me/feed.atom?token=${'a'.repeat(43)}`)).status).toBe(404)
    const etag = response.headers.get('etag') ?? ''
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304)

    // A new address makes the old one stop working.
    await rita.request('/account/feed', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect((await get(path)).status).toBe(404)
    const signedOut = await app.request('/account/feed', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(signedOut.status).toBe(401)
  })

  it('offers the feeds on the reading page, the same for everyone, and on the thread page', async () => {
    const html = await (await get('/g/feeds/2')).text()
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head).toContain(
      '<link rel="alternate" type="application/atom+xml" title="New comments on edition 2" href="/g/feeds/2/comments.atom"/>',
    )
    expect(head).toContain('href="/g/feeds/editions.atom"')
    const body = html.slice(html.indexOf('</head>'))
    expect(body).toContain('href="/g/feeds/2/comments.atom"')
    expect(await (await rita.request('/g/feeds/2')).text()).toBe(html)
    const thread = await (await rita.request(`/g/feeds/1/b/${keyOf('Post when')}`)).text()
    expect(thread).toContain(`href="/g/feeds/1/b/${keyOf('Post when')}/comments.atom"`)
    expect(await (await rita.request('/account')).text()).toContain('action="/account/feed"')
    expect(await (await get('/')).text()).toContain(
      '<link rel="alternate" type="application/atom+xml" title="New editions of every guide" href="/editions.atom"/>',
    )
  })

  it('costs the same queries whatever the number of comments', async () => {
    const queriesFor = async (path: string) => {
      const counter = new QueryCounter()
      const counted = await testApp({ ...database, db: database.db.withPlugin(counter) })
      expect((await counted.request(path)).status).toBe(200)
      return counter.count
    }
    const paths = ['/g/feeds/comments.atom', `/g/feeds/1/b/${keyOf('Post when')}/comments.atom`]
    const before = await Promise.all(paths.map(queriesFor))
    await sql`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
      select e.guide_id, e.id, ${keyOf('Post when')}, 2, 'comment', 'More', '<p>More</p>', 'published'
      from editions e join guides g on g.id = e.guide_id cross join generate_series(1, 200)
      where g.slug = 'feeds' and e.number = 1`.execute(database.db)
    expect(await Promise.all(paths.map(queriesFor))).toEqual(before)
    const feed = await feedAt('/g/feeds/comments.atom')
    expect(feed.entry).toHaveLength(50)
  })
})
