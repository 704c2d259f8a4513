import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'

const FIRST = `# Council meetings

Meetings start at seven and end by nine.

Residents may speak for three minutes each.

Minutes are published within a week.
`

const SECOND = `# Council meetings

Meetings start at seven and end by half past nine.

Residents may speak for three minutes each.

Minutes are published within a week.
`

const THIRD = `# Council meetings

Meetings start at seven and end by half past nine.

Residents may speak for five minutes each.

Minutes are published within a week.
`

/** A form as a browser posts it: urlencoded. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

describe(`a later edition closes an earlier consultation still open (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  let keyOf: (start: string) => string

  const stateOf = async (slug: string, n: number) =>
    (
      (await (await editor.request(`/api/guides/${slug}/editions/${String(n)}`)).json()) as {
        state: string
      }
    ).state
  const transition = (slug: string, n: number, fields: Record<string, string>) =>
    editor.request(`/g/${slug}/manage/${String(n)}/transition`, form(fields))
  const nextEdition = async (slug: string, markdown: string) =>
    expect((await editor.send('POST', `/api/guides/${slug}/editions`, { markdown })).status).toBe(201)
  const transitionsLogged = async (slug: string) =>
    (
      await database.db
        .selectFrom('auditLog')
        .innerJoin('guides', 'guides.id', 'auditLog.guideId')
        .select('auditLog.subject')
        .where('guides.slug', '=', slug)
        .where('auditLog.action', '=', 'edition.transition')
        .orderBy('auditLog.id')
        .execute()
    ).map((row) => row.subject)

  beforeAll(async () => {
    const world = await consultation({
      guides: [
        { slug: 'council', markdown: FIRST, openAfterJoining: true },
        { slug: 'parish', markdown: FIRST, openAfterJoining: true },
      ],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        reviewer: { email: 'rita@example.org', name: 'Rita Reviewer', alsoOn: ['parish'] },
      },
      comments: [{ name: 'late', by: 'reviewer', on: 'Meetings start', body: 'Nine is too late.' }],
    })
    ;({ database, app, admin: editor } = world)
    reviewer = world.people.reviewer
    keyOf = (start) => world.guide.key(start)
  })
  afterAll(async () => {
    await database.close()
  })

  it('publishing edition 2 says edition 1 will close, closes it, logs it and tells its open pages', async () => {
    await nextEdition('council', SECOND)
    // Preparing the next text while the consultation runs closes nothing.
    expect(await stateOf('council', 1)).toBe('open')

    const asked = await transition('council', 2, { to: 'published' })
    expect(asked.status).toBe(200)
    const question = await asked.text()
    expect(question).toContain('The consultation on edition 1 is still open: it will close now')
    // The one comment written on edition 1 was carried into edition 2 with no decision: said in the singular.
    expect(question).toContain('1 comment has no decision yet.</strong> The report will show it as open,')
    expect(question).toContain('Decide on it in triage first')
    const welsh = await editor.request('/g/council/manage/2/transition', {
      ...form({ to: 'published' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'cy' },
    })
    const cwestiwn = await welsh.text()
    expect(cwestiwn).toContain(
      'Mae 1 sylw heb benderfyniad eto.</strong> Bydd yr adroddiad yn ei ddangos fel un agored',
    )
    expect(cwestiwn).toContain('Penderfynwch arno wrth frysbennu yn gyntaf')
    expect(cwestiwn).toContain('Mae’r ymgynghoriad ar argraffiad 1 yn dal ar agor')
    expect(await stateOf('council', 1)).toBe('open')

    const stream = new SseReader(await app.request('/api/guides/council/editions/1/events'))
    try {
      const published = await transition('council', 2, { to: 'published', confirmed: 'yes' })
      expect(published.status).toBe(303)
      const events = await stream.waitFor(1)
      expect(events.map((e) => e.event)).toContain('edition.moved')
    } finally {
      await stream.close()
    }
    expect(await stateOf('council', 2)).toBe('published')
    expect(await stateOf('council', 1)).toBe('closed')
    expect(await transitionsLogged('council')).toEqual(
      expect.arrayContaining(['2: draft → published', '1: open → closed']),
    )

    // Reviewers can no longer comment on the superseded text, so the published report stays as published.
    const refused = await reviewer.send(
      'POST',
      `/api/guides/council/editions/1/blocks/${keyOf('Meetings')}/comments`,
      {
        kind: 'comment',
        body: 'One more thing.',
      },
    )
    expect(refused.status).toBe(409)

    const manage = await (await editor.request('/g/council/manage')).text()
    const card = (n: number) => manage.split(`id="edition-${String(n)}"`)[1]?.split('</li>')[0] ?? ''
    expect(card(1)).not.toContain('Open for comment')
    expect(manage.split('id="edition-2"')[1]?.split('class="edition-links"')[0]).toContain(
      'none: published without a consultation',
    )
    expect(manage).not.toContain('not opened yet')
  })

  it('opening edition 2 asks first, saying edition 1 will close, and keeps the window chosen', async () => {
    await nextEdition('parish', SECOND)
    const asked = await transition('parish', 2, { to: 'open', closesAt: '2099-01-31T17:00' })
    expect(asked.status).toBe(200)
    const question = await asked.text()
    expect(question).toContain('Open the consultation on edition 2?')
    expect(question).toContain('The consultation on edition 1 is still open: it will close now')
    expect(question).toContain('name="closesAt" value="2099-01-31T17:00"')
    expect(await stateOf('parish', 2)).toBe('draft')
    expect(await stateOf('parish', 1)).toBe('open')

    const opened = await transition('parish', 2, {
      to: 'open',
      opensAt: '',
      closesAt: '2099-01-31T17:00',
      confirmed: 'yes',
    })
    expect(opened.status).toBe(303)
    expect(await stateOf('parish', 2)).toBe('open')
    expect(await stateOf('parish', 1)).toBe('closed')
    const edition2 = (await (await editor.request('/api/guides/parish/editions/2')).json()) as {
      closesAt: string
    }
    expect(edition2.closesAt).toBe('2099-01-31T17:00:00.000Z')
    expect(await transitionsLogged('parish')).toEqual(
      expect.arrayContaining(['2: draft → open', '1: open → closed']),
    )
  })

  it('opening by the API closes the earlier consultation too', async () => {
    await nextEdition('parish', THIRD)
    const moved = await editor.send('POST', '/api/guides/parish/editions/3/transitions', { to: 'open' })
    expect(moved.status).toBe(200)
    expect(await stateOf('parish', 2)).toBe('closed')
    expect(await stateOf('parish', 3)).toBe('open')
  })

  it('does not reopen an edition a later open or published one superseded, nor offer to', async () => {
    // Parish: edition 2 was closed when edition 3 opened; council: edition 1 closed when 2 was published.
    const manage = await (await editor.request('/g/parish/manage')).text()
    const card = manage.split('id="edition-2"')[1]?.split('id="edition-1"')[0] ?? ''
    expect(card).toContain('Read edition 2')
    expect(card).not.toContain('value="open"')
    const reopened = await transition('parish', 2, { to: 'open', confirmed: 'yes' })
    expect(reopened.status).toBe(409)
    expect(await reopened.text()).toContain('Edition 3 is open for comment, so edition 2 cannot open again.')
    const byApi = await editor.send('POST', '/api/guides/council/editions/1/transitions', { to: 'open' })
    expect(byApi.status).toBe(409)
    expect(((await byApi.json()) as { type: string }).type).toContain('newer-edition-open')
    expect(await stateOf('parish', 2)).toBe('closed')
    expect(await stateOf('council', 1)).toBe('closed')
  })

  it('does not offer to publish an edition older than a published one, which would be refused', async () => {
    // Council: edition 2 is published, edition 1 closed; publishing 1 would put the replaced words back.
    const manage = await (await editor.request('/g/council/manage')).text()
    const card = manage.split('id="edition-1"')[1] ?? ''
    expect(card).toContain('Read edition 1')
    expect(card).not.toContain('value="published"')
    expect(card).not.toContain('Publish as the final text')
    const published = await transition('council', 1, { to: 'published', confirmed: 'yes' })
    expect(published.status).toBe(409)
    expect(await published.text()).toContain(
      'Edition 2 is already published, so edition 1 cannot be published after it.',
    )
    expect(await stateOf('council', 1)).toBe('closed')
  })

  it('asks nothing when no earlier consultation is open', async () => {
    await nextEdition('council', THIRD)
    const opened = await transition('council', 3, { to: 'open' })
    expect(opened.status).toBe(303)
    expect(await stateOf('council', 3)).toBe('open')
  })
})
