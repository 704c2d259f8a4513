import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCommentWithEvent } from '../../src/comments/posting.repository.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { QueryCounter } from '../support/query-counter.ts'

const REVIEWERS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'] as const
type Reviewer = (typeof REVIEWERS)[number]

interface Posted {
  id: string
  body: string
  blockKey: string
  author: { displayName: string }
}

/**
 * The posts that reach the server in the same turn of its event loop are checked in one statement and
 * inserted in another (src/platform/db/per-turn.ts): each must still come back as its own author's
 * comment on its own paragraph, with pseudonyms, events and Idempotency-Keys as if posted alone.
 */
describe(`comments posted at the same moment (${databaseKind})`, () => {
  let c: Consultation<Reviewer>
  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        {
          slug: 'together',
          state: 'open',
          markdown: '# Together\n\nThe first.\n\nThe second.\n\nThe third.\n',
        },
      ],
      people: Object.fromEntries(
        REVIEWERS.map((name) => [name, { email: `${name}@example.org`, name: `Reviewer ${name}` }]),
      ) as Record<Reviewer, { email: string; name: string }>,
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('answers each of 25 posts at once with its own comment, in a handful of statements', async () => {
    const counter = new QueryCounter()
    const app = await testApp(
      { ...c.database, db: c.database.db.withPlugin(counter) },
      { rateLimits: { enabled: false } },
    )
    const keys = [c.guide.key(1), c.guide.key(2), c.guide.key(3)]
    const sends = REVIEWERS.flatMap((name, r) => {
      const client = new Client(app)
      client.cookie = c.people[name].cookie
      return keys.map((key, k) => {
        const body = `Post ${String(k)} by ${name}: the wording could be clearer.`
        const headers: Record<string, string> = { 'idempotency-key': `key-${name}-${String(k)}` }
        return {
          name,
          key,
          body,
          send: () =>
            client.send(
              'POST',
              `/api/guides/together/editions/1/blocks/${key}/comments`,
              { kind: 'comment', body },
              headers,
            ),
          r,
        }
      })
    })
    // r0's first post sent twice at once, as a browser retrying would: stored once, both answers name it.
    const again = sends[0]
    if (!again) throw new Error('no posts')
    const all = [...sends, again]
    // The guide is known to be public from a first read, as it is on a server that has been up a while.
    expect((await new Client(app).request('/api/guides/together/editions/1')).status).toBe(200)
    const before = counter.count
    const answers = await Promise.all(all.map((post) => post.send()))
    const statements = counter.count - before

    const posted = await Promise.all(answers.map(async (answer) => (await answer.json()) as Posted))
    expect(answers.map((a) => a.status).sort()).toEqual([...Array<number>(24).fill(201), 200].sort())
    for (const [i, post] of all.entries()) {
      expect(posted[i]).toMatchObject({
        body: post.body,
        blockKey: post.key,
        author: { displayName: `Reviewer ${post.name}` },
      })
    }
    expect(posted[24]?.id).toBe(posted[0]?.id)
    // Alone, each post asks for its session, its checks and its insert: 75 statements at least. Together:
    // one of each for all, and the lookups of the comment the retried post names (5 to 7 seen).
    expect(statements).toBeLessThanOrEqual(10)

    const stored = await c.database.db
      .selectFrom('comments')
      .innerJoin('people', 'people.id', 'comments.authorId')
      .select(['comments.id', 'comments.body', 'comments.blockKey', 'people.email'])
      .execute()
    expect(stored).toHaveLength(24)
    for (const post of sends)
      expect(stored.filter((s) => s.body === post.body)).toEqual([
        expect.objectContaining({ blockKey: post.key, email: `${post.name}@example.org` }),
      ])
    const events = await c.database.db
      .selectFrom('events')
      .select(['commentId'])
      .where('type', '=', 'comment.created')
      .execute()
    expect(events.map((e) => e.commentId).sort()).toEqual(stored.map((s) => s.id).sort())

    // Eight people new to the guide in one statement take eight different pseudonyms, one each.
    const pseudonyms = await c.database.db.selectFrom('pseudonyms').select(['personId', 'number']).execute()
    expect(pseudonyms.map((p) => p.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(new Set(pseudonyms.map((p) => p.personId)).size).toBe(8)
    const guide = await c.database.db
      .selectFrom('guides')
      .select('pseudonymsGiven')
      .where('slug', '=', 'together')
      .executeTakeFirstOrThrow()
    expect(guide.pseudonymsGiven).toBe(8)
    const follows = await sql<{ n: number }>`select count(*)::int as n from follows`.execute(c.database.db)
    expect(follows.rows[0]?.n).toBe(24)
  })

  it('stores the rest of a batch when one of its comments cannot be stored', async () => {
    const db = c.database.db
    const edition = await db
      .selectFrom('editions')
      .innerJoin('guides', 'guides.id', 'editions.guideId')
      .select(['editions.id', 'editions.guideId'])
      .where('guides.slug', '=', 'together')
      .executeTakeFirstOrThrow()
    const author = await db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'r1@example.org')
      .executeTakeFirstOrThrow()
    const row = (body: string, editionId: number) => ({
      guideId: edition.guideId,
      editionId,
      blockKey: c.guide.key(1),
      parentId: null,
      authorId: author.id,
      kind: 'comment' as const,
      body,
      html: `<p>${body}</p>`,
      quote: null,
      state: 'published' as const,
      idempotencyKey: null,
    })
    // The same turn: one batch, of which the second names an edition that does not exist.
    const [kept, refused, alsoKept] = await Promise.allSettled([
      insertCommentWithEvent(db, row('Kept, first.', edition.id), 1),
      insertCommentWithEvent(db, row('Refused.', edition.id + 1000), 1),
      insertCommentWithEvent(db, row('Kept, third.', edition.id), 1),
    ])
    expect(kept).toMatchObject({ status: 'fulfilled', value: { body: 'Kept, first.' } })
    expect(alsoKept).toMatchObject({ status: 'fulfilled', value: { body: 'Kept, third.' } })
    expect(refused.status).toBe('rejected')
    const bodies = await db.selectFrom('comments').select('body').where('body', 'like', 'Kept, %').execute()
    expect(bodies.map((b) => b.body).sort()).toEqual(['Kept, first.', 'Kept, third.'])
    expect(await db.selectFrom('comments').select('id').where('body', '=', 'Refused.').execute()).toEqual([])
  })

  // Two connections racing: the embedded database has one.
  it.runIf(databaseKind === 'postgres')(
    "answers a newcomer's comment with the pseudonym a racing first comment of theirs took",
    async () => {
      const db = c.database.db
      const edition = await db
        .selectFrom('editions')
        .innerJoin('guides', 'guides.id', 'editions.guideId')
        .select(['editions.id', 'editions.guideId', 'guides.pseudonymsGiven'])
        .where('guides.slug', '=', 'together')
        .executeTakeFirstOrThrow()
      const newcomer = await db
        .insertInto('people')
        .values({ email: 'racer@example.org', displayName: 'Racer', passwordHash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
      // Another request's first comment by the same person, not yet committed, has taken a number.
      const other = new pg.Client({ connectionString: c.database.url })
      await other.connect()
      try {
        const taken = edition.pseudonymsGiven + 40
        await other.query('begin')
        await other.query('insert into pseudonyms (guide_id, person_id, number) values ($1, $2, $3)', [
          edition.guideId,
          newcomer.id,
          taken,
        ])
        const posting = insertCommentWithEvent(
          db,
          {
            guideId: edition.guideId,
            editionId: edition.id,
            blockKey: c.guide.key(2),
            parentId: null,
            authorId: newcomer.id,
            kind: 'comment',
            body: 'My first word here, sent twice at once.',
            html: '<p>My first word here, sent twice at once.</p>',
            quote: null,
            state: 'published',
            idempotencyKey: null,
          },
          1,
        )
        // The insert waits on the other's pseudonym until that commits.
        await new Promise((resolve) => setTimeout(resolve, 200))
        await other.query('commit')
        const posted = await posting
        const stored = await db
          .selectFrom('pseudonyms')
          .select('number')
          .where('personId', '=', newcomer.id)
          .execute()
        expect(stored).toEqual([{ number: taken }])
        expect(posted?.pseudonym).toBe(taken)
        expect(
          await db.selectFrom('comments').select('body').where('authorId', '=', newcomer.id).execute(),
        ).toEqual([{ body: 'My first word here, sent twice at once.' }])
      } finally {
        await other.end()
      }
    },
  )
})
