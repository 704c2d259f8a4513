import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'
import { commentHtml } from '../../src/comments/comment-markdown.ts'
import { ON_THREAD_WORK } from '../../src/comments/comment-render.ts'
import { markdownCost } from '../../src/platform/markdown/markdown-cost.ts'
import { commentMarkdown } from '../../src/platform/markdown/limits.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

interface CommentJson {
  id: string
  body: string
  html: string
  kind: string
  state: string
  quote: { exact: string } | null
}

const SOURCE = '# Rules\n\nPost when you have something useful to say.\n\nNever share casework.\n'

/** A form as a browser posts it. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/**
 * Issue #14, items 4, 5, 14, 15 and 16: every way a comment's words change goes through the checks,
 * limits and moderation posting goes through, for people who may still take part.
 */
describe(`changing comments, as an attacker would try it (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let join: Consultation<'reviewer' | 'pat'>['join']
  let editor: Client
  let reviewer: Client
  /** A reviewer of the pre-moderated guide. */
  let pat: Client
  const visitor = () => new Client(app)
  const keys: Record<string, string> = {}
  const thread = (slug: string) => `/api/guides/${slug}/editions/1/blocks/${keys[slug] ?? ''}/comments`
  const general = (slug: string) => `/api/guides/${slug}/editions/1/comments`

  const post = async (client: Client, path: string, body: Record<string, unknown>) => {
    const response = await client.send('POST', path, { kind: 'comment', ...body })
    expect(response.status, await response.clone().text()).toBe(201)
    return (await response.json()) as CommentJson
  }
  const stored = (id: string) =>
    database.db
      .selectFrom('comments')
      .select(['body', 'html', 'quote', 'state', 'kind', 'version'])
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow()
  const publicIds = async (path: string) =>
    ((await (await visitor().request(path)).json()) as { items: CommentJson[] }).items.map((c) => c.id)

  beforeAll(async () => {
    const world = await consultation({
      config: { rateLimits: { postPerPerson: 1000, postPerAddress: 10_000 } },
      guides: [
        { slug: 'open', markdown: SOURCE, state: 'open' },
        { slug: 'pre', markdown: SOURCE, state: 'open', moderation: 'pre' },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        reviewer: { email: 'rita@example.org', name: 'Rita' },
        pat: { email: 'pat@example.org', name: 'Pat', guide: 'pre' },
      },
    })
    ;({ database, app, admin: editor, join } = world)
    ;({ reviewer, pat } = world.people)
    for (const slug of ['open', 'pre']) keys[slug] = world.guides[slug]?.key(1) ?? ''
  })
  afterAll(async () => {
    await database.close()
  })

  describe('item 4: an approved comment edited on a pre-moderated guide waits for a moderator again', () => {
    let id = ''
    const approve = async () => {
      const restored = await editor.send('POST', `/api/comments/${id}/restore`)
      expect(((await restored.json()) as CommentJson).state).toBe('published')
    }

    beforeAll(async () => {
      const comment = await post(pat, thread('pre'), { body: 'Approved words.' })
      expect(comment.state).toBe('pending')
      id = comment.id
      await approve()
      expect(await publicIds(thread('pre'))).toContain(id)
    })

    it('by the API: the new words are held, not shown or counted, and open pages are told', async () => {
      const stream = new SseReader(await editor.request('/api/guides/pre/editions/1/events'))
      const publicStream = new SseReader(await visitor().request('/api/guides/pre/editions/1/events'))
      const counted = async () =>
        (
          (await (await visitor().request('/api/guides/pre/editions/1/counts')).json()) as {
            counts: Record<string, number>
          }
        ).counts[keys.pre ?? ''] ?? 0
      expect(await counted()).toBe(1)

      const edited = await pat.send('PATCH', `/api/comments/${id}`, { body: 'Words nobody approved.' })
      expect(edited.status).toBe(200)
      expect(((await edited.json()) as CommentJson).state).toBe('pending')
      expect(await publicIds(thread('pre'))).not.toContain(id)
      expect(await counted()).toBe(0)
      const queue = (await (await editor.request('/api/guides/pre/moderation')).json()) as {
        pending: CommentJson[]
      }
      expect(queue.pending.map((c) => [c.id, c.body])).toEqual([[id, 'Words nobody approved.']])
      const [event] = await stream.waitFor(1)
      expect(event?.event).toBe('comment.updated')
      expect(JSON.parse(event?.data ?? '{}')).toMatchObject({ id, state: 'pending' })
      await stream.close()
      // The public's open pages are told only that it is gone from their sight, not its new words.
      const [gone] = await publicStream.waitFor(1)
      expect(gone?.event).toBe('comment.updated')
      // With where it was and its paragraph's published count, which no longer holds it, for the margin.
      expect(JSON.parse(gone?.data ?? '{}')).toEqual({
        id,
        state: 'pending',
        blockKey: keys.pre,
        blockCount: 0,
      })
      await publicStream.close()
      await approve()
    })

    it('by the no-JavaScript edit form, the same', async () => {
      const response = await pat.request(
        `/g/pre/1/b/${keys.pre ?? ''}/comments/${id}/edit`,
        form({ kind: 'comment', body: 'Edited without JavaScript.' }),
      )
      expect(response.status).toBe(303)
      expect(response.headers.get('location')).toContain('done=pending')
      expect(await stored(id)).toMatchObject({ body: 'Edited without JavaScript.', state: 'pending' })
      expect(await publicIds(thread('pre'))).not.toContain(id)
      const page = await (await visitor().request(`/g/pre/1/b/${keys.pre ?? ''}`)).text()
      expect(page).not.toContain('Edited without JavaScript.')
      await approve()
    })

    it("leaves a moderator's own edits, and edits on a post-moderated guide, published", async () => {
      const own = await post(editor, thread('pre'), { body: 'From the editor.' })
      const edited = await editor.send('PATCH', `/api/comments/${own.id}`, { body: 'Still from the editor.' })
      expect(((await edited.json()) as CommentJson).state).toBe('published')
      const open = await post(reviewer, thread('open'), { body: 'Open guide.' })
      const openEdit = await reviewer.send('PATCH', `/api/comments/${open.id}`, {
        body: 'Edited, open guide.',
      })
      expect(((await openEdit.json()) as CommentJson).state).toBe('published')
    })
  })

  describe('item 14: editing applies exactly the checks posting does', () => {
    const NUL = '\u0000'
    const LONE = '\ud800'
    /** Changes to words, each tried as a new comment and as an edit of a fine one, on each kind of thread. */
    const CHANGES: [string, 'refused' | 'taken', 'block' | 'general', Record<string, unknown>][] = [
      ['a made-up quote', 'refused', 'block', { quote: { exact: 'words the paragraph never had' } }],
      ['any quote in the general discussion', 'refused', 'general', { quote: { exact: 'something useful' } }],
      [
        'NUL in a quote prefix',
        'refused',
        'block',
        { quote: { exact: 'something useful', prefix: `have ${NUL}` } },
      ],
      ['NUL in a quote suffix', 'refused', 'block', { quote: { exact: 'something useful', suffix: NUL } }],
      ['NUL in a quote', 'refused', 'block', { quote: { exact: `something${NUL}` } }],
      [
        'a lone surrogate in a quote suffix',
        'refused',
        'block',
        { quote: { exact: 'something useful', suffix: LONE } },
      ],
      ['NUL in a body', 'refused', 'general', { body: `Fine ${NUL} words` }],
      ['a lone surrogate in a body', 'refused', 'general', { body: `Fine ${LONE} words` }],
      ['a body past 10,000 characters', 'refused', 'general', { body: 'x'.repeat(10_001) }],
      ['a body nested too deep', 'refused', 'general', { body: `${'> '.repeat(50)}deep` }],
      ['a body too slow to read', 'refused', 'general', { body: 'a* '.repeat(3000) }],
      ['a quote the paragraph has', 'taken', 'block', { quote: { exact: 'something useful' } }],
      ['a new body over two lines', 'taken', 'general', { body: 'Better\r\nwords.' }],
    ]

    it.each(CHANGES)('%s: the post and the edit are both %s', async (_name, outcome, where, change) => {
      const path = where === 'block' ? thread('open') : general('open')
      const posted = await reviewer.send('POST', path, { kind: 'comment', body: 'Posted words.', ...change })
      const fine = await post(reviewer, path, { body: 'Fine words.' })
      const before = await stored(fine.id)
      const edited = await reviewer.send('PATCH', `/api/comments/${fine.id}`, change)
      expect([posted.status, edited.status]).toEqual(outcome === 'taken' ? [201, 200] : [422, 422])
      if (outcome === 'refused') {
        expect(edited.headers.get('content-type')).toContain('application/problem+json')
        expect(await stored(fine.id)).toEqual(before)
      }
    })

    it('refuses a made-up quote on a general comment, which then keeps none', async () => {
      const comment = await post(reviewer, general('open'), { body: 'On the whole guide.' })
      const edited = await reviewer.send('PATCH', `/api/comments/${comment.id}`, {
        quote: { exact: 'I never said this' },
      })
      expect(edited.status).toBe(422)
      expect(((await edited.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe('/quote')
      expect((await stored(comment.id)).quote).toBeNull()
    })
  })

  describe('item 15: someone whose role was removed changes nothing', () => {
    let rob: Client
    let id = ''
    let replyTo = ''
    beforeAll(async () => {
      rob = await join({ email: 'rob@example.org', name: 'Rob', guide: 'open' })
      id = (await post(rob, thread('open'), { body: 'Written while invited.' })).id
      replyTo = (await post(reviewer, thread('open'), { body: 'Reply to me.' })).id
      const { id: robId } = await database.db
        .selectFrom('people')
        .select('id')
        .where('email', '=', 'rob@example.org')
        .executeTakeFirstOrThrow()
      const removed = await editor.send('PUT', `/api/guides/open/roles/${String(robId)}`, { role: null })
      expect(removed.status).toBe(204)
    })

    it('by the API: no edit, withdrawal or reply', async () => {
      const before = await stored(id)
      expect(
        (await rob.send('PATCH', `/api/comments/${id}`, { body: 'Changed after removal.' })).status,
      ).toBe(403)
      expect((await rob.send('POST', `/api/comments/${id}/withdraw`)).status).toBe(403)
      expect(
        (await rob.send('POST', thread('open'), { kind: 'comment', body: 'A reply', parentId: replyTo }))
          .status,
      ).toBe(403)
      expect(await stored(id)).toEqual(before)
    })

    it('by the no-JavaScript forms: no edit or withdrawal', async () => {
      const before = await stored(id)
      const at = `/g/open/1/b/${keys.open ?? ''}/comments/${id}`
      expect(
        (await rob.request(`${at}/edit`, form({ kind: 'comment', body: 'Changed by form.' }))).status,
      ).toBe(403)
      expect((await rob.request(`${at}/withdraw`, form({}))).status).toBe(403)
      expect(await stored(id)).toEqual(before)
    })
  })

  describe('item 16: hostile words and addresses are refused with a 4xx, with nothing done', () => {
    /** Everything a comment write could change, in one snapshot. */
    const writes = async () =>
      JSON.stringify(
        (
          await sql`select (select count(*) from comments) as comments,
            (select sum(version) from comments) as versions,
            (select count(*) from comment_revisions) as revisions,
            (select count(*) from flags) as flags,
            (select count(*) from events) as events,
            (select count(*) from decisions) as decisions`.execute(database.db)
        ).rows,
      )

    it('refuses CR/LF in a comment action page address before acting', async () => {
      const comment = await post(reviewer, general('open'), { body: 'Not to be withdrawn.' })
      const before = await writes()
      for (const at of [
        `/g/open%0D%0A/1/discussion/comments/${comment.id}/withdraw`,
        `/g/open%0D%0ASet-Cookie:%20x=1/1/discussion/comments/${comment.id}/withdraw`,
        `/g/pre/1/discussion/comments/${comment.id}/withdraw`,
      ]) {
        const response = await reviewer.request(at, form({}))
        expect(response.status, at).toBeGreaterThanOrEqual(400)
        expect(response.status, at).toBeLessThan(500)
      }
      expect(await writes()).toBe(before)
      expect((await stored(comment.id)).state).toBe('published')
    })

    const HOSTILE = ['\u0000', '\ud800', 'a\udc00b', '\r\n', '\r\nLocation: /x', 'y'.repeat(20_000)]
    const QUOTED = 'something useful'

    it('fuzzes every string field and path parameter of every comment route: never a 500', async () => {
      const mine = await post(editor, thread('open'), { body: 'The editor wrote this.' })
      const mineGeneral = await post(editor, general('open'), { body: 'And this.' })
      let snapshot = await writes()
      const routes = app.routes.filter(
        (r) => /comment/.test(r.path) && ['POST', 'PUT', 'PATCH'].includes(r.method),
      )
      expect(routes.length).toBeGreaterThanOrEqual(15)
      const valid = (path: string, param: string) =>
        ({
          slug: 'open',
          n: '1',
          key: keys.open ?? '',
          id: path.includes('/discussion') ? mineGeneral.id : mine.id,
        })[param] ?? '1'
      /** The string fields each kind of route reads, each to be filled with every hostile value. */
      const fieldsOf =
        (path: string) =>
        (h: string): Record<string, unknown>[] => {
          if (/\/comments$/.test(path))
            return [
              { kind: 'comment', body: h },
              { kind: h, body: 'Fine.' },
              { kind: 'comment', body: 'Fine.', quote: { exact: h } },
              { kind: 'comment', body: 'Fine.', quote: { exact: QUOTED, prefix: h } },
              { kind: 'comment', body: 'Fine.', quote: { exact: QUOTED, suffix: h } },
              { kind: 'comment', body: 'Fine.', parentId: h },
            ]
          if (/\/comments\/:id(\/edit)?$/.test(path))
            return [
              { kind: h, body: 'Fine.' },
              { body: h },
              { quote: { exact: h } },
              { quote: { exact: QUOTED, prefix: h } },
            ]
          if (/\/(flags?|hide)$/.test(path)) return [{ reason: h }]
          if (/\/decision$/.test(path)) return [{ decision: 'noted', response: h }]
          return [{ reason: h }]
        }
      const ADDRESS_VALUES = ['%00', '%0D%0A', encodeURIComponent('y'.repeat(5000)), '%ED%A0%80', '%FF', '0']
      for (const route of routes) {
        const isPage = route.path.startsWith('/g/')
        const params = route.path.match(/:[a-zA-Z]+/g) ?? []
        const addresses = [
          route.path.replace(/:([a-zA-Z]+)/g, (_m, p: string) => valid(route.path, p)),
          ...params.flatMap((hostileParam) =>
            ADDRESS_VALUES.map((value) =>
              route.path.replace(/:([a-zA-Z]+)/g, (m, p: string) =>
                m === hostileParam ? value : valid(route.path, p),
              ),
            ),
          ),
        ]
        const bodies = HOSTILE.flatMap(fieldsOf(route.path))
        for (const [i, address] of addresses.entries()) {
          for (const body of i === 0 ? bodies : bodies.slice(0, 1)) {
            const init: RequestInit = isPage
              ? form(
                  Object.fromEntries(
                    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
                  ),
                )
              : {
                  method: route.method,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify(body),
                }
            const response = await editor.request(address, init)
            const what = `${route.method} ${address.slice(0, 120)} ${JSON.stringify(body).slice(0, 80)}`
            expect(response.status, what).toBeLessThan(500)
            if (response.status >= 400) expect(await writes(), what).toBe(snapshot)
            else snapshot = await writes()
          }
        }
      }
    }, 300_000)
  })

  describe('item 5: edits are limited like posts', () => {
    it('answers 429 past the limit, by the API and by form, and keeps the words', async () => {
      const limited = await testApp(database, {
        rateLimits: { postPerPerson: 3, postPerAddress: 10_000, postWindowSeconds: 600 },
      })
      const ana = new Client(limited)
      ana.cookie = (await join({ email: 'ana@example.org', name: 'Ana', guide: 'open' })).cookie
      const first = await ana.send('POST', thread('open'), { kind: 'comment', body: 'Take one.' })
      const { id } = (await first.json()) as CommentJson
      for (const n of [2, 3, 4])
        expect((await ana.send('PATCH', `/api/comments/${id}`, { body: `Take ${String(n)}.` })).status).toBe(
          200,
        )
      const refused = await ana.send('PATCH', `/api/comments/${id}`, { body: 'Take five.' })
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      const byForm = await ana.request(
        `/g/open/1/b/${keys.open ?? ''}/comments/${id}/edit`,
        form({ kind: 'comment', body: 'Take six.' }),
      )
      expect(byForm.status).toBe(429)
      expect((await stored(id)).body).toBe('Take 4.')
    })
  })

  describe('the class: rendering a comment never holds up the server for long, posted or edited', () => {
    const rep = (unit: string, length = 10_000) =>
      unit.repeat(Math.ceil(length / unit.length)).slice(0, length)
    /** The costliest bodies found for each construct, at the longest a comment may be. */
    const PATHOLOGICAL: [string, string][] = [
      ['brackets (the report: 10 concurrent held /healthz at 0.56 s)', rep('[')],
      ['shortcut references', rep('[a]')],
      ['links', rep('[a](b)')],
      ['images', rep('![a](b)')],
      ['setext headings', rep('a\n=\n')],
      ['list items', rep('- a\n')],
      ['empty list items', rep('*\n')],
      ['task items', rep('- [ ] a\n')],
      ['footnote definitions', rep('[^a]: b\n')],
      ['reference definitions', rep('[a]: b\n')],
      ['table rows', `|a|\n|-|\n${rep('|a\n', 9990)}`],
      ['lines', rep('a\n')],
      ['hard breaks', rep('a  \n')],
      ['strong emphasis', rep('**a**')],
      ['closing stars', rep('a* ')],
    ]
    /** Long comments within the bound: mostly what people write, with as much markup as prose carries. */
    const ORDINARY: [string, string][] = [
      [
        'a hundred paragraphs, each with a link and emphasis',
        rep(
          'The council should publish its minutes within a week, *and* say [why](https://example.org) when not.\n\n',
        ),
      ],
      [
        'a list of a hundred suggestions with links',
        rep(
          '- Publish the minutes of [the meeting](https://example.org/m) within *seven* days, or say why.\n',
        ),
      ],
      // Costly (each `@` looks back for an address) but within the bound: taken, and rendered off the thread.
      ['a thousand e-mail addresses', rep('a@b.', 9500)],
      [
        'a quoted passage with a reply',
        `${rep('> A long quoted line from the guide, as written.\n', 5000)}\n${rep('Reply. ', 4900)}`,
      ],
    ]

    it.each(PATHOLOGICAL)(
      'refuses %s with a 422 naming the body, posted or edited, before parsing',
      async (_n, body) => {
        expect(commentMarkdown(body).problem).toBeDefined()
        const posted = await reviewer.send('POST', general('open'), { kind: 'comment', body })
        expect(posted.status).toBe(422)
        const problem = (await posted.json()) as { errors: { pointer: string }[] }
        expect(problem.errors[0]?.pointer).toBe('/body')
        const fine = await post(reviewer, general('open'), { body: 'Fine words.' })
        expect((await reviewer.send('PATCH', `/api/comments/${fine.id}`, { body })).status).toBe(422)
        expect((await stored(fine.id)).body).toBe('Fine words.')
      },
    )

    it.each(ORDINARY)('takes %s, rendered off the request thread as it would be on it', async (_n, body) => {
      expect(body.length).toBeGreaterThan(9000)
      // Refused by nothing, and its work the same as the cost estimate's alone.
      expect(commentMarkdown(body)).toEqual({ work: markdownCost(body).work })
      // Costly enough to be handed to the worker thread: none is rendered on the request thread.
      expect(markdownCost(body).work).toBeGreaterThan(ON_THREAD_WORK)
      const comment = await post(reviewer, general('open'), { body })
      expect(comment.html).toBe(commentHtml(body.trim()))
      const edited = await reviewer.send('PATCH', `/api/comments/${comment.id}`, {
        body: `${body.slice(0, 9000)} Edited.`,
      })
      expect(edited.status).toBe(200)
      expect(((await edited.json()) as CommentJson).html).toBe(commentHtml(`${body.slice(0, 9000)} Edited.`))
    })

    it('renders a short comment on the request thread, where it costs less than handing it over', () => {
      expect(
        markdownCost('A short comment with *emphasis* and a [link](https://example.org).').work,
      ).toBeLessThan(ON_THREAD_WORK)
    })

    it('never renders a stored comment again to read it', async () => {
      const comment = await post(reviewer, general('open'), { body: 'Rendered *once*.' })
      await database.db
        .updateTable('comments')
        .set({ html: '<p>as stored</p>' })
        .where('id', '=', Number(comment.id))
        .execute()
      const read = (await (await visitor().request(`/api/comments/${comment.id}`)).json()) as CommentJson
      expect(read.html).toBe('<p>as stored</p>')
    })
  })
})
