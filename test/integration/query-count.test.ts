import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { QueryCounter } from '../support/query-counter.ts'

const guideOf = (blocks: number) =>
  `# Guide of ${String(blocks)}\n\n${Array.from({ length: blocks - 1 }, (_, i) => `Paragraph ${String(i)} about residents.`).join('\n\n')}\n`

describe(`the reading page costs the same queries whatever the number of blocks and comments (${databaseKind})`, () => {
  let c: Consultation<never>
  let database: TestDatabase

  const sizes = [
    ['small', 30, 300],
    ['large', 300, 3000],
  ] as const
  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'a@example.org', name: 'A' },
      guides: sizes.map(([slug, blocks]) => ({ slug, markdown: guideOf(blocks), state: 'open' as const })),
    })
    database = c.database
    // Comments by the thousand, straight into the table: posting them one by one would take minutes.
    for (const [slug, blocks, comments] of sizes) {
      await sql`
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        select e.guide_id, e.id, b.key, 1, 'comment', 'A comment', '<p>A comment</p>', 'published'
        from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id
        cross join generate_series(1, ${comments / blocks}) n
        where g.slug = ${slug}`.execute(database.db)
    }
  })
  afterAll(async () => {
    await c.close()
  })

  const queriesFor = async (path: string) => {
    const counter = new QueryCounter()
    const app = await testApp({ ...database, db: database.db.withPlugin(counter) })
    const response = await app.request(path)
    expect(response.status).toBe(200)
    return counter.count
  }

  it('for the page and for the API edition with comment counts', async () => {
    const total = await database.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(total.n).toBe(3300)
    const page = [await queriesFor('/g/small/1'), await queriesFor('/g/large/1')]
    expect(page[0]).toBe(page[1])
    expect(page[1]).toBeGreaterThan(2)
    // The page itself, and the margin's published counts, counted again only when the guide changed.
    expect(page[1]).toBeLessThanOrEqual(12)
    const api = [
      await queriesFor('/api/guides/small/editions/1'),
      await queriesFor('/api/guides/large/editions/1'),
    ]
    expect(api[0]).toBe(api[1])
    expect(api[1]).toBeLessThanOrEqual(6)
    const thread = [await queriesFor('/api/guides/large/editions/1/comments')]
    expect(thread[0]).toBeLessThanOrEqual(5)
  })

  it('for posting a comment: the session, one query of checks, one statement that writes, one that announces', async () => {
    const counter = new QueryCounter()
    const app = await testApp(
      { ...database, db: database.db.withPlugin(counter) },
      {
        rateLimits: { enabled: false },
      },
    )
    const admin = new Client(app)
    const signedIn = await admin.send('POST', '/api/session', { email: 'a@example.org', password: PASSWORD })
    expect(signedIn.status).toBe(200)
    const { blocks } = (await (await admin.send('GET', '/api/guides/large/editions/1')).json()) as {
      blocks: { key: string }[]
    }
    const path = `/api/guides/large/editions/1/blocks/${blocks[5]?.key ?? ''}/comments`
    counter.count = 0
    const posted = await admin.send('POST', path, { kind: 'example', body: 'In Fenmoor we did this.' })
    expect(posted.status).toBe(201)
    // And, a moment after the answer, one statement wakes the event streams of every server.
    await new Promise((resolve) => setImmediate(resolve))
    expect(counter.count).toBeLessThanOrEqual(4)
    const stored = await database.db
      .selectFrom('comments')
      .innerJoin('events', 'events.commentId', 'comments.id')
      .select('comments.body')
      .where('comments.id', '=', Number(((await posted.json()) as { id: string }).id))
      .executeTakeFirst()
    expect(stored?.body).toBe('In Fenmoor we did this.')
  })
})

describe(`releasing a batch of decisions costs the same queries however many comments it decides (${databaseKind})`, () => {
  let c: Consultation<'rhian'>
  const sizes = [
    ['few', 3],
    ['many', 300],
  ] as const
  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'a@example.org', name: 'A' },
      guides: sizes.map(([slug]) => ({ slug, markdown: guideOf(4), state: 'open' as const })),
      people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } },
    })
    // Rhian's comments, each with a draft decision the editors hold back, straight into the tables.
    for (const [slug, comments] of sizes) {
      await sql`
        with written as (
          insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
          select e.guide_id, e.id, b.key, p.id, 'comment', 'A comment', '<p>A comment</p>', 'published'
          from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id
          cross join generate_series(1, ${comments}) n
          join people p on p.email = 'rhian@example.org'
          where g.slug = ${slug} and b.ordinal = 1
          returning id
        )
        insert into decision_drafts (comment_id, decision, response, decided_by)
        select id, 'noted', 'Noted.', 1 from written`.execute(c.database.db)
    }
  })
  afterAll(() => c.close())

  it('telling every author in one query, not one per comment', async () => {
    const counts: number[] = []
    for (const [slug] of sizes) {
      const counter = new QueryCounter()
      const app = await testApp({ ...c.database, db: c.database.db.withPlugin(counter) })
      const admin = new Client(app)
      await admin.expect(200, 'POST', '/api/session', { email: 'a@example.org', password: PASSWORD })
      counter.count = 0
      await admin.expect(200, 'POST', `/api/guides/${slug}/decisions/release`, {})
      await new Promise((resolve) => setImmediate(resolve))
      counts.push(counter.count)
    }
    expect(counts[0]).toBe(counts[1])
    const decided = await c.people.rhian.expect<{ items: { type: string }[]; unread: number }>(
      200,
      'GET',
      '/api/me/notifications',
    )
    expect(decided.unread).toBe(303)
    expect(decided.items.every((n) => n.type === 'comment.decided')).toBe(true)
  })
})

describe(`one decision on a batch of comments costs the same queries however many it decides (${databaseKind})`, () => {
  let c: Consultation<'rhian'>
  const sizes = [
    ['three', 3],
    ['hundreds', 300],
  ] as const
  const idsOf = new Map<string, string[]>()
  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'a@example.org', name: 'A' },
      guides: sizes.map(([slug]) => ({ slug, markdown: guideOf(4), state: 'open' as const })),
      people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } },
    })
    // Rhian's comments, straight into the table: posting hundreds one by one would take minutes.
    for (const [slug, comments] of sizes) {
      const { rows } = await sql<{ id: number }>`
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        select e.guide_id, e.id, b.key, p.id, 'comment', 'A comment', '<p>A comment</p>', 'published'
        from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id
        cross join generate_series(1, ${comments}) n
        join people p on p.email = 'rhian@example.org'
        where g.slug = ${slug} and b.ordinal = 1
        returning id`.execute(c.database.db)
      idsOf.set(
        slug,
        rows.map((r) => String(r.id)),
      )
    }
  })
  afterAll(() => c.close())

  const decideAll = async (draft: boolean) => {
    const counts: number[] = []
    for (const [slug] of sizes) {
      const counter = new QueryCounter()
      const app = await testApp({ ...c.database, db: c.database.db.withPlugin(counter) })
      const admin = new Client(app)
      await admin.expect(200, 'POST', '/api/session', { email: 'a@example.org', password: PASSWORD })
      counter.count = 0
      const commentIds = idsOf.get(slug) ?? []
      const answer = await admin.expect<{ decided: string[] }>(200, 'POST', `/api/guides/${slug}/decisions`, {
        commentIds,
        decision: draft ? 'noted' : 'accepted',
        response: draft ? 'Noted, for now.' : 'Taken in.',
        draft,
      })
      expect(answer.decided).toHaveLength(commentIds.length)
      await new Promise((resolve) => setImmediate(resolve))
      counts.push(counter.count)
    }
    return counts
  }

  it('kept as drafts, then in public with each author told in the same transaction', async () => {
    const drafted = await decideAll(true)
    expect(drafted[0]).toBe(drafted[1])
    const drafts = await c.database.db
      .selectFrom('decisionDrafts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('decision', '=', 'noted')
      .executeTakeFirstOrThrow()
    expect(drafts.n).toBe(303)

    const decided = await decideAll(false)
    expect(decided[0]).toBe(decided[1])
    // The session, the guide, the comments' checks, the transaction's statements and the announcements.
    expect(decided[1]).toBeLessThanOrEqual(12)
    // Every comment took the decision, joined its history, lost its draft and was announced once.
    const hundreds = idsOf.get('hundreds')?.map(Number) ?? []
    const comments = await c.database.db
      .selectFrom('comments')
      .select(['decision', 'response', 'version'])
      .where('id', 'in', hundreds)
      .execute()
    expect(comments).toHaveLength(300)
    expect(comments.every((row) => row.decision === 'accepted' && row.response === 'Taken in.')).toBe(true)
    const history = await c.database.db
      .selectFrom('decisions')
      .select('commentId')
      .where('commentId', 'in', hundreds)
      .execute()
    expect(new Set(history.map((h) => h.commentId)).size).toBe(300)
    expect(history).toHaveLength(300)
    const left = await c.database.db.selectFrom('decisionDrafts').select('commentId').execute()
    expect(left).toEqual([])
    const events = await c.database.db
      .selectFrom('events')
      .select('commentId')
      .where('type', '=', 'comment.decided')
      .where('commentId', 'in', hundreds)
      .execute()
    expect(events).toHaveLength(300)
    const told = await c.people.rhian.expect<{ items: { type: string }[]; unread: number }>(
      200,
      'GET',
      '/api/me/notifications',
    )
    expect(told.unread).toBe(303)
    expect(told.items.every((n) => n.type === 'comment.decided')).toBe(true)
    // The comment's page shows the decision its author was told of.
    const one = await c.people.rhian.expect<{ decision: { decision: string; response: string } }>(
      200,
      'GET',
      `/api/comments/${String(hundreds[0])}`,
    )
    expect(one.decision).toMatchObject({ decision: 'accepted', response: 'Taken in.' })
  })
})
