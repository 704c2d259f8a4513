import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importGuide } from '../../src/guides/guide.service.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { QueryCounter } from '../support/query-counter.ts'

const guideOf = (blocks: number) =>
  `# Guide of ${String(blocks)}\n\n${Array.from({ length: blocks - 1 }, (_, i) => `Paragraph ${String(i)} about residents.`).join('\n\n')}\n`

describe(`the reading page costs the same queries whatever the number of blocks and comments (${databaseKind})`, () => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await createTestDatabase()
    const admin = new Client(await testApp(database))
    await admin.send('POST', '/api/setup', { email: 'a@example.org', password: PASSWORD, displayName: 'A' })
    for (const [slug, blocks, comments] of [
      ['small', 30, 300],
      ['large', 300, 3000],
    ] as const) {
      await importGuide(database.db, guideOf(blocks), { slug, defaultState: 'open' })
      await sql`
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        select e.guide_id, e.id, b.key, 1, 'comment', 'A comment', '<p>A comment</p>', 'published'
        from editions e join guides g on g.id = e.guide_id join blocks b on b.edition_id = e.id
        cross join generate_series(1, ${comments / blocks}) n
        where g.slug = ${slug}`.execute(database.db)
    }
  })
  afterAll(async () => {
    await database.close()
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
