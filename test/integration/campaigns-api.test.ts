import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupEdition } from '../../src/campaigns/campaign-grouping.service.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { QueryCounter } from '../support/query-counter.ts'
import { Client } from '../support/session.ts'

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'
const TEXT =
  'I object to the removal of the protected cycle lane on Mill Road. It keeps children safe on their way to school.'

type Who = 'rita' | 'sam' | 'tom' | 'una' | 'vic' | 'wyn' | 'ed'

interface Campaign {
  id: string
  size: number
  people: number
  representative: string
  commentIds: string[]
  blockKeys: (string | null)[]
  decision: { decision: string; response: string; draft: boolean } | null
}
interface View {
  decision: { decision: string; response: string }
}

describe(`campaigns: one item, one decision for every member (${databaseKind})`, () => {
  let c: Consultation<Who>
  const ids: Record<string, string> = {}
  const list = '/api/guides/mill/editions/1/campaigns'
  const campaigns = async () => (await c.people.ed.expect<{ items: Campaign[] }>(200, 'GET', list)).items
  /** The decision the public sees on a comment ('open' until one is made public). */
  const decisionOf = async (id: string) =>
    (await c.visitor().expect<View>(200, 'GET', `/api/comments/${id}`)).decision

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'mill', markdown: GUIDE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        sam: { email: 'sam@example.org', name: 'Sam' },
        tom: { email: 'tom@example.org', name: 'Tom' },
        una: { email: 'una@example.org', name: 'Una' },
        vic: { email: 'vic@example.org', name: 'Vic' },
        wyn: { email: 'wyn@example.org', name: 'Wyn' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    // Copies as people send them, on two paragraphs and the general discussion.
    ids.rita = await c.post(c.people.rita, 0, { body: `Dear Sir,\n\n${TEXT}\n\nRegards,\nRita` })
    ids.sam = await c.post(c.people.sam, 1, { body: TEXT.toUpperCase() })
    ids.sam2 = await c.post(c.people.sam, 1, { body: TEXT })
    ids.own = await c.post(c.people.una, 0, {
      body: 'The cycle lane on Mill Road needs better lighting at night, and the buses should stop nearer the school.',
    })
    expect(await campaigns()).toEqual([])
    ids.tom = await c.post(c.people.tom, null, {
      body: `${TEXT} My son cycles there every day.\n\nThanks, Tom`,
    })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('groups the copies of three people, not the comment of their own, as one campaign with its headcount', async () => {
    const [campaign, ...others] = await campaigns()
    expect(others).toEqual([])
    expect(campaign).toMatchObject({
      size: 4,
      people: 3,
      representative: `Dear Sir,\n\n${TEXT}\n\nRegards,\nRita`,
    })
    expect(campaign?.commentIds).toEqual([ids.rita, ids.sam, ids.sam2, ids.tom])
    expect(new Set(campaign?.blockKeys)).toEqual(new Set([c.guide.key(0), c.guide.key(1), null]))
  })

  it('gives each comment its campaign in feedback.csv and feedback.json, empty for the rest', async () => {
    const [campaign] = await campaigns()
    const id = campaign?.id ?? ''
    const csv = parse<Record<string, string>>(
      await (await c.people.ed.request('/api/guides/mill/editions/1/feedback.csv')).text(),
      { columns: true, bom: true },
    )
    const inCsv = new Map(csv.map((row) => [row.id, row.campaign]))
    for (const member of [ids.rita, ids.sam, ids.sam2, ids.tom]) expect(inCsv.get(member)).toBe(id)
    expect(inCsv.get(ids.own)).toBe('')
    const json = (await (await c.people.ed.request('/api/guides/mill/editions/1/feedback.json')).json()) as {
      id: string
      campaign: string | null
    }[]
    const inJson = new Map(json.map((item) => [item.id, item.campaign]))
    expect(inJson.get(ids.tom ?? '')).toBe(id)
    expect(inJson.get(ids.own ?? '')).toBeNull()
  })

  it('shows campaigns to the guide’s editors only', async () => {
    expect((await c.people.rita.send('GET', list)).status).toBe(403)
    expect((await c.visitor().send('GET', list)).status).toBe(401)
    const [campaign] = await campaigns()
    expect((await c.people.rita.send('GET', `/api/campaigns/${campaign?.id ?? ''}`)).status).toBe(403)
  })

  it('refuses a bad decision with the field named, and changes nothing', async () => {
    const [campaign] = await campaigns()
    const path = `/api/campaigns/${campaign?.id ?? ''}/decision`
    for (const [body, pointer] of [
      [{ decision: 'maybe', response: '' }, '/decision'],
      [{ decision: 'duplicate', response: '' }, '/duplicateOf'],
      [{ decision: 'noted', response: 'x', duplicateOf: ids.own }, '/duplicateOf'],
      [{ decision: 'noted', response: 'x', extra: 1 }, ''],
    ] as const) {
      const refused = await c.people.ed.send('PUT', path, body)
      expect(refused.status, JSON.stringify(body)).toBe(422)
      expect(refused.headers.get('content-type')).toContain('application/problem+json')
      if (pointer) expect(JSON.stringify(await refused.json())).toContain(`"pointer":"${pointer}"`)
    }
    expect(
      (await c.people.ed.send('PUT', '/api/campaigns/999999/decision', { decision: 'noted', response: '' }))
        .status,
    ).toBe(404)
    expect(await decisionOf(ids.rita ?? '')).toMatchObject({ decision: 'open' })
  })

  it('honours If-Match: a tag from before a member changed is refused (412)', async () => {
    const [campaign] = await campaigns()
    const path = `/api/campaigns/${campaign?.id ?? ''}`
    const before = (await c.people.ed.send('GET', path)).headers.get('etag') ?? ''
    expect(before).not.toBe('')
    await c.people.ed.expect(200, 'PUT', `/api/comments/${ids.sam ?? ''}/decision`, {
      decision: 'noted',
      response: 'Seen.',
    })
    const stale = await c.people.ed.send(
      'PUT',
      `${path}/decision`,
      { decision: 'noted', response: 'All.' },
      { 'if-match': before },
    )
    expect(stale.status).toBe(412)
    const now = (await c.people.ed.send('GET', path)).headers.get('etag') ?? ''
    expect(now).not.toBe(before)
  })

  it('answers every member with one decision, each author told, and gives it to a comment joining later', async () => {
    const [campaign] = await campaigns()
    const path = `/api/campaigns/${campaign?.id ?? ''}`
    const etag = (await c.people.ed.send('GET', path)).headers.get('etag') ?? ''
    const decided = await c.people.ed.send(
      'PUT',
      `${path}/decision`,
      { decision: 'not-accepted', response: 'The lane is kept; thank you all.', draft: false },
      { 'if-match': etag },
    )
    expect(decided.status).toBe(200)
    expect(decided.headers.get('etag')).not.toBe(etag)
    expect(((await decided.json()) as Campaign).decision).toMatchObject({
      decision: 'not-accepted',
      draft: false,
    })
    for (const id of [ids.rita, ids.sam, ids.sam2, ids.tom])
      expect(await decisionOf(id ?? '')).toMatchObject({
        decision: 'not-accepted',
        response: 'The lane is kept; thank you all.',
      })
    expect(await decisionOf(ids.own ?? '')).toMatchObject({ decision: 'open' })
    const told = await c.database.db
      .selectFrom('notices')
      .innerJoin('people', 'people.id', 'notices.personId')
      .select('people.displayName')
      .where('notices.type', '=', 'comment.decided')
      .execute()
    expect(new Set(told.map((n) => n.displayName))).toEqual(new Set(['Rita', 'Sam', 'Tom']))

    ids.vic = await c.post(c.people.vic, 1, { body: `Hello,\n${TEXT}\nVic` })
    expect(await decisionOf(ids.vic)).toMatchObject({
      decision: 'not-accepted',
      response: 'The lane is kept; thank you all.',
    })
    expect((await campaigns())[0]).toMatchObject({ size: 5, people: 4 })
  })

  it('keeps a draft decision a draft for a comment joining later', async () => {
    const [campaign] = await campaigns()
    await c.people.ed.expect(200, 'PUT', `/api/campaigns/${campaign?.id ?? ''}/decision`, {
      decision: 'noted',
      response: 'Still thinking.',
      draft: true,
    })
    ids.wyn = await c.post(c.people.wyn, 0, { body: TEXT })
    // The public decision stands; the draft waits among the editors.
    expect(await decisionOf(ids.wyn)).toMatchObject({ decision: 'open' })
    const drafted = await c.people.ed.expect<{ decision: { draft?: boolean; response: string } }>(
      200,
      'GET',
      `/api/comments/${ids.wyn}`,
    )
    expect(drafted.decision).toMatchObject({ draft: true, response: 'Still thinking.' })
  })

  it('lets an editor split a comment out, which then stays out', async () => {
    const [campaign] = await campaigns()
    const path = `/api/campaigns/${campaign?.id ?? ''}`
    expect((await c.people.ed.send('DELETE', `${path}/members/${ids.own ?? ''}`)).status).toBe(404)
    expect((await c.people.ed.send('DELETE', `${path}/members/${ids.tom ?? ''}`)).status).toBe(204)
    expect((await c.people.ed.send('DELETE', `${path}/members/${ids.tom ?? ''}`)).status).toBe(404)
    expect((await campaigns())[0]?.commentIds).not.toContain(ids.tom)
    const edition = await c.database.db.selectFrom('editions').select('id').executeTakeFirstOrThrow()
    await groupEdition(c.database.db, edition.id)
    expect((await campaigns())[0]?.commentIds).not.toContain(ids.tom)
    await c.people.ed.expect(200, 'PUT', `${path}/decision`, {
      decision: 'accepted',
      response: 'Kept.',
      draft: false,
    })
    expect(await decisionOf(ids.tom ?? '')).toMatchObject({ decision: 'not-accepted' })
    expect(await decisionOf(ids.rita ?? '')).toMatchObject({ decision: 'accepted' })
  })

  it('leaves out hidden comments, and a campaign left with fewer than three people is none', async () => {
    const [campaign] = await campaigns()
    expect(campaign?.people).toBe(4)
    for (const id of [ids.vic, ids.wyn])
      await c.admin.expect(200, 'POST', `/api/comments/${id ?? ''}/hide`, {
        reason: 'Spam.',
        reasonCode: 'spam',
      })
    // Rita and Sam are left (Tom was split out): two people are no campaign, so their comments stand alone.
    expect(await campaigns()).toEqual([])
    expect((await c.people.ed.send('GET', `/api/campaigns/${campaign?.id ?? ''}`)).status).toBe(404)
  })
})

describe(`deciding a campaign costs the same queries however many members it has (${databaseKind})`, () => {
  let c: Consultation<'ed'>
  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [
        { slug: 'small', markdown: GUIDE, state: 'open' },
        { slug: 'large', markdown: GUIDE, state: 'open' },
      ],
      people: { ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' } },
    })
    // Members by the hundred, straight into the table, each by a person of their own.
    for (const [slug, members] of [
      ['small', 3],
      ['large', 300],
    ] as const) {
      await sql`
        with writers as (
          insert into people (email, display_name)
          select ${slug} || n || '@example.org', 'Person ' || n from generate_series(1, ${members}) n
          returning id
        )
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        select e.guide_id, e.id, null, w.id, 'comment', ${TEXT}, '<p></p>', 'published'
        from editions e join guides g on g.id = e.guide_id cross join writers w where g.slug = ${slug}`.execute(
        c.database.db,
      )
      const edition = await c.database.db
        .selectFrom('editions')
        .innerJoin('guides', 'guides.id', 'editions.guideId')
        .select('editions.id')
        .where('guides.slug', '=', slug)
        .executeTakeFirstOrThrow()
      expect(await groupEdition(c.database.db, edition.id)).toEqual({ formed: 1, joined: 0 })
    }
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  /** Resolves once no query has been counted for 150 ms. */
  const settled = async (counter: QueryCounter) => {
    for (let last = -1; counter.count !== last;) {
      last = counter.count
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  }

  it('for a public decision with its notices', async () => {
    const counter = new QueryCounter()
    const app = await testApp({ ...c.database, db: c.database.db.withPlugin(counter) })
    const admin = new Client(app)
    await admin.expect(200, 'POST', '/api/session', {
      email: 'admin@example.org',
      password: 'correct horse battery',
    })
    const counts: number[] = []
    for (const slug of ['small', 'large']) {
      const [campaign] = (
        await admin.expect<{ items: Campaign[] }>(200, 'GET', `/api/guides/${slug}/editions/1/campaigns`)
      ).items
      // What runs after an answer (notices announced, streams told) is counted with the request that
      // caused it: each count waits for the queries to stop, so a busy machine moves none across.
      await settled(counter)
      counter.count = 0
      await admin.expect(200, 'PUT', `/api/campaigns/${campaign?.id ?? ''}/decision`, {
        decision: 'noted',
        response: 'Thank you.',
        draft: false,
      })
      await settled(counter)
      counts.push(counter.count)
      expect(
        (await admin.expect<{ items: Campaign[] }>(200, 'GET', `/api/guides/${slug}/editions/1/campaigns`))
          .items[0]?.decision,
      ).toMatchObject({ decision: 'noted' })
    }
    expect(counts[1]).toBe(counts[0])
  })
})
