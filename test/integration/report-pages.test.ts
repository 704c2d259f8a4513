import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Hono } from 'hono'
import { sql, type KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reviseFromCommandLine } from '../../src/editions/revision.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { CORPUS, describeCorpus } from '../support/corpus.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

## Posting

Post when you have something useful to say and keep it short.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

## Privacy

Never share casework details in public, even when the resident has posted them first.

Report abusive messages to the monitoring officer and keep a copy of each.
`

// Edition 2: the first paragraph edited, the casework one removed, a new one at the end.
const SECOND = `# Councillors online

## Posting

Post when you have something useful and kind to say, and keep it brief.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

## Privacy

Report abusive messages to the monitoring officer and keep a copy of each.

Thank residents who point out mistakes, and correct the post where everyone can see it.
`

// Edition 3: the abuse paragraph edited again.
const THIRD = SECOND.replace('keep a copy of each.', 'keep a dated copy of each message.')

/** Counts every query Kysely sends. */
class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.count++
    return args.node
  }
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result)
}

interface Block {
  key: string
  text: string
}

/** The bars of the decision chart: each decision's class and the count written beside its bar. */
const chartBars = (html: string) => {
  const svg = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? ''
  return {
    svg,
    bars: [
      ...svg.matchAll(/<g class="chart-row chart-([a-z-]+)">[\s\S]*?class="chart-count"[^>]*>(\d+)</g),
    ].map((m) => [m[1], Number(m[2])] as const),
    rects: (svg.match(/<rect /g) ?? []).length,
  }
}

describe(`the "you said, we did" report and redlines between editions (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let rita: Client
  let blocks: Block[] = []
  const ids: Record<string, string> = {}
  const visitor = () => new Client(app)
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''

  beforeAll(async () => {
    const world = await consultation({
      guides: [
        // A new guide keeps names from the public; this one publishes them, so its report names each author.
        { slug: 'rev', markdown: FIRST, openAfterJoining: true, namesPublic: true },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Gone' },
      },
      comments: [
        { name: 'useful', by: 'rita', on: 'Post when', body: 'Say what *useful* means.' },
        { name: 'reply', by: 'sam', on: 'Post when', body: 'A reply, not in the report.', replyTo: 'useful' },
        {
          name: 'twoDays',
          by: 'rita',
          on: 'Answer residents',
          kind: 'reflection',
          body: 'Two days is too long.',
          quote: { exact: 'within two working days' },
        },
        { name: 'tooSlow', by: 'sam', on: 'Answer residents', body: 'Same: two days is slow.' },
        {
          name: 'casework',
          by: 'rita',
          on: 'Never share',
          kind: 'example',
          body: '=HYPERLINK("http://evil.example")',
        },
        { name: 'abuse', by: 'sam', on: 'Report abusive', body: 'Keep copies for how long?' },
        { name: 'general', by: 'rita', on: null, body: 'A clear guide overall.' },
      ],
    })
    ;({ database, app, admin: editor } = world)
    const { sam } = world.people
    rita = world.people.rita
    blocks = world.guide.blocks
    Object.assign(ids, world.ids)
    const post = async (name: string, who: Client, start: string, body: { body: string }) => {
      ids[name] = await world.post(who, start, body)
    }
    await post('hidden', sam, 'Post when', { body: 'Something rude that a moderator hides.' })
    expect(
      (
        await editor.send('POST', `/api/comments/${ids.hidden ?? ''}/hide`, {
          reasonCode: 'other',
          reason: 'Rude',
        })
      ).status,
    ).toBe(200)
    await post('spam', sam, 'Report abusive', { body: 'Buy cheap watches here.' })
    await editor.send('POST', `/api/comments/${ids.spam ?? ''}/hide`, {
      reasonCode: 'spam',
      reason: 'An advert.',
    })
    // Kept for the editors, then hidden: the public may not know it exists, so the report does not count it.
    const kept = await rita.send('POST', `/api/guides/rev/editions/1/blocks/${keyOf('Post when')}/comments`, {
      kind: 'comment',
      body: 'Only for the editors, then hidden.',
      public: false,
    })
    ids.keptHidden = ((await kept.json()) as { id: string }).id
    await editor.send('POST', `/api/comments/${ids.keptHidden}/hide`, { reasonCode: 'spam', reason: 'Also.' })
    await post('withdrawn', rita, 'Report abusive', { body: 'I take this back.' })
    expect((await rita.send('POST', `/api/comments/${ids.withdrawn ?? ''}/withdraw`)).status).toBe(200)
    await editor.send('PATCH', '/api/guides/rev/settings', { moderation: 'pre' })
    await post('pending', rita, 'Post when', { body: 'Waiting for a moderator, never reported.' })
    await editor.send('PATCH', '/api/guides/rev/settings', { moderation: 'post' })
    await editor.send('POST', '/api/guides/rev/editions/1/transitions', { to: 'closed' })

    const decide = async (name: string, body: object) =>
      expect((await editor.send('PUT', `/api/comments/${ids[name] ?? ''}/decision`, body)).status).toBe(200)
    await decide('useful', { decision: 'accepted', response: 'We added "kind".' })
    await decide('twoDays', { decision: 'not-accepted', response: 'Two days stays.' })
    await decide('tooSlow', { decision: 'duplicate', response: '', duplicateOf: ids.twoDays })
    await decide('casework', { decision: 'noted', response: 'We removed the paragraph.' })
    // Sam erases their account: their comments stay, from "a former participant".
    expect((await sam.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)

    expect((await editor.send('POST', '/api/guides/rev/editions', { markdown: SECOND })).status).toBe(201)
  })
  afterAll(async () => {
    await database.close()
  })

  it('keeps the report of an unpublished edition from the public, and lets its editors preview it', async () => {
    expect((await visitor().request('/g/rev/2/report')).status).toBe(404)
    expect((await visitor().request('/g/rev/2/report.csv')).status).toBe(404)
    expect((await rita.request('/g/rev/2/report')).status).toBe(404)
    expect((await visitor().request('/g/rev/1/report')).status).toBe(404)
    const preview = await editor.request('/g/rev/2/report')
    expect(preview.status).toBe(200)
    expect(preview.headers.get('cache-control')).toBe('no-store')
    expect(await preview.text()).toContain('Not yet public')
    expect((await visitor().request('/g/rev/9/report')).status).toBe(404)
    expect((await visitor().request('/g/nope/2/report')).status).toBe(404)
  })

  it('lists every published comment with its decision, response and redline, and nothing hidden or pending', async () => {
    expect(
      (await editor.send('POST', '/api/guides/rev/editions/2/transitions', { to: 'published' })).status,
    ).toBe(200)
    const response = await visitor().request('/g/rev/2/report')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/)
    const html = await response.text()
    expect(html).not.toContain('Not yet public')
    for (const name of ['useful', 'twoDays', 'tooSlow', 'casework', 'abuse', 'general', 'withdrawn'])
      expect(html, name).toContain(`id="c${ids[name] ?? ''}"`)
    for (const name of ['reply', 'hidden', 'pending'])
      expect(html, name).not.toContain(`id="c${ids[name] ?? ''}"`)
    expect(html).not.toContain('Something rude')
    expect(html).not.toContain('Waiting for a moderator')
    expect(html).not.toContain('I take this back')
    // The body is sanitised Markdown; the decision and response in words.
    expect(html).toContain('Say what <em>useful</em> means.')
    expect(html).toContain('Accepted')
    expect(html).toContain('We added &quot;kind&quot;.')
    expect(html).toContain('Not accepted')
    expect(html).toContain(`href="#c${ids.twoDays ?? ''}">Duplicate of #${ids.twoDays ?? ''}</a>`)
    expect(html).toContain('Noted (no change needed)')
    expect(html).toContain('Open (no decision yet)')
    expect(html).toContain('within two working days')
    // Grouped by section and paragraph, each with where it went in edition 2.
    expect(html).toMatch(/<h3[^>]*>Posting<\/h3>/)
    expect(html).toMatch(/<h3[^>]*>Privacy<\/h3>/)
    expect(html).toContain('General discussion of edition 1')
    expect(html).toContain(`href="/g/rev/2#${keyOf('Post when')}"`)
    expect(html).toMatch(/<ins>and kind <\/ins>/)
    expect(html).toMatch(/Removed<\/span> This paragraph is not in edition 2/)
    expect(html).toMatch(/Unchanged<\/span> In edition 2/)
    // Names are public on this guide; an erased author is a former participant.
    expect(html).toContain('Rita Reviewer')
    expect(html).toContain('a former participant')
    expect(html).not.toContain('Sam Gone')
    // Summary: 7 comments from 2 people.
    expect(html).toContain('7 comments from 2 people')
    // Links to the CSV and to the redline from the edition consulted.
    expect(html).toContain('href="/g/rev/2/report.csv"')
    expect(html).toContain('href="/g/rev/redline/1/2"')
  })

  it('counts the comments moderators hid by reason code, with the moderation log, never their words', async () => {
    const html = await (await visitor().request('/g/rev/2/report')).text()
    const hidden = /<div class="report-hidden">[\s\S]*?<\/div>/.exec(html)?.[0] ?? ''
    expect(hidden).toContain('href="/g/rev/moderation-log"')
    expect(hidden).toContain('<li>Spam: 1</li>')
    expect(hidden).toContain('<li>Other: 1</li>')
    expect(html).not.toContain('Something rude that a moderator hides.')
    expect(html).not.toContain('Buy cheap watches')
    const welsh = await (
      await visitor().request('/g/rev/2/report', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('<li>Sbam: 1</li>')
  })

  it('draws one labelled bar per decision made, with its count, and a text alternative', async () => {
    const html = await (await visitor().request('/g/rev/2/report')).text()
    const { svg, bars, rects } = chartBars(html)
    expect(svg).toMatch(/aria-labelledby="decision-chart-title decision-chart-desc"/)
    // Seven comments, one of them withdrawn by its author: it waits for no decision, so it is no bar.
    expect(svg).toContain('<title id="decision-chart-title">Decisions on 6 comments</title>')
    expect(bars).toEqual([
      ['open', 2],
      ['accepted', 1],
      ['not-accepted', 1],
      ['noted', 1],
      ['duplicate', 1],
    ])
    expect(rects).toBe(5)
    expect(svg).toMatch(
      /<desc id="decision-chart-desc">[^<]*Open \(no decision yet\): 2 comments;[^<]*Accepted: 1 comment;/,
    )
    for (const label of ['Accepted', 'Not accepted', 'Noted (no change needed)', 'Duplicate'])
      expect(svg).toContain(`>${label}</text>`)
  })

  it('hides names from the public report when the guide says so, an erased author’s among them', async () => {
    expect((await editor.send('PATCH', '/api/guides/rev/settings', { namesPublic: false })).status).toBe(200)
    for (const client of [visitor(), editor]) {
      const html = await (await client.request('/g/rev/2/report')).text()
      expect(html).not.toContain('Rita Reviewer')
      expect(html).toContain('A participant')
      // Saying who left would single them out where nobody is named.
      expect(html).not.toContain('a former participant')
    }
    const csv = await (await visitor().request('/g/rev/2/report.csv')).text()
    expect(csv).not.toContain('Rita')
    await editor.send('PATCH', '/api/guides/rev/settings', { namesPublic: true })
  })

  it('gives the same rows as CSV, with a BOM, and formula-like cells neutralised', async () => {
    const response = await visitor().request('/g/rev/2/report.csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="rev-edition-2-report\.csv"$/,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const rows = parse<Record<string, string>>(text, { bom: true, columns: true })
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'guide',
      'edition written on',
      'block key',
      'block number',
      'section',
      'block text',
      'quote',
      'kind',
      'comment id',
      'comment',
      'author',
      'created at',
      'state',
      'decision',
      'response',
      'duplicate of',
      'edition 2 block key',
      'edition 2 block number',
      'change',
      'suggested wording',
      'wording taken into edition',
      'agreements',
      'organisation',
      'campaign',
      'themes',
    ])
    const html = await (await visitor().request('/g/rev/2/report')).text()
    const pageOrder = [...html.matchAll(/<article class="comment report-comment" id="c(\d+)"/g)].map(
      (m) => m[1],
    )
    expect(rows.map((r) => r['comment id'])).toEqual(pageOrder)
    const byId = new Map(rows.map((r) => [r['comment id'], r]))
    expect(byId.get(ids.useful)).toMatchObject({
      guide: 'rev',
      'edition written on': '1',
      'block key': keyOf('Post when'),
      section: 'Posting',
      'block text': 'Post when you have something useful to say and keep it short.',
      kind: 'comment',
      comment: 'Say what *useful* means.',
      author: 'Rita Reviewer',
      state: 'published',
      decision: 'Accepted',
      response: 'We added "kind".',
      'edition 2 block key': keyOf('Post when'),
      change: 'edited',
    })
    expect(byId.get(ids.useful)?.['created at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(byId.get(ids.twoDays)).toMatchObject({ quote: 'within two working days', change: 'unchanged' })
    expect(byId.get(ids.tooSlow)).toMatchObject({
      'duplicate of': ids.twoDays,
      author: 'a former participant',
    })
    expect(byId.get(ids.casework)).toMatchObject({
      comment: `'=HYPERLINK("http://evil.example")`,
      change: 'removed',
      'edition 2 block key': '',
    })
    expect(byId.get(ids.withdrawn)).toMatchObject({ state: 'withdrawn', comment: '' })
    expect(byId.get(ids.general)).toMatchObject({
      section: 'General discussion',
      'block key': '',
      change: '',
    })
    for (const name of ['reply', 'hidden', 'pending']) expect(byId.has(ids[name])).toBe(false)
  })

  it('marks edition 2 against edition 1: edited, removed and new paragraphs, with comment counts', async () => {
    const response = await visitor().request('/g/rev/redline/1/2')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toMatch(/^public/)
    const html = await response.text()
    const edited =
      new RegExp(
        `<section class="redline-entry redline-edited" id="${keyOf('Post when')}">[\\s\\S]*?</section>`,
      ).exec(html)?.[0] ?? ''
    expect(edited).toContain('<ins>and kind </ins>')
    expect(edited).toMatch(/<del>[^<]*<\/del>/)
    // One published top-level comment on its edition 1 paragraph (the hidden and pending ones do not count).
    expect(edited).toContain(
      `href="/g/rev/1/b/${keyOf('Post when')}">1 comment on edition 1, paragraph 1.1</a>`,
    )
    const removed =
      new RegExp(
        `<section class="redline-entry redline-removed" id="removed-${keyOf('Never share')}">[\\s\\S]*?</section>`,
      ).exec(html)?.[0] ?? ''
    expect(removed).toContain('<del>Never share casework details')
    expect(removed).toContain('1 comment on edition 1')
    // Removed text stands where it was: after "Privacy", before the abuse paragraph.
    expect(html.indexOf('Never share casework')).toBeGreaterThan(html.indexOf('<h2>Privacy</h2>'))
    expect(html.indexOf('Never share casework')).toBeLessThan(html.indexOf('Report abusive'))
    expect(html).toMatch(
      /<section class="redline-entry redline-new" id="[^"]+">[\s\S]*?<ins>Thank residents who point out mistakes/,
    )
    expect(html).toContain('Struck-through words')
    // Unchanged paragraphs read as they do in the guide.
    expect(html).toContain(
      '<div class="redline-html" dir="auto"><p>Answer residents within two working days.',
    )
    expect((await visitor().request('/g/rev/redline/2/1')).status).toBe(404)
    expect((await visitor().request('/g/rev/redline/1/1')).status).toBe(404)
    expect((await visitor().request('/g/rev/redline/1/7')).status).toBe(404)
  })

  it('composes the lineage of each edition across a gap (1 → 3), and keeps drafts from the public', async () => {
    expect((await editor.send('POST', '/api/guides/rev/editions', { markdown: THIRD })).status).toBe(201)
    expect((await visitor().request('/g/rev/redline/1/3')).status).toBe(404)
    const draft = await editor.request('/g/rev/redline/2/3')
    expect(draft.status).toBe(200)
    expect(draft.headers.get('cache-control')).toBe('no-store')
    expect(
      (await editor.send('POST', '/api/guides/rev/editions/3/transitions', { to: 'published' })).status,
    ).toBe(200)
    const html = await (await visitor().request('/g/rev/redline/1/3')).text()
    const section = (start: string) =>
      new RegExp(
        `<section class="redline-entry redline-[a-z-]+" id="${keyOf(start)}">[\\s\\S]*?</section>`,
      ).exec(html)?.[0] ?? ''
    expect(section('Post when')).toContain('redline-edited')
    expect(section('Post when')).toContain('<ins>and kind </ins>')
    expect(section('Report abusive')).toContain('redline-edited')
    expect(section('Report abusive')).toContain('<ins>dated </ins>')
    expect(section('Report abusive')).toContain('1 comment on edition 1, paragraph 2.2')
    expect(html).toContain(`id="removed-${keyOf('Never share')}"`)
    expect(html).toMatch(/redline-new" id="[^"]+">[\s\S]*?<ins>Thank residents/)
    // The report of edition 3 follows the comments of edition 1 all the way.
    const report = await (await visitor().request('/g/rev/3/report')).text()
    expect(report).toContain('<ins>dated </ins>')
    expect(report).toContain('href="/g/rev/redline/1/3"')
  })

  it('costs the same handful of queries however many comments there are', async () => {
    const queriesFor = async (path: string) => {
      const counter = new QueryCounter()
      const counted = await testApp({ ...database, db: database.db.withPlugin(counter) })
      expect((await counted.request(path)).status).toBe(200)
      return counter.count
    }
    const before = [await queriesFor('/g/rev/3/report'), await queriesFor('/g/rev/redline/1/3')]
    await sql`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
      select e.guide_id, e.id, b.key, 1, 'comment', 'More', '<p>More</p>', 'published'
      from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id
      cross join generate_series(1, 50) n
      where g.slug = 'rev' and e.number = 1`.execute(database.db)
    const after = [await queriesFor('/g/rev/3/report'), await queriesFor('/g/rev/redline/1/3')]
    expect(after).toEqual(before)
    // A fixed handful, none per comment: campaigns, the hidden comments' counts by reason and the
    // languages of the comments' quotes are one each.
    expect(Math.max(...after)).toBeLessThanOrEqual(11)
  })
})

describeCorpus(`the redline of a real guide, NIST SP 800-63B public draft → final (${databaseKind})`, () => {
  let database: TestDatabase

  beforeAll(async () => {
    const load = (name: string) => readFileSync(join(CORPUS, 'nist-sp800-63b', name), 'utf8')
    // The one person, who writes every comment below.
    ;({ database } = await consultation({
      guides: [{ slug: 'nist', markdown: load('sp800-63b.public-draft.5ccbf47.md'), state: 'open' }],
      admin: { email: 'r@example.org', name: 'Reviewer' },
    }))
    // Bulk SQL for speed: 2,000-odd comments through the API would take minutes.
    // Three comments on every paragraph of the draft, decided in turn.
    await sql`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state, decision)
      select e.guide_id, e.id, b.key, p.id, 'comment', 'A comment', '<p>A comment</p>', 'published',
             (array['open','accepted','noted'])[n]
      from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id
      cross join generate_series(1, 3) n cross join people p
      where g.slug = 'nist'`.execute(database.db)
    await reviseFromCommandLine(database.db, 'nist', load('sp800-63b.final.d061f42.md'))
    await database.db.updateTable('editions').set({ state: 'published' }).where('number', '=', 2).execute()
  }, 120_000)
  afterAll(async () => {
    await database.close()
  })

  const request = async (path: string) => {
    const counter = new QueryCounter()
    const counted = await testApp({ ...database, db: database.db.withPlugin(counter) })
    const response = await counted.request(path)
    const html = await response.text()
    return { status: response.status, html, queries: counter.count }
  }

  it('renders the redline of 700-odd paragraphs in a bounded number of queries, not one per paragraph', async () => {
    const redline = await request('/g/nist/redline/1/2')
    expect(redline.status).toBe(200)
    expect(redline.queries).toBeLessThanOrEqual(8)
    expect(redline.html).toContain('<del>')
    expect(redline.html).toContain('<ins>')
    expect(redline.html).toContain('<details class="redline-fold">')
    expect(redline.html).toMatch(
      /<ul class="redline-comments"><li><a href="\/g\/nist\/1\/b\/[^"]+">3 comments on edition 1/,
    )
  })

  it('reports on some 2,500 comments in the same handful of queries', async () => {
    const report = await request('/g/nist/2/report')
    expect(report.status).toBe(200)
    expect(report.queries).toBeLessThanOrEqual(11)
    expect(report.html).toMatch(/[\d,]+ comments from 1 person/)
    expect(chartBars(report.html).bars.map(([decision]) => decision)).toEqual(['open', 'accepted', 'noted'])
  })
})
