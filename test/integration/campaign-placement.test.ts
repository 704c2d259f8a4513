import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupComment, groupPosted } from '../../src/campaigns/campaign-grouping.service.ts'
import { campaignsPlaced, placeUnplaced } from '../../src/campaigns/campaign-placement.service.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { consultationComments } from '../support/campaign-texts.ts'
import { HOLDERS_PER_BAND, storedBands } from '../../src/campaigns/lsh.ts'
import { normalise } from '../../src/campaigns/normalise.ts'
import * as bandHolders from '../../migrations/20261217T000000-campaign-band-holders.ts'

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'
const TEXT =
  'I object to the removal of the protected cycle lane on Mill Road. It keeps children safe on their way to school.'
const PEOPLE = ['ann', 'ben', 'cat', 'dai', 'eve', 'fay', 'gus', 'hal'] as const
type Who = (typeof PEOPLE)[number]

/**
 * Posting answers first and places the comment in its campaign just after, in batches
 * (campaign-placement.service.ts): what was placed must be what placing each one as it came would
 * place, none may be left out, and a process that stopped in between leaves nothing unplaced for good.
 */
describe(`comments are placed in campaigns just after they are posted (${databaseKind})`, () => {
  let c: Consultation<Who>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [
        { slug: 'mill', markdown: GUIDE, state: 'open' },
        { slug: 'batched', markdown: GUIDE, state: 'open' },
        { slug: 'single', markdown: GUIDE, state: 'open' },
        { slug: 'whole', markdown: GUIDE, state: 'open' },
        { slug: 'left', markdown: GUIDE, state: 'open' },
        { slug: 'decided', markdown: GUIDE, state: 'open' },
        { slug: 'edited', markdown: GUIDE, state: 'open' },
        { slug: 'letters', markdown: GUIDE, state: 'open' },
        { slug: 'twice', markdown: GUIDE, state: 'open' },
        { slug: 'hidden', markdown: GUIDE, state: 'open' },
      ],
      people: Object.fromEntries(PEOPLE.map((p) => [p, { email: `${p}@example.org`, name: p }])) as Record<
        Who,
        { email: string; name: string }
      >,
    })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  const campaignOf = async (ids: readonly number[]) => {
    const rows = await c.database.db
      .selectFrom('campaignMembers')
      .select(['commentId', 'campaignId'])
      .where('commentId', 'in', ids)
      .execute()
    const of = new Map(rows.map((r) => [r.commentId, r.campaignId]))
    return ids.map((id) => of.get(id) ?? null)
  }

  it('puts a burst of copies posted at the same moment in one campaign, every copy in it', async () => {
    const key = c.guides.mill?.key(1) ?? ''
    const answers = await Promise.all(
      PEOPLE.map((who, i) =>
        c.people[who].send('POST', `/api/guides/mill/editions/1/blocks/${key}/comments`, {
          kind: 'comment',
          body: `${i % 2 === 0 ? 'Dear Sir,\n\n' : ''}${TEXT}`,
        }),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual(PEOPLE.map(() => 201))
    const ids = await Promise.all(answers.map(async (a) => Number(((await a.json()) as { id: string }).id)))
    const own = Number(
      await c.post(c.people.ann, 1, { body: 'The buses should stop nearer the school gates.' }),
    )
    await campaignsPlaced(c.database.db)
    const campaigns = await campaignOf(ids)
    expect(campaigns.every((id) => id !== null)).toBe(true)
    expect(new Set(campaigns).size).toBe(1)
    expect(await campaignOf([own])).toEqual([null])
    // The editors' list counts every copy and every person.
    const list = await c.admin.expect<{ items: { size: number; people: number }[] }>(
      200,
      'GET',
      '/api/guides/mill/editions/1/campaigns',
    )
    expect(list.items).toHaveLength(1)
    expect(list.items[0]).toMatchObject({ size: PEOPLE.length, people: PEOPLE.length })
  })

  /** Writes generated comments straight into a guide's edition 1, as a process would before placing them. */
  async function write(slug: string, comments: readonly { author: number; body: string }[]) {
    const people = await sql<{ id: number }>`
      insert into people (email, display_name)
      select ${slug} || '-' || n || '@example.org', 'Person ' || n
      from generate_series(1, ${Math.max(...comments.map((x) => x.author))}) n
      returning id`.execute(c.database.db)
    const ids: number[] = []
    for (const comment of comments) {
      const { rows } = await sql<{ id: number; editionId: number }>`
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        select e.guide_id, e.id, null, ${people.rows[comment.author - 1]?.id ?? 0}, 'comment', ${comment.body},
               '<p></p>', 'published'
        from editions e join guides g on g.id = e.guide_id where g.slug = ${slug} and e.number = 1
        returning id, edition_id`.execute(c.database.db)
      ids.push(rows[0]?.id ?? 0)
    }
    const rows = await c.database.db
      .selectFrom('comments')
      .select(['id', 'editionId', 'authorId', 'parentId', 'state', 'body'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
    return rows
  }

  /** Campaign ids renamed by first appearance, so two groupings of the same texts compare. */
  const shape = (campaigns: (number | null)[]) => {
    const names = new Map<number, number>()
    return campaigns.map((id) => (id === null ? null : (names.get(id) ?? names.set(id, names.size).size - 1)))
  }

  it('places a batch exactly as placing its comments one by one would', async () => {
    const set = consultationComments({ campaigns: 2, perCampaign: 12, own: 30, seed: 5 })
    const batched = await write('batched', set.comments)
    const single = await write('single', set.comments)
    const whole = await write('whole', set.comments)
    for (let i = 0; i < batched.length; i += 7)
      await groupPosted(c.database.db, batched[0]?.editionId ?? 0, batched.slice(i, i + 7))
    for (const comment of single) await groupComment(c.database.db, comment.id)
    await groupPosted(c.database.db, whole[0]?.editionId ?? 0, whole)
    const oneByOne = shape(await campaignOf(single.map((x) => x.id)))
    expect(new Set(oneByOne.filter((x) => x !== null)).size).toBe(2)
    expect(shape(await campaignOf(batched.map((x) => x.id)))).toEqual(oneByOne)
    expect(shape(await campaignOf(whole.map((x) => x.id)))).toEqual(oneByOne)
  })

  it('gives copies arriving together the decision of the campaign they join, each of them', async () => {
    const path = `/api/guides/decided/editions/1/blocks/${c.guides.decided?.key(1) ?? ''}/comments`
    const copy = (who: Who) => c.people[who].send('POST', path, { kind: 'comment', body: TEXT })
    for (const who of PEOPLE) await c.enrol(c.people[who], 'decided')
    for (const who of PEOPLE.slice(0, 3)) expect((await copy(who)).status).toBe(201)
    await campaignsPlaced(c.database.db)
    const { items } = await c.admin.expect<{ items: { id: string }[] }>(
      200,
      'GET',
      '/api/guides/decided/editions/1/campaigns',
    )
    expect(items).toHaveLength(1)
    await c.admin.expect(200, 'PUT', `/api/campaigns/${items[0]?.id ?? ''}/decision`, {
      decision: 'noted',
      response: 'Thank you.',
      draft: false,
    })
    // The rest at the same moment: placed together, in one batch.
    const answers = await Promise.all(PEOPLE.slice(3).map(copy))
    expect(answers.map((a) => a.status)).toEqual(PEOPLE.slice(3).map(() => 201))
    const ids = await Promise.all(answers.map(async (a) => Number(((await a.json()) as { id: string }).id)))
    await campaignsPlaced(c.database.db)
    expect(new Set(await campaignOf(ids))).toEqual(new Set([Number(items[0]?.id)]))
    const decided = await c.database.db
      .selectFrom('comments')
      .select(['decision', 'response'])
      .where('id', 'in', ids)
      .execute()
    expect(decided).toEqual(ids.map(() => ({ decision: 'noted', response: 'Thank you.' })))
  })

  it('places an edited comment by its new words, and keeps it in the campaign it joined', async () => {
    const path = `/api/guides/edited/editions/1/blocks/${c.guides.edited?.key(1) ?? ''}/comments`
    for (const who of PEOPLE) await c.enrol(c.people[who], 'edited')
    const post = async (who: Who, body: string) => {
      const answer = await c.people[who].send('POST', path, { kind: 'comment', body })
      expect(answer.status).toBe(201)
      return Number(((await answer.json()) as { id: string }).id)
    }
    const copies = [await post('ann', TEXT), await post('ben', TEXT), await post('cat', TEXT)]
    const own = await post('dai', 'The buses should stop nearer the school gates, and run later at night.')
    await campaignsPlaced(c.database.db)
    const [campaign] = await campaignOf(copies)
    expect(campaign).not.toBeNull()
    expect(await campaignOf(copies)).toEqual([campaign, campaign, campaign])
    expect(await campaignOf([own])).toEqual([null])
    // Edited into the campaign's words, it joins the campaign; its old words find nothing of it.
    await c.people.dai.expect(200, 'PATCH', `/api/comments/${String(own)}`, { body: `Hello. ${TEXT}` })
    expect(await campaignOf([own])).toEqual([campaign])
    const texts = await c.database.db
      .selectFrom('campaignTexts')
      .select('normalised')
      .where('commentId', '=', own)
      .execute()
    expect(texts).toHaveLength(1)
    expect(texts[0]?.normalised).not.toContain('buses')
    // Edited away again, it stays where it was put (an editor may split it out), with its new text kept.
    await c.people.dai.expect(200, 'PATCH', `/api/comments/${String(own)}`, {
      body: 'The buses should stop nearer the school gates, and run later at night, please.',
    })
    expect(await campaignOf([own])).toEqual([campaign])
    // Edited too short to count, its text is dropped, so later copies never meet it.
    await c.people.dai.expect(200, 'PATCH', `/api/comments/${String(own)}`, { body: 'Agreed.' })
    expect(
      await c.database.db
        .selectFrom('campaignTexts')
        .select('commentId')
        .where('commentId', '=', own)
        .execute(),
    ).toEqual([])
  })

  it('finds the comments a stopped process left unplaced, and places each once', async () => {
    const left = await write('left', [
      { author: 1, body: TEXT },
      { author: 2, body: `${TEXT} Thank you.` },
      { author: 3, body: `Hello. ${TEXT}` },
      { author: 4, body: 'Too short to count.' },
    ])
    expect(await campaignOf(left.map((x) => x.id))).toEqual([null, null, null, null])
    expect(await placeUnplaced(c.database.db)).toBe(3)
    const campaigns = await campaignOf(left.map((x) => x.id))
    expect(campaigns[0]).not.toBeNull()
    expect(campaigns.slice(0, 3)).toEqual([campaigns[0], campaigns[0], campaigns[0]])
    expect(campaigns[3]).toBeNull()
    // Placed once: a second run finds nothing left to place.
    expect(await placeUnplaced(c.database.db)).toBe(0)
  })

  it('places a comment two placers were given at once in one campaign, and forms no empty one', async () => {
    // Posting hands a comment to its process's placer while the queue's placeUnplaced, which found it
    // without a text a moment earlier, places it too: the second must see what the first did.
    const given = await write('twice', [
      { author: 1, body: TEXT },
      { author: 2, body: `${TEXT} Thank you.` },
      { author: 3, body: `Hello. ${TEXT}` },
    ])
    const editionId = given[0]?.editionId ?? 0
    await Promise.all([
      groupPosted(c.database.db, editionId, given),
      groupPosted(c.database.db, editionId, given),
    ])
    const campaigns = await campaignOf(given.map((x) => x.id))
    expect(campaigns[0]).not.toBeNull()
    expect(campaigns).toEqual([campaigns[0], campaigns[0], campaigns[0]])
    const formed = await c.database.db
      .selectFrom('campaigns')
      .leftJoin('campaignMembers', 'campaignMembers.campaignId', 'campaigns.id')
      .select(['campaigns.id', (eb) => eb.fn.count<string>('campaignMembers.commentId').as('members')])
      .where('campaigns.editionId', '=', editionId)
      .groupBy('campaigns.id')
      .execute()
    expect(formed.map((f) => Number(f.members))).toEqual([3])
  })

  it('places a comment as it stands when placed: hidden since it was posted, it joins nothing', async () => {
    const posted = await write('hidden', [
      { author: 1, body: TEXT },
      { author: 2, body: `${TEXT} Thank you.` },
      { author: 3, body: `Hello. ${TEXT}` },
      { author: 4, body: `${TEXT} Regards, Dai` },
    ])
    const hidden = posted[1]?.id ?? 0
    // A moderator hides one between its 201 and its placing, which still holds it as posted.
    await sql`update comments set state = 'hidden', hidden_reason_code = 'spam' where id = ${hidden}`.execute(
      c.database.db,
    )
    await groupPosted(c.database.db, posted[0]?.editionId ?? 0, posted)
    const campaigns = await campaignOf(posted.map((x) => x.id))
    expect(campaigns[0]).not.toBeNull()
    expect(campaigns).toEqual([campaigns[0], null, campaigns[0], campaigns[0]])
    const kept = await sql<{
      bands: number[]
    }>`select bands from campaign_texts where comment_id = ${hidden}`.execute(c.database.db)
    expect(kept.rows[0]?.bands).toEqual([])
  })

  it(`keeps each band for the first ${String(HOLDERS_PER_BAND)} copies of a letter and still places every copy; its migration trims the bands kept before`, async () => {
    // A form letter each sender signs: the same long words in every copy, so every copy would keep
    // the same bands, and the bands' index would hand each new copy all the earlier ones.
    const copies = Array.from({ length: 14 }, (_, i) => ({
      author: i + 1,
      body: `${TEXT}\n\nSigned, sender number ${String(i + 1)}`,
    }))
    const letters = await write('letters', copies)
    const editionId = letters[0]?.editionId ?? 0
    for (let i = 0; i < letters.length; i += 5)
      await groupPosted(c.database.db, editionId, letters.slice(i, i + 5))
    const campaigns = await campaignOf(letters.map((x) => x.id))
    expect(campaigns.every((id) => id !== null && id === campaigns[0])).toBe(true)

    /** Each band value kept, with the comments keeping it in the order they were posted. */
    const holders = async () => {
      const { rows } = await sql<{ band: number; ids: number[] }>`
        select b as band, array_agg(t.comment_id order by t.comment_id) as ids
        from campaign_texts t cross join unnest(t.bands) b where t.edition_id = ${editionId} group by b`.execute(
        c.database.db,
      )
      return rows
    }
    const ids = letters.map((x) => x.id)
    const first = ids.slice(0, HOLDERS_PER_BAND)
    const kept = await holders()
    expect(kept.length).toBeGreaterThan(0)
    for (const { ids: keeping } of kept) expect(keeping.length).toBeLessThanOrEqual(HOLDERS_PER_BAND)
    // Bands every copy shares are kept by the first copies only.
    const shared = storedBands(normalise(copies[0]?.body ?? ''), editionId)
    for (const { band, ids: keeping } of kept) if (shared.includes(band)) expect(keeping).toEqual(first)

    // As saved before the migration: every copy keeping all its bands, one since held for moderation.
    for (const [i, letter] of letters.entries())
      await sql`update campaign_texts set bands = ${`{${storedBands(normalise(copies[i]?.body ?? ''), editionId).join(',')}}`}::int[]
                where comment_id = ${letter.id}`.execute(c.database.db)
    const held = ids[1] ?? 0
    await sql`update comments set state = 'pending' where id = ${held}`.execute(c.database.db)
    expect(Math.max(...(await holders()).map((h) => h.ids.length))).toBe(letters.length)
    await bandHolders.up(c.database.db as unknown as Kysely<unknown>)
    const trimmed = await holders()
    const firstPublished = ids.filter((id) => id !== held).slice(0, HOLDERS_PER_BAND)
    for (const { band, ids: keeping } of trimmed) {
      expect(keeping.length).toBeLessThanOrEqual(HOLDERS_PER_BAND)
      expect(keeping).not.toContain(held)
      if (shared.includes(band)) expect(keeping).toEqual(firstPublished)
    }
    const heldBands = await sql<{
      bands: number[]
    }>`select bands from campaign_texts where comment_id = ${held}`.execute(c.database.db)
    expect(heldBands.rows[0]?.bands).toEqual([])
  })
})
