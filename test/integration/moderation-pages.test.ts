import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { QueryCounter } from '../support/query-counter.ts'
import { consultation } from '../support/consultation.ts'

const SOURCE = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days.
`

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

const RUDE = 'Whoever wrote this is an idiot.'
const RUDE_FLAG = 'A personal attack on the authors'
const SECOND_FLAG = 'Insults the council staff'
const FINE = 'Two days is too long for a small parish.'
const FINE_FLAG = 'I just disagree with this'

/** The ids of the comments listed under one heading of the queue (`flagged`, `pending`, `hidden`). */
const listedIn = (html: string, list: string) => {
  const start = html.indexOf(`id="${list}-title"`)
  if (start < 0) return []
  const end = html.indexOf('</section>', start)
  return [...html.slice(start, end).matchAll(/<article class="comment queue-comment[^"]*" id="c(\d+)"/g)].map(
    (m) => m[1],
  )
}

describe(`the moderation queue and flags on editors' pages (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Client
  let eve: Client
  let otto: Client
  let rita: Client
  let sam: Client
  let bea: Client
  const ids = { rude: '', fine: '', gone: '', elsewhere: '', waiting: '' }
  let key = ''
  const queue = '/g/mod/moderation'

  const comment = async (client: Client, body: string, slug = 'mod', blockKey = key) => {
    const response = await client.send('POST', `/api/guides/${slug}/editions/1/blocks/${blockKey}/comments`, {
      kind: 'comment',
      body,
    })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const flag = async (client: Client, id: string, reason: string) =>
    expect((await client.send('POST', `/api/comments/${id}/flags`, { reason })).status).toBeLessThan(300)
  const stateOf = async (id: string) =>
    (
      await database.db
        .selectFrom('comments')
        .select(['state', 'hiddenReason'])
        .where('id', '=', Number(id))
        .executeTakeFirstOrThrow()
    ).state
  const openFlags = async (id: string) =>
    (
      await database.db
        .selectFrom('flags')
        .select('id')
        .where('commentId', '=', Number(id))
        .where('resolvedAt', 'is', null)
        .execute()
    ).length
  const page = async (client: Client, path = queue) => {
    const response = await client.request(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    const world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        { slug: 'mod', markdown: SOURCE, state: 'open' },
        { slug: 'other', markdown: SOURCE, state: 'open' },
      ],
      admin: { email: 'ad@example.org', name: 'Ad' },
      people: {
        eve: { email: 'eve@example.org', name: 'Eve Editor', role: 'editor' },
        otto: { email: 'otto@example.org', name: 'Otto Other', role: 'editor', guide: 'other' },
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Flagger' },
        bea: { email: 'bea@example.org', name: 'Bea Author' },
      },
      comments: [
        { name: 'rude', by: 'bea', on: 1, body: RUDE },
        { name: 'fine', by: 'bea', on: 1, body: FINE },
        { name: 'gone', by: 'bea', on: 1, body: 'An advert for double glazing.' },
        { name: 'elsewhere', by: 'otto', on: 1, guide: 'other', body: 'A comment on another guide.' },
      ],
    })
    ;({ database, app, admin } = world)
    ;({ eve, otto, rita, sam, bea } = world.people)
    key = world.guide.key(1)
    Object.assign(ids, world.ids)
    await flag(rita, ids.rude, RUDE_FLAG)
    await flag(sam, ids.rude, SECOND_FLAG)
    await flag(rita, ids.fine, FINE_FLAG)
    await flag(rita, ids.elsewhere, 'Flagged on the other guide')
    expect(
      (await admin.send('POST', `/api/comments/${ids.gone}/hide`, { reasonCode: 'other', reason: 'Spam' }))
        .status,
    ).toBe(200)
    const moderation = (to: 'pre' | 'post') =>
      admin.send('PATCH', '/api/guides/mod/settings', { moderation: to })
    expect((await moderation('pre')).status).toBe(200)
    ids.waiting = await comment(bea, 'Keep copies of abusive messages for a year.')
    expect((await moderation('post')).status).toBe(200)
  })
  afterAll(async () => {
    await database.close()
  })

  it('is for the guide’s editors: the public is sent to sign in, reviewers and other guides’ editors are refused', async () => {
    const visitor = await new Client(app).request(queue)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toBe('/sign-in?next=/g/mod/moderation')
    for (const client of [rita, otto]) {
      const refused = await client.request(queue)
      expect(refused.status).toBe(403)
      const html = await refused.text()
      expect(html).not.toContain(RUDE_FLAG)
      expect(html).not.toContain('Rita Reviewer')
    }
    const mine = await eve.request(queue)
    expect(mine.status).toBe(200)
    expect(mine.headers.get('cache-control')).toBe('no-store')
    expect((await admin.request('/g/nowhere/moderation')).status).toBe(404)
    // The editor finds it where the guide's other editing pages are.
    expect(await page(eve, '/g/mod/manage')).toContain('<a href="/g/mod/moderation">Moderation</a>')
    expect(await page(eve, '/g/mod/1/triage')).toContain('<a href="/g/mod/moderation">Moderation queue</a>')
  })

  it('refuses every form to those who may not moderate, changing nothing', async () => {
    const tries: [Client, number][] = [
      [new Client(app), 401],
      [rita, 403],
      [otto, 403],
    ]
    for (const [client, status] of tries) {
      expect(
        (
          await client.request(
            `${queue}/${ids.rude}/hide`,
            form({ reasonCode: 'other', reason: 'Mine now.' }),
          )
        ).status,
      ).toBe(status)
      expect((await client.request(`${queue}/${ids.fine}/dismiss`, form())).status).toBe(status)
      expect((await client.request(`${queue}/${ids.waiting}/approve`, form())).status).toBe(status)
      expect((await client.request(`${queue}/${ids.gone}/restore`, form())).status).toBe(status)
    }
    expect(await stateOf(ids.rude)).toBe('published')
    expect(await openFlags(ids.rude)).toBe(2)
    expect(await openFlags(ids.fine)).toBe(1)
    expect(await stateOf(ids.waiting)).toBe('pending')
    expect(await stateOf(ids.gone)).toBe('hidden')
  })

  it('lists flagged comments with who flagged them and why, those waiting for approval, and the hidden', async () => {
    const html = await page(eve)
    expect(listedIn(html, 'flagged')).toEqual([ids.rude, ids.fine])
    expect(listedIn(html, 'pending')).toEqual([ids.waiting])
    expect(listedIn(html, 'hidden')).toEqual([ids.gone])
    expect(html).toContain('Flagged (2)')
    expect(html).toContain('Flagged by 2 people')
    expect(html).toContain('<strong class="flagged-by">Rita Reviewer</strong>')
    expect(html).toContain('<strong class="flagged-by">Sam Flagger</strong>')
    expect(html).toContain(RUDE_FLAG)
    expect(html).toContain(SECOND_FLAG)
    expect(html).toContain(RUDE)
    expect(html).toContain('Keep copies of abusive messages for a year.')
    expect(html).toContain('Spam')
    // Another guide's flags are its own editors' business.
    expect(html).not.toContain('Flagged on the other guide')
    expect(html).toContain(`action="${queue}/${ids.rude}/hide"`)
    expect(html).toContain(`action="${queue}/${ids.fine}/dismiss"`)
    expect(html).toContain(`action="${queue}/${ids.waiting}/approve"`)
    expect(html).toContain(`action="${queue}/${ids.gone}/restore"`)
  })

  it('shows editors on the triage page which comments are flagged, by whom and why, with a filter', async () => {
    const html = await page(eve, '/g/mod/1/triage')
    expect(html).toContain('Flagged by 2 people')
    expect(html).toContain('<strong class="flagged-by">Sam Flagger</strong>')
    expect(html).toContain(SECOND_FLAG)
    expect(html).toContain(FINE_FLAG)
    expect(html).toContain('<label for="filter-flagged">Flagged (2)</label>')
    const flagged = await page(eve, '/g/mod/1/triage?flagged=1')
    const listed = [...flagged.matchAll(/<article class="comment triage-comment[^"]*" id="c(\d+)"/g)].map(
      (m) => m[1],
    )
    expect(listed).toEqual([ids.rude, ids.fine])
    expect(flagged).toContain('Showing 2 comments of 4')
    expect(flagged).toContain('name="flagged" value="1" checked=""')
    expect(flagged).toContain('action="/g/mod/1/triage/decide?flagged=1"')
    const refused = await eve.request('/g/mod/1/triage?flagged=yes')
    expect(refused.status).toBe(422) // A Welsh editor reads the flags in Welsh, the flaggers' words as they wrote them.
    const welsh = await (
      await eve.request('/g/mod/1/triage', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('<strong>Wedi’i fflagio gan 2 berson</strong>')
    expect(welsh).not.toContain('Flagged by')
    expect(welsh).toContain(SECOND_FLAG)
  })

  it('shows a thread’s flags to its moderators, and never who flagged or why to reviewers or the public', async () => {
    const thread = `/g/mod/1/b/${key}`
    const editors = await page(eve, thread)
    expect(editors).toContain('Flagged by 2 people')
    expect(editors).toContain(RUDE_FLAG)
    expect(editors).toContain('<strong class="flagged-by">Sam Flagger</strong>')
    for (const [who, client] of [
      ['the reviewer who flagged', rita],
      ['the author', bea],
      ['the public', new Client(app)],
    ] as const) {
      for (const html of [
        await page(client, thread),
        await (await client.request(`/api/guides/mod/editions/1/blocks/${key}/comments`)).text(),
        await (await client.request('/api/guides/mod/editions/1/comments')).text(),
      ]) {
        expect(html, who).toContain(RUDE)
        expect(html, who).not.toContain(RUDE_FLAG)
        expect(html, who).not.toContain(SECOND_FLAG)
        expect(html, who).not.toContain('Flagged by')
        expect(html, who).not.toContain('Sam Flagger')
      }
    }
  })

  it('hides a flagged comment only with a reason, which its author then sees, settling its flags', async () => {
    const refused = await eve.request(
      `${queue}/${ids.rude}/hide`,
      form({ reasonCode: 'other', reason: '  ' }),
    )
    expect(refused.status).toBe(422)
    const again = await refused.text()
    expect(again).toContain('There is a problem')
    expect(again).toContain(`<a href="#hide-${ids.rude}-reason">Give the author a reason.</a>`)
    expect(again).toContain(`<details class="comment-action" open="">`)
    expect(await stateOf(ids.rude)).toBe('published')
    expect(await openFlags(ids.rude)).toBe(2)

    const hidden = await eve.request(
      `${queue}/${ids.rude}/hide`,
      form({ reasonCode: 'other', reason: 'A personal attack.' }),
    )
    expect(hidden.status).toBe(303)
    expect(hidden.headers.get('location')).toBe(`${queue}?done=hidden#c${ids.rude}`)
    expect(await stateOf(ids.rude)).toBe('hidden')
    expect(await openFlags(ids.rude)).toBe(0)
    const html = await page(eve, hidden.headers.get('location') ?? '')
    expect(html).toContain('The comment is hidden. Its author sees your reason.')
    expect(listedIn(html, 'flagged')).toEqual([ids.fine])
    expect(listedIn(html, 'hidden')).toContain(ids.rude)
    const authorView = (await (
      await bea.request(`/api/guides/mod/editions/1/blocks/${key}/comments`)
    ).json()) as { items: { id: string; hiddenReason?: string }[] }
    expect(authorView.items.find((c) => c.id === ids.rude)?.hiddenReason).toBe('A personal attack.')
    const publicView = await (
      await new Client(app).request(`/api/guides/mod/editions/1/blocks/${key}/comments`)
    ).text()
    expect(publicView).not.toContain(RUDE)
  })

  it('dismisses a flag and leaves the comment as it was, audited; a second dismissal is refused', async () => {
    const dismissed = await eve.request(`${queue}/${ids.fine}/dismiss`, form())
    expect(dismissed.status).toBe(303)
    expect(dismissed.headers.get('location')).toBe(`${queue}?done=dismissed#c${ids.fine}`)
    expect(await stateOf(ids.fine)).toBe('published')
    expect(await openFlags(ids.fine)).toBe(0)
    const html = await page(eve, dismissed.headers.get('location') ?? '')
    expect(html).toContain('The flags are dismissed. The comment stays as it was.')
    expect(html).toContain('Nothing is flagged.')
    expect(await page(eve, '/g/mod/1/triage')).toContain('<label for="filter-flagged">Flagged (0)</label>')
    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'subject'])
      .where('action', '=', 'comment.flags-dismissed')
      .execute()
    expect(audit).toEqual([{ action: 'comment.flags-dismissed', subject: ids.fine }])
    const twice = await eve.request(`${queue}/${ids.fine}/dismiss`, form())
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain('This comment has no open flags.')
  })

  it('approves a waiting comment and restores a hidden one, and neither form does the other’s work', async () => {
    const wrong = await eve.request(`${queue}/${ids.waiting}/restore`, form())
    expect(wrong.status).toBe(409)
    expect(await stateOf(ids.waiting)).toBe('pending')
    const approved = await eve.request(`${queue}/${ids.waiting}/approve`, form())
    expect(approved.status).toBe(303)
    expect(approved.headers.get('location')).toBe(`${queue}?done=approved#c${ids.waiting}`)
    expect(await stateOf(ids.waiting)).toBe('published')

    expect((await eve.request(`${queue}/${ids.gone}/approve`, form())).status).toBe(409)
    expect(await stateOf(ids.gone)).toBe('hidden')
    const restored = await eve.request(`${queue}/${ids.gone}/restore`, form())
    expect(restored.status).toBe(303)
    expect(await stateOf(ids.gone)).toBe('published')
    const html = await page(eve, restored.headers.get('location') ?? '')
    expect(html).toContain('The comment is published again.')
    expect(listedIn(html, 'pending')).toEqual([])
    expect(listedIn(html, 'hidden')).toEqual([ids.rude])
  })

  it('refuses a comment of another guide named under this one, and ids that name nothing', async () => {
    const response = await admin.request(
      `${queue}/${ids.elsewhere}/hide`,
      form({ reasonCode: 'other', reason: 'Wrong guide.' }),
    )
    expect(response.status).toBe(404)
    expect(await stateOf(ids.elsewhere)).toBe('published')
    expect(await openFlags(ids.elsewhere)).toBe(1)
    for (const id of ['abc', '0', '99999999999'])
      expect((await admin.request(`${queue}/${id}/dismiss`, form())).status, id).toBe(404)
    // Under its own guide's queue the same comment is the admin's to act on.
    const own = await admin.request(`/g/other/moderation/${ids.elsewhere}/dismiss`, form())
    expect(own.status).toBe(303)
    expect(await openFlags(ids.elsewhere)).toBe(0)
  })

  it('costs the same queries with one flagged comment as with many', async () => {
    const queriesFor = async (path: string, client: Client) => {
      const counter = new QueryCounter()
      const counted = await testApp({ ...database, db: database.db.withPlugin(counter) })
      const response = await counted.request(path, { headers: { cookie: client.cookie } })
      expect(response.status).toBe(200)
      return counter.count
    }
    const paths = [queue, '/g/mod/1/triage', `/g/mod/1/b/${key}`]
    const before = await Promise.all(paths.map((path) => queriesFor(path, eve)))
    for (let i = 0; i < 6; i++) {
      const id = await comment(bea, `Another comment to flag, number ${String(i)}.`)
      await flag(rita, id, 'Off topic')
      await flag(sam, id, 'Repeats itself')
    }
    const after = await Promise.all(paths.map((path) => queriesFor(path, eve)))
    expect(listedIn(await page(eve), 'flagged')).toHaveLength(6)
    expect(after).toEqual(before)
  })
})
