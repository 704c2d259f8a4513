import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupComment, groupEdition } from '../../src/campaigns/campaign-grouping.service.ts'
import { normalise } from '../../src/campaigns/normalise.ts'
import { similarity, trigrams } from '../../src/campaigns/trigrams.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { consultationComments, scoreCampaigns, type GeneratedComment } from '../support/campaign-texts.ts'

const GUIDE = '# Transport plan\n\nBuses and the bus station.\n\nCycling and walking.\n\nParking.\n'

/** Three true campaigns of 40 copies, 200 comments of people's own, and one person's five copies. */
const SET = consultationComments({ campaigns: 3, perCampaign: 40, own: 200, seed: 21 })

describe(`campaigns are found in a consultation's comments (${databaseKind})`, () => {
  let c: Consultation<never>
  let database: TestDatabase
  /** People of the generated set, by their number there. */
  const people = new Map<number, number>()

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'a@example.org', name: 'A' },
      guides: [
        { slug: 'posted', markdown: GUIDE, state: 'open' },
        { slug: 'imported', markdown: GUIDE, state: 'open' },
      ],
    })
    database = c.database
    const { rows } = await sql<{ id: number }>`
      insert into people (email, display_name)
      select 'p' || n || '@example.org', 'Person ' || n from generate_series(1, ${SET.people}) n
      returning id`.execute(database.db)
    rows.forEach((row, i) => people.set(i + 1, row.id))
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  /** Writes one generated comment on a guide's edition 1, on a block or the general discussion. */
  async function write(slug: string, comment: GeneratedComment, i: number): Promise<number> {
    const blocks = c.guides[slug]?.keys ?? []
    const { rows } = await sql<{ id: number }>`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
      select e.guide_id, e.id, ${i % 4 === 0 ? null : (blocks[i % blocks.length] ?? null)}, ${people.get(comment.author) ?? 0},
             'comment', ${comment.body}, '<p></p>', 'published'
      from editions e join guides g on g.id = e.guide_id where g.slug = ${slug} and e.number = 1
      returning id`.execute(database.db)
    return rows[0]?.id ?? 0
  }

  const campaignsOf = async (ids: number[]) => {
    const rows = await database.db
      .selectFrom('campaignMembers')
      .select(['commentId', 'campaignId'])
      .where('commentId', 'in', ids)
      .execute()
    const of = new Map(rows.map((r) => [r.commentId, r.campaignId]))
    return ids.map((id) => of.get(id) ?? null)
  }

  let posted: (number | null)[] = []
  let imported: (number | null)[] = []

  it('as each comment is posted: precision and recall of 95 % or more', async () => {
    const ids: number[] = []
    for (const [i, comment] of SET.comments.entries()) {
      const id = await write('posted', comment, i)
      await groupComment(database.db, id)
      ids.push(id)
    }
    posted = await campaignsOf(ids)
    const score = scoreCampaigns(
      SET.comments.map((x) => x.campaign),
      posted,
    )
    expect(score.precision).toBeGreaterThanOrEqual(0.95)
    expect(score.recall).toBeGreaterThanOrEqual(0.95)
    expect(new Set(posted.filter((x) => x !== null)).size).toBe(3)
  }, 120_000)

  it('for a whole edition at once: the same campaigns as posting them one by one', async () => {
    const ids: number[] = []
    for (const [i, comment] of SET.comments.entries()) ids.push(await write('imported', comment, i))
    expect(await groupEdition(database.db, await editionOf('imported'))).toMatchObject({ formed: 3 })
    imported = await campaignsOf(ids)
    const score = scoreCampaigns(
      SET.comments.map((x) => x.campaign),
      imported,
    )
    expect(score.precision).toBeGreaterThanOrEqual(0.95)
    expect(score.recall).toBeGreaterThanOrEqual(0.95)
    // The same partition: two comments share a campaign in one exactly when they do in the other.
    const pairs = (found: (number | null)[]) =>
      found.flatMap((x, i) => found.slice(i + 1).map((y) => x !== null && x === y))
    expect(pairs(imported)).toEqual(pairs(posted))
    // Grouping again changes nothing.
    expect(await groupEdition(database.db, await editionOf('imported'))).toEqual({ formed: 0, joined: 0 })
  }, 120_000)

  it('one person sending the same text five times is not a campaign', () => {
    const loud = SET.comments.map((x, i) => ({ x, i })).filter(({ x }) => x.author === SET.people - 1)
    expect(loud).toHaveLength(5)
    for (const { i } of loud) expect(posted[i]).toBeNull()
  })

  it("measures two texts alike as PostgreSQL's pg_trgm does", async () => {
    const texts = SET.comments.slice(0, 12).map((x) => normalise(x.body))
    for (const a of texts)
      for (const b of texts.slice(0, 4)) {
        const { rows } = await sql<{ s: number }>`select similarity(${a}, ${b}) as s`.execute(database.db)
        expect(similarity(trigrams(a), trigrams(b))).toBeCloseTo(rows[0]?.s ?? -1, 5)
      }
  })

  const editionOf = async (slug: string) =>
    (
      await database.db
        .selectFrom('editions')
        .innerJoin('guides', 'guides.id', 'editions.guideId')
        .select('editions.id')
        .where('guides.slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).id
})
