import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { SseReader, type SseEvent } from '../support/sse.ts'
import { consultation } from '../support/consultation.ts'

const GUIDE = `# Councillors online

Post when you have something useful to say and keep it short.

Answer residents within two working days.
`

const REVISED = `# Councillors online

Post when you have something kind and useful to say, and keep it short.

Answer residents within two working days.
`

// What the editors write while deciding privately: none of it may reach anyone else until released.
const USEFUL = 'We will say what useful means, with an example.'
const DAYS = 'Two working days is what residents were promised.'
const GENERAL = 'Thank you for reading it all.'
const CHANGED_MIND = 'On reflection we will shorten the deadline.'

/** A form as a browser posts it, without script: urlencoded, a field repeated for each value of an array. */
const form = (fields: Record<string, string | string[]>): RequestInit => {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v)
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }
}

interface View {
  id: string
  decision: { decision: string; response: string; draft?: true } | null
}

describe(`draft decisions, kept among the editors until released (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let ed: Client
  let eve: Client
  let rita: Client
  let sam: Client
  let keys: string[] = []
  const ids = { useful: '', days: '', general: '', other: '' }
  const events = '/api/guides/drafts/editions/1/events'
  const visitor = () => new Client(app)
  /** Everyone who may not see a draft: the public, the comment's author and another reviewer. */
  const outsiders = () =>
    [
      ['the public', visitor()],
      ['the author', rita],
      ['a reviewer', sam],
    ] as const

  const post = async (who: Client, key: string | null, body: string) => {
    const path =
      key === null
        ? '/api/guides/drafts/editions/1/comments'
        : `/api/guides/drafts/editions/1/blocks/${key}/comments`
    const response = await who.send('POST', path, { kind: 'comment', body })
    expect(response.status).toBe(201)
    return ((await response.json()) as { id: string }).id
  }
  const decide = async (id: string, body: object) => {
    const response = await ed.send('PUT', `/api/comments/${id}/decision`, body)
    expect(response.status).toBe(200)
    return (await response.json()) as View
  }
  const comment = async (who: Client, id: string) => {
    const response = await who.request(`/api/comments/${id}`)
    expect(response.status).toBe(200)
    return (await response.json()) as View
  }
  const text = async (who: Client, path: string) => {
    const response = await who.request(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }
  /** Everything a person can read that carries a decision on Rita's comments. */
  const everywhere = (who: Client) => [
    `/api/comments/${ids.useful}`,
    `/api/comments/${ids.days}`,
    `/api/guides/drafts/editions/1/blocks/${keys[1] ?? ''}/comments`,
    `/api/guides/drafts/editions/1/blocks/${keys[2] ?? ''}/comments`,
    '/api/guides/drafts/editions/1/comments',
    `/g/drafts/1/b/${keys[1] ?? ''}`,
    '/api/guides/drafts/editions/1/feedback.csv',
    '/api/guides/drafts/editions/1/feedback.json',
    '/api/guides/drafts/editions/1/annotations.jsonld?page=0',
    `/api/comments/${ids.useful}/annotation.jsonld`,
    ...(who === rita ? ['/api/me/comments', '/me/comments', '/me/feed.atom'] : []),
  ]
  const decidedIn = (stream: SseReader) =>
    stream.events
      .filter((e) => e.event === 'comment.decided')
      .map((e) => (JSON.parse(e.data) as View).id)
      .sort()
  /** Waits for the stream to carry a comment posted now, so everything committed before it has been sent. */
  const settle = async (...streams: SseReader[]) => {
    const marker = await post(sam, keys[2] ?? '', 'A marker for the streams.')
    for (const stream of streams) {
      const until = Date.now() + 5_000
      while (!stream.events.some((e: SseEvent) => (JSON.parse(e.data) as View).id === marker)) {
        if (Date.now() > until) throw new Error('The stream did not carry the marker')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  }

  /** The first `comment.updated` a stream carries, once it has. */
  const updateIn = async (stream: SseReader) => {
    const until = Date.now() + 5_000
    for (;;) {
      const event = stream.events.find((e) => e.event === 'comment.updated')
      if (event) return JSON.parse(event.data) as View
      if (Date.now() > until) throw new Error('The stream carried no update')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  beforeAll(async () => {
    const world = await consultation({
      guides: [
        { slug: 'drafts', markdown: GUIDE, state: 'open' },
        { slug: 'another', markdown: '# Another\n\nSomething else.\n', state: 'open' },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        eve: { email: 'eve@example.org', name: 'Eve Editor', role: 'editor' },
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
      },
      comments: [
        { name: 'useful', by: 'rita', on: 1, body: 'Say what useful means.' },
        { name: 'days', by: 'rita', on: 2, body: 'Two days is too long.' },
        { name: 'general', by: 'rita', on: null, body: 'A clear guide overall.' },
        { name: 'other', by: 'admin', on: 1, body: 'On another guide.', guide: 'another' },
      ],
    })
    ;({ database, app, admin: ed } = world)
    ;({ eve, rita, sam } = world.people)
    keys = world.guide.keys
    Object.assign(ids, world.ids)
  })
  afterAll(async () => {
    await database.close()
  })

  it('keeps a draft decision from the public, the author, reviewers, exports and streams, and shows it to editors marked draft', async () => {
    const publicStream = new SseReader(await app.request(events))
    const ritaStream = new SseReader(await rita.request(events))
    const eveStream = new SseReader(await eve.request(events))

    const saved = await decide(ids.useful, { decision: 'accepted', response: USEFUL, draft: true })
    expect(saved.decision).toMatchObject({ decision: 'accepted', response: USEFUL, draft: true })
    const general = await ed.send('POST', '/api/guides/drafts/decisions', {
      commentIds: [ids.general],
      decision: 'noted',
      response: GENERAL,
      draft: true,
    })
    expect(general.status).toBe(200)

    // Another editor of the guide sees both, marked as drafts, on the comment and in its thread.
    expect((await comment(eve, ids.useful)).decision).toMatchObject({ decision: 'accepted', draft: true })
    const thread = (await (
      await eve.request(`/api/guides/drafts/editions/1/blocks/${keys[1] ?? ''}/comments`)
    ).json()) as { items: View[] }
    expect(thread.items.find((c) => c.id === ids.useful)?.decision).toMatchObject({
      response: USEFUL,
      draft: true,
    })
    expect(await text(eve, `/g/drafts/1/b/${keys[1] ?? ''}`)).toContain('Draft decision, not yet released')

    for (const [who, client] of outsiders()) {
      const seen = await comment(client, ids.useful)
      expect(seen.decision, who).toEqual({
        decision: 'open',
        response: '',
        duplicateOf: null,
        decidedAt: null,
      })
      for (const path of everywhere(client)) {
        const body = await text(client, path)
        expect(body, `${who}: ${path}`).not.toContain(USEFUL)
        expect(body, `${who}: ${path}`).not.toContain(GENERAL)
      }
    }
    // Exports carry released decisions only, whoever downloads them.
    for (const path of everywhere(ed).filter((p) => /feedback|annotation/.test(p)))
      expect(await text(ed, path), path).not.toContain(USEFUL)

    // Nothing was announced: the streams carry the next comment, and no decision before it.
    await settle(publicStream, ritaStream, eveStream)
    for (const stream of [publicStream, ritaStream, eveStream]) {
      expect(decidedIn(stream)).toEqual([])
      expect(stream.events.map((e) => e.data).join('\n')).not.toContain(USEFUL)
    }

    // When the comment changes, the editors' stream shows its draft; the author's does not.
    const edited = await rita.send('PATCH', `/api/comments/${ids.useful}`, {
      body: 'Say what useful means here.',
    })
    expect(edited.status).toBe(200)
    const [toEve, toRita] = await Promise.all([updateIn(eveStream), updateIn(ritaStream)])
    expect(toEve.decision).toMatchObject({ response: USEFUL, draft: true })
    expect(toRita.decision).toMatchObject({ decision: 'open', response: '' })
    expect(ritaStream.events.map((e) => e.data).join('\n')).not.toContain(USEFUL)
    await Promise.all([publicStream.close(), ritaStream.close(), eveStream.close()])
  })

  it('lets only the guide’s editors release drafts, and refuses ids without a draft, releasing nothing', async () => {
    const release = (who: Client, body: object) =>
      who.send('POST', '/api/guides/drafts/decisions/release', body)
    expect((await release(visitor(), {})).status).toBe(401)
    expect((await release(sam, {})).status).toBe(403)
    expect((await release(rita, { ids: [ids.useful] })).status).toBe(403)

    const refused = await release(ed, { ids: [ids.useful, ids.days] })
    expect(refused.status).toBe(422)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(((await refused.json()) as { errors: { pointer: string }[] }).errors).toEqual([
      expect.objectContaining({ pointer: '/ids/1' }),
    ])
    const elsewhere = await release(ed, { ids: [ids.other] })
    expect(elsewhere.status).toBe(422)
    for (const body of [{ ids: [] }, { ids: ['first'] }, { everything: true }])
      expect((await release(ed, body)).status, JSON.stringify(body)).toBe(422)
    expect((await ed.send('POST', '/api/guides/drafts/decisions/release', '{"ids":')).status).toBe(400)
    // Nothing was released by the refusals.
    expect((await comment(rita, ids.useful)).decision).toMatchObject({ decision: 'open', response: '' })
  })

  it('releases a selection: those become public and are announced as decided, the rest stay drafts', async () => {
    await decide(ids.days, { decision: 'not-accepted', response: DAYS, draft: true })
    const publicStream = new SseReader(await app.request(events))

    const released = await eve.send('POST', '/api/guides/drafts/decisions/release', { ids: [ids.useful] })
    expect(released.status).toBe(200)
    expect(await released.json()).toEqual({ released: [ids.useful] })

    const [announced] = await publicStream.waitFor(1)
    expect(announced?.event).toBe('comment.decided')
    expect(JSON.parse(announced?.data ?? '{}')).toMatchObject({
      id: ids.useful,
      decision: { decision: 'accepted', response: USEFUL },
    })
    expect(JSON.parse(announced?.data ?? '{}')).not.toHaveProperty('decision.draft')
    await settle(publicStream)
    expect(decidedIn(publicStream)).toEqual([ids.useful])
    await publicStream.close()

    for (const [who, client] of outsiders()) {
      expect((await comment(client, ids.useful)).decision, who).toMatchObject({
        decision: 'accepted',
        response: USEFUL,
      })
      expect((await comment(client, ids.days)).decision, who).toMatchObject({
        decision: 'open',
        response: '',
      })
    }
    expect(await text(rita, '/api/me/comments')).toContain(USEFUL)
    expect(await text(rita, '/me/feed.atom')).toContain(USEFUL)
    expect(await text(visitor(), '/api/guides/drafts/editions/1/feedback.csv')).toContain(USEFUL)
    for (const path of everywhere(rita)) expect(await text(rita, path), path).not.toContain(DAYS)
    // The released decision is the comment's history; the one still a draft is not in it yet.
    const history = (await (await ed.request(`/api/comments/${ids.useful}/decisions`)).json()) as {
      items: { response: string }[]
    }
    expect(history.items.map((h) => h.response)).toEqual([USEFUL])
    expect((await comment(ed, ids.days)).decision).toMatchObject({ response: DAYS, draft: true })
  })

  it('releases every draft of the guide when no ids are given', async () => {
    const publicStream = new SseReader(await app.request(events))
    const released = await ed.send('POST', '/api/guides/drafts/decisions/release', {})
    expect(released.status).toBe(200)
    expect(((await released.json()) as { released: string[] }).released.sort()).toEqual(
      [ids.days, ids.general].sort(),
    )
    await publicStream.waitFor(2)
    expect(decidedIn(publicStream)).toEqual([ids.days, ids.general].sort())
    await publicStream.close()
    expect((await comment(sam, ids.days)).decision).toMatchObject({
      decision: 'not-accepted',
      response: DAYS,
    })
    expect(await text(rita, '/me/comments')).toContain(GENERAL)
    // Nothing is left to release.
    expect(await (await ed.send('POST', '/api/guides/drafts/decisions/release', {})).json()).toEqual({
      released: [],
    })
  })

  it('keeps the released decision public while a change to it is drafted, through to the report', async () => {
    await decide(ids.days, { decision: 'accepted', response: CHANGED_MIND, draft: true })
    expect((await comment(rita, ids.days)).decision).toMatchObject({
      decision: 'not-accepted',
      response: DAYS,
    })
    expect((await comment(eve, ids.days)).decision).toMatchObject({ response: CHANGED_MIND, draft: true })

    expect(
      (await ed.send('POST', '/api/guides/drafts/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    expect((await ed.send('POST', '/api/guides/drafts/editions', { markdown: REVISED })).status).toBe(201)
    expect(
      (await ed.send('POST', '/api/guides/drafts/editions/2/transitions', { to: 'published' })).status,
    ).toBe(200)
    const report = await text(visitor(), '/g/drafts/2/report')
    expect(report).toContain(DAYS)
    expect(report).not.toContain(CHANGED_MIND)
    expect(await text(visitor(), '/g/drafts/2/report.csv')).not.toContain(CHANGED_MIND)

    await ed.send('POST', '/api/guides/drafts/decisions/release', { ids: [ids.days] })
    expect(await text(visitor(), '/g/drafts/2/report')).toContain(CHANGED_MIND)
  })

  it('keeps decisions as drafts by default where the guide says so, unless saved as public', async () => {
    await database.db
      .updateTable('guides')
      .set({ publishByDefault: false })
      .where('slug', '=', 'drafts')
      .execute()
    await decide(ids.general, { decision: 'out-of-scope', response: 'Kept quiet for now.' })
    expect((await comment(rita, ids.general)).decision).toMatchObject({
      decision: 'noted',
      response: GENERAL,
    })
    expect((await comment(ed, ids.general)).decision).toMatchObject({ decision: 'out-of-scope', draft: true })

    await decide(ids.general, { decision: 'noted', response: 'Said at once.', draft: false })
    expect((await comment(rita, ids.general)).decision).toMatchObject({ response: 'Said at once.' })
    // The public decision replaced the draft, so editors see what everyone sees.
    expect((await comment(ed, ids.general)).decision).not.toHaveProperty('draft')
  })

  it('refuses a stale draft: the editors’ tag names the draft, and the public’s tag does not move with it', async () => {
    const before = (await rita.request(`/api/comments/${ids.useful}`)).headers.get('etag') ?? ''
    const editorsTag = (await ed.request(`/api/comments/${ids.useful}`)).headers.get('etag') ?? ''
    await decide(ids.useful, { decision: 'noted', response: 'A second thought.', draft: true })
    expect((await rita.request(`/api/comments/${ids.useful}`)).headers.get('etag')).toBe(before)
    const stale = await eve.send(
      'PUT',
      `/api/comments/${ids.useful}/decision`,
      { decision: 'accepted', response: 'Mine instead.', draft: true },
      { 'if-match': editorsTag },
    )
    expect(stale.status).toBe(412)
    expect((await comment(ed, ids.useful)).decision).toMatchObject({ response: 'A second thought.' })
  })

  it('lets an editor decide privately on the triage page, see the drafts, and release a selection or all', async () => {
    const triage = '/g/drafts/1/triage'
    // From no drafts at all (the test before left one).
    expect((await ed.send('POST', '/api/guides/drafts/decisions/release', {})).status).toBe(200)
    const saved = await ed.request(
      `${triage}/decide`,
      form({
        commentId: ids.days,
        decision: 'partly-accepted',
        response: 'Part of it, privately.',
        draft: '1',
      }),
    )
    expect(saved.status).toBe(303)
    expect(saved.headers.get('location')).toBe(`${triage}?done=drafted&saved=${ids.days}#c${ids.days}`)
    const page = await text(eve, saved.headers.get('location') ?? '')
    expect(page).toContain('only the guide’s editors see it until it is released')
    expect(page).toContain('Draft, not yet released: Partly accepted')
    expect(page).toContain('Everyone else sees: ')
    expect(page).toContain('1 decision on this guide is a draft')
    expect((await comment(rita, ids.days)).decision).not.toMatchObject({ response: 'Part of it, privately.' })

    const bulk = await ed.request(
      `${triage}/decide-many`,
      form({
        commentIds: [ids.useful, ids.general],
        decision: 'noted',
        response: 'Noted, quietly.',
        draft: '1',
      }),
    )
    expect(bulk.status).toBe(303)
    expect(await text(ed, triage)).toContain('3 decisions on this guide are drafts')
    expect((await comment(sam, ids.general)).decision).not.toMatchObject({ response: 'Noted, quietly.' })

    // Releasing the selection: a ticked comment without a draft is refused, and nothing is released.
    const refused = await ed.request(`${triage}/release`, form({ commentIds: [ids.days, ids.other] }))
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Not a draft decision of this guide.')
    const none = await ed.request(`${triage}/release`, form({}))
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('Select at least one comment with a draft decision first.')
    expect((await comment(rita, ids.days)).decision).not.toMatchObject({ response: 'Part of it, privately.' })

    const selected = await ed.request(`${triage}/release`, form({ commentIds: [ids.days] }))
    expect(selected.status).toBe(303)
    expect(await text(ed, selected.headers.get('location') ?? '')).toContain('1 decision is released')
    expect((await comment(rita, ids.days)).decision).toMatchObject({ response: 'Part of it, privately.' })
    expect((await comment(rita, ids.useful)).decision).not.toMatchObject({ response: 'Noted, quietly.' })

    expect((await sam.request(`${triage}/release`, form({ all: '1' }))).status).toBe(403)
    // Releasing every draft asks first, on a page of its own, and releases nothing yet.
    const asked = await ed.request(`${triage}/release`, form({ all: '1' }))
    expect(asked.status).toBe(200)
    const question = await asked.text()
    expect(question).toContain('<h1>Release all 2 draft decisions?</h1>')
    expect(question).toContain('Releasing cannot be undone')
    expect(question).toContain('name="confirmed" value="yes"')
    expect((await comment(rita, ids.useful)).decision).not.toMatchObject({ response: 'Noted, quietly.' })
    const all = await ed.request(`${triage}/release`, form({ all: '1', confirmed: 'yes' }))
    expect(all.status).toBe(303)
    expect(await text(ed, all.headers.get('location') ?? '')).toContain('2 decisions are released')
    expect((await comment(rita, ids.useful)).decision).toMatchObject({ response: 'Noted, quietly.' })
    expect(await text(ed, triage)).not.toContain('Draft, not yet released')
  })
})
