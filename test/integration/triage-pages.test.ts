import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { CORPUS, describeCorpus } from '../support/corpus.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { QueryCounter } from '../support/query-counter.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const FIRST = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

Never share casework details in public, even when the resident has posted them first.

Report abusive messages to the monitoring officer and keep a copy of each.
`

// Edition 2: the first paragraph edited, the casework one removed.
const SECOND = `# Councillors online

Post when you have something useful and kind to say, and keep it short.

Answer residents within two working days. Say when you will reply if you cannot answer at once.

Report abusive messages to the monitoring officer and keep a copy of each.
`

/** A form as a browser posts it: urlencoded, a field repeated for each value of an array. */
const form = (fields: Record<string, string | string[]>): RequestInit => {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }
}

/** The hidden ETag in a comment's decision form on the page. */
const etagOf = (html: string, id: string) =>
  new RegExp(`name="commentId" value="${id}"/><input type="hidden" name="etag" value="([^"]+)"`)
    .exec(html)?.[1]
    ?.replace(/&quot;/g, '"') ?? ''

/** The ids of the comments listed on the page, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<article class="comment triage-comment[^"]*" id="c(\d+)"/g)].map((m) => m[1])

interface Block {
  key: string
  text: string
}

describe(`the triage page (${databaseKind})`, () => {
  let world: Consultation<'reviewer'>
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  let blocks: Block[] = []
  const ids: Record<string, string> = {}
  const keyOf = (start: string) => blocks.find((b) => b.text.startsWith(start))?.key ?? ''
  const triage = '/g/tri/1/triage'

  const page = async (path = triage, client = editor) => {
    const response = await client.request(path)
    expect(response.status).toBe(200)
    return response.text()
  }
  const apiComment = async (id: string) =>
    (await (await editor.request(`/api/comments/${id}`)).json()) as {
      decision: { decision: string; response: string; duplicateOf: string | null }
    }

  beforeAll(async () => {
    world = await consultation({
      guides: [
        { slug: 'tri', markdown: FIRST, openAfterJoining: true },
        { slug: 'other', markdown: '# Another guide\n\nIts text.\n' },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'rita@example.org', name: 'Rita Reviewer' } },
      comments: [
        { name: 'useful', by: 'reviewer', on: 'Post when', body: 'Say what **useful** means.' },
        { name: 'reply', by: 'reviewer', on: 'Post when', body: 'Agreed.', replyTo: 'useful' },
        {
          name: 'twoDays',
          by: 'reviewer',
          on: 'Answer residents',
          kind: 'reflection',
          body: 'Two days is too long.',
          quote: { exact: 'within two working days' },
        },
        {
          name: 'casework',
          by: 'reviewer',
          on: 'Never share',
          kind: 'example',
          body: 'We asked for consent first.',
        },
        { name: 'abuse', by: 'reviewer', on: 'Report abusive', body: 'Name the officer.' },
        { name: 'general', by: 'reviewer', on: null, body: 'A clear guide overall.' },
      ],
    })
    ;({
      database,
      app,
      admin: editor,
      people: { reviewer },
    } = world)
    blocks = world.guide.blocks
    Object.assign(ids, world.ids)
    expect(
      (
        await editor.send('POST', `/api/comments/${ids.abuse ?? ''}/hide`, {
          reasonCode: 'other',
          reason: 'Off topic',
        })
      ).status,
    ).toBe(200)
    const moderation = (to: 'pre' | 'post') =>
      editor.send('PATCH', '/api/guides/tri/settings', { moderation: to })
    expect((await moderation('pre')).status).toBe(200)
    ids.waiting = await world.post(reviewer, 'Report abusive', { body: 'Keep copies for a year.' })
    expect((await moderation('post')).status).toBe(200)
  })
  afterAll(async () => {
    await database.close()
  })

  it('is for the guide’s editors: the public is sent to sign in, a reviewer is refused', async () => {
    const visitor = await new Client(app).request(`${triage}?kind=comment`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toBe('/sign-in?next=/g/tri/1/triage%3Fkind%3Dcomment')
    expect((await reviewer.request(triage)).status).toBe(403)
    const refused = await reviewer.request(
      `${triage}/decide`,
      form({ commentId: ids.useful ?? '', decision: 'accepted', response: 'Mine now.' }),
    )
    expect(refused.status).toBe(403)
    expect(
      (
        await new Client(app).request(
          `${triage}/decide-many`,
          form({ commentIds: [ids.useful ?? ''], decision: 'noted', response: '' }),
        )
      ).status,
    ).toBe(401)
    expect((await apiComment(ids.useful ?? '')).decision.decision).toBe('open')
    const response = await editor.request(triage)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    // An editor of this guide (not an admin) may triage it; an editor of another guide may not.
    const join = (guide: string, email: string) => world.join({ email, name: email, role: 'editor', guide })
    expect((await (await join('tri', 'eve@example.org')).request(triage)).status).toBe(200)
    const outsider = await join('other', 'otto@example.org')
    expect((await outsider.request(triage)).status).toBe(403)
    expect((await outsider.request('/g/other/1/triage')).status).toBe(200)
    expect((await editor.request('/g/nowhere/1/triage')).status).toBe(404)
    expect((await editor.request('/g/tri/9/triage')).status).toBe(404)
  })

  it('lists every top-level comment by block in reading order, the general discussion first', async () => {
    const html = await page()
    expect(listed(html)).toEqual([ids.general, ids.useful, ids.twoDays, ids.casework, ids.abuse, ids.waiting])
    expect(html).toContain('id="general"')
    expect(html).toContain(`id="b-${keyOf('Post when')}"`)
    expect(html).toContain(`href="/g/tri/1#${keyOf('Post when')}"`)
    expect(html).toContain(`href="/g/tri/1/b/${keyOf('Post when')}"`)
    expect(html).toContain('Post when you have something useful to say and keep it short.')
    expect(html).toContain('<strong>Rita Reviewer</strong>')
    expect(html).toContain('<p>Say what <strong>useful</strong> means.</p>')
    expect(html).toContain('<blockquote class="comment-quote" lang="en">within two working days</blockquote>')
    expect(html).toContain('<span class="kind kind-reflection">Reflection</span>')
    expect(html).toContain('1 reply, in its thread')
    expect(html).not.toContain('Agreed.')
    // Pending and hidden comments say so, and lead to where a moderator acts on them.
    expect(html).toContain('<span class="badge badge-hidden">Hidden</span>')
    expect(html).toContain('Off topic')
    expect(html).toContain('<span class="badge badge-pending">Waiting for a moderator</span>')
    expect(html).toContain(
      `href="/g/tri/1/b/${keyOf('Report abusive')}#c${ids.waiting ?? ''}">Approve or hide it there`,
    )
    expect(html).toContain('Showing 6 comments, in 5 places.')
  })

  it('filters by kind, decision, state and unresolved, with counts, keeping the filters in its forms', async () => {
    const reflections = await page(`${triage}?kind=reflection`)
    expect(listed(reflections)).toEqual([ids.twoDays])
    expect(reflections).toContain('Showing 1 comment of 6, in 1 place.')
    expect(reflections).toContain('<option value="reflection" selected="">Reflection (1)</option>')
    expect(reflections).toContain(`action="${triage}/decide?kind=reflection"`)
    expect(reflections).toContain(`action="${triage}/decide-many?kind=reflection"`)
    expect(listed(await page(`${triage}?state=hidden`))).toEqual([ids.abuse])
    expect(listed(await page(`${triage}?state=pending&kind=comment`))).toEqual([ids.waiting])
    expect(listed(await page(`${triage}?decision=accepted`))).toEqual([])
    expect(await page(`${triage}?decision=accepted`)).toContain(
      'No comments match these filters (of 6 comments in all).',
    )
    expect(listed(await page(`${triage}?unresolved=1&kind=example`))).toEqual([ids.casework])
    // Blank fields, as the plain form sends them, are "any".
    expect(listed(await page(`${triage}?kind=&decision=&state=`))).toHaveLength(6)
  })

  it('answers filters it does not know with a 422 page, never a 500', async () => {
    for (const query of [
      'kind=rant',
      'decision=maybe',
      'state=deleted',
      'unresolved=yes',
      'page=0',
      'page=x',
    ]) {
      const response = await editor.request(`${triage}?${query}`)
      expect(response.status, query).toBe(422)
      const html = await response.text()
      expect(html).toContain('Those filters do not work')
      expect(html).toContain(`href="${triage}"`)
    }
  })

  it('records a decision from the form, back at the comment with the filters kept', async () => {
    const before = await page(`${triage}?kind=comment`)
    const response = await editor.request(
      `${triage}/decide?kind=comment`,
      form({
        commentId: ids.useful ?? '',
        etag: etagOf(before, ids.useful ?? ''),
        decision: 'accepted',
        response: 'We now say who it is useful to.',
        duplicateOf: '',
      }),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `${triage}?kind=comment&done=decided&saved=${ids.useful ?? ''}#c${ids.useful ?? ''}`,
    )
    const stored = await apiComment(ids.useful ?? '')
    expect(stored.decision).toMatchObject({
      decision: 'accepted',
      response: 'We now say who it is useful to.',
    })
    const after = await page(response.headers.get('location') ?? '')
    expect(after).toContain('The decision is saved.')
    // Said once, at the comment the page opens on, so a screen reader announces it once.
    expect(after.match(/role="status"/g) ?? []).toHaveLength(1)
    expect(after.match(/The decision is saved\./g) ?? []).toHaveLength(1)
    expect(after).toContain('Decision history (1)')
    expect(after).toContain('<option value="accepted" selected="">Accepted</option>')
    expect(listed(await page(`${triage}?decision=accepted`))).toEqual([ids.useful])
    expect(listed(await page(`${triage}?unresolved=1`))).not.toContain(ids.useful)
  })

  it('refuses a stale form with a 412 that shows the comment as it now is, changing nothing', async () => {
    const stale = etagOf(await page(), ids.twoDays ?? '')
    const first = await editor.request(
      `${triage}/decide`,
      form({
        commentId: ids.twoDays ?? '',
        etag: stale,
        decision: 'noted',
        response: 'Noted by one editor.',
      }),
    )
    expect(first.status).toBe(303)
    const second = await editor.request(
      `${triage}/decide`,
      form({
        commentId: ids.twoDays ?? '',
        etag: stale,
        decision: 'not-accepted',
        response: 'Rejected by another.',
      }),
    )
    expect(second.status).toBe(412)
    const html = await second.text()
    expect(html).toContain('Someone changed this comment since you loaded the page')
    expect(html).toContain('Rejected by another.')
    expect(html).toContain('<span class="decision-response">: Noted by one editor.</span>')
    expect(etagOf(html, ids.twoDays ?? '')).not.toBe(stale)
    expect((await apiComment(ids.twoDays ?? '')).decision).toMatchObject({
      decision: 'noted',
      response: 'Noted by one editor.',
    })
  })

  it('gives back a form to correct with what was typed (422)', async () => {
    const response = await editor.request(
      `${triage}/decide`,
      form({
        commentId: ids.casework ?? '',
        decision: 'duplicate',
        response: 'Said before.',
        duplicateOf: '',
      }),
    )
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('There is a problem')
    expect(html).toContain(`href="#d${ids.casework ?? ''}-duplicateOf"`)
    expect(html).toContain('Said before.</textarea>')
    const duplicate = await editor.request(
      `${triage}/decide`,
      form({
        commentId: ids.casework ?? '',
        decision: 'duplicate',
        response: 'Said before.',
        duplicateOf: ids.useful ?? '',
      }),
    )
    expect(duplicate.status).toBe(303)
    expect((await apiComment(ids.casework ?? '')).decision).toMatchObject({
      decision: 'duplicate',
      duplicateOf: ids.useful,
    })
  })

  it('applies one decision to every comment ticked, and asks for a tick first', async () => {
    const none = await editor.request(
      `${triage}/decide-many`,
      form({ decision: 'noted', response: 'Thanks.' }),
    )
    expect(none.status).toBe(422)
    const html = await none.text()
    expect(html).toContain('Select at least one comment first.')
    expect(html).toContain('Thanks.</textarea>')
    const picked = [ids.general ?? '', ids.abuse ?? '']
    const response = await editor.request(
      `${triage}/decide-many?state=published`,
      form({
        commentIds: picked,
        decision: 'out-of-scope',
        response: 'Outside this guide.',
        duplicateOf: '',
      }),
    )
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `${triage}?state=published&done=decided-many&count=2&saved=${ids.general ?? ''}#c${ids.general ?? ''}`,
    )
    for (const id of picked)
      expect((await apiComment(id)).decision).toMatchObject({
        decision: 'out-of-scope',
        response: 'Outside this guide.',
      })
    const decided = await page(response.headers.get('location') ?? '')
    expect(decided.match(/The decision is saved on 2 comments\./g) ?? []).toHaveLength(1)
    expect(decided.match(/role="status"/g) ?? []).toHaveLength(1)
    const replyRefused = await editor.request(
      `${triage}/decide-many`,
      form({ commentIds: [ids.reply ?? ''], decision: 'noted', response: '' }),
    )
    expect(replyRefused.status).toBe(422)
  })

  it('draws a heat strip with one bar per block, each bar with comments a link to its section', async () => {
    const html = await page()
    const bars = html.match(/<rect class="heat-(bar|none)"/g) ?? []
    expect(bars).toHaveLength(blocks.length)
    const links = [...html.matchAll(/<a href="#(b-[a-z0-9]{8})"><title>([^<]+)<\/title>/g)]
    expect(links.map((m) => m[1])).toEqual(
      ['Post when', 'Answer residents', 'Never share', 'Report abusive'].map((s) => `b-${keyOf(s)}`),
    )
    for (const [, anchor] of links)
      expect(html).toContain(`<section class="triage-section" id="${anchor ?? ''}"`)
    expect(links[3]?.[2]).toMatch(/: 2 comments$/)
    expect(html).toMatch(/Most feedback: <a href="#b-[a-z0-9]{8}">[^<]+ \(2\)<\/a>/)
    expect(html).toMatch(
      /<svg class="heat-bars" viewBox="0 0 5 40"[^>]* aria-label="Comments per paragraph: 4 of 5 paragraphs have comments"/,
    )
    expect(html).not.toMatch(/<svg[^>]*role="img"/)
  })

  it('shows open comments carried into the next edition, marked with the edition they were written on', async () => {
    expect(
      (await editor.send('POST', '/api/guides/tri/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    // Left open on edition 1, so it travels: the comment on the answer paragraph is reopened.
    await editor.send('PUT', `/api/comments/${ids.twoDays ?? ''}/decision`, {
      decision: 'open',
      response: '',
    })
    const created = await editor.send('POST', '/api/guides/tri/editions', { markdown: SECOND })
    expect(created.status).toBe(201)
    const html = await page('/g/tri/2/triage')
    // Decided before edition 2 was made, the accepted and out-of-scope ones stay behind; the removed
    // paragraph's comment is listed under its own heading.
    expect(listed(html)).toEqual([ids.twoDays, ids.waiting, ids.casework])
    expect(html).toContain(`id="b-${keyOf('Answer residents')}"`)
    expect(html).toContain('<span class="badge badge-carried">written on edition 1</span>')
    expect(html).toContain('<h2 id="removed-title">Comments on removed text</h2>')
    expect(html).toContain(`href="/g/tri/1/b/${keyOf('Answer residents')}#c${ids.twoDays ?? ''}"`)
    // A decision taken on edition 2 keeps the comment on edition 2's page.
    const response = await editor.request(
      '/g/tri/2/triage/decide',
      form({
        commentId: ids.twoDays ?? '',
        etag: etagOf(html, ids.twoDays ?? ''),
        decision: 'partly-accepted',
        response: 'Holding replies added.',
      }),
    )
    expect(response.status).toBe(303)
    expect(listed(await page('/g/tri/2/triage'))).toContain(ids.twoDays)
  })
})

describeCorpus(`the triage page of the 760-block NIST guide with 5,000 comments (${databaseKind})`, () => {
  let database: TestDatabase
  let editor: Client
  let blockCount = 0

  beforeAll(async () => {
    const source = await readFile(join(CORPUS, 'nist-sp800-63b/sp800-63b-4.ipd.9464bb6.md'), 'utf8')
    const world = await consultation({
      guides: [{ slug: 'nist', markdown: source, state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed' },
    })
    ;({ database, admin: editor } = world)
    blockCount = world.guide.blocks.length
    // Bulk SQL for speed, as 5,000 comments through the API would take the test's whole minute; Ed is person 1.
    // Spread over the blocks unevenly (every block some, the early ones more), with a reply on every tenth.
    await sql`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
      select e.guide_id, e.id, b.key, 1, (array['comment', 'reflection', 'example'])[1 + n % 3],
        'Comment ' || n, '<p>Comment ' || n || '</p>', 'published'
      from editions e join guides g on g.id = e.guide_id
      cross join generate_series(0, 4999) n
      join blocks b on b.edition_id = e.id and b.ordinal = (n * n) % ${blockCount}
      where g.slug = 'nist'`.execute(database.db)
    await sql`
      insert into comments (guide_id, edition_id, block_key, parent_id, author_id, kind, body, html, state)
      select guide_id, edition_id, block_key, id, 1, 'comment', 'A reply', '<p>A reply</p>', 'published'
      from comments where id % 10 = 0`.execute(database.db)
  })
  afterAll(async () => {
    await database.close()
  })

  // How fast is test/bench's business (a ratio against a reference in the same run); here, what grows.
  it('renders 5,000 comments on 700-odd blocks in a bounded number of queries', async () => {
    expect(blockCount).toBeGreaterThan(700)
    const counter = new QueryCounter()
    const counted = new Client(await testApp({ ...database, db: database.db.withPlugin(counter) }))
    counted.cookie = editor.cookie
    await counted.request('/g/nist/1/triage') // warm: the first render compiles what it needs
    counter.count = 0
    const response = await counted.request('/g/nist/1/triage')
    const html = await response.text()
    expect(response.status).toBe(200)
    // Twelve, two for campaigns (the edition's campaigns, and the members listed under them), and five
    // for themes (the guide's themes, their counts by block, the words suggestions come from, the
    // comments already themed, and the themes of the comments on the page).
    expect(counter.count).toBeLessThanOrEqual(19)
    expect(html).toContain('Showing 5,000 comments')
    expect((html.match(/<rect class="heat-(bar|none)"/g) ?? []).length).toBe(blockCount)
    expect(html).toContain('page 1 of 25')

    counter.count = 0
    const filtered = await counted.request('/g/nist/1/triage?kind=example&page=3')
    expect(filtered.status).toBe(200)
    expect(counter.count).toBeLessThanOrEqual(19)
  })
})
