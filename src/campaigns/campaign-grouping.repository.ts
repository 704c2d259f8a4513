import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { NEAR_CANDIDATES, type Near } from './placing.ts'

/**
 * Campaigns are grouped one edition at a time, under a lock of that edition's own: two comments of a
 * campaign posted at the same moment must not each start a campaign of their own.
 */
const CAMPAIGN_LOCK = 2_121

export const lockEditionCampaigns = (db: Db, editionId: number) =>
  sql`select pg_advisory_xact_lock(${CAMPAIGN_LOCK}, ${editionId})`.execute(db)

/** What grouping needs of one comment: where it is, whether it counts, what it says. */
export const groupable = (db: Db, commentId: number) =>
  db
    .selectFrom('comments')
    .leftJoin('campaignMembers', 'campaignMembers.commentId', 'comments.id')
    .select([
      'comments.id',
      'comments.editionId',
      'comments.authorId',
      'comments.parentId',
      'comments.state',
      'comments.body',
      'campaignMembers.campaignId',
    ])
    .where('comments.id', '=', commentId)
    .executeTakeFirst()

export const dropText = (db: Db, commentId: number) =>
  db.deleteFrom('campaignTexts').where('commentId', '=', commentId).execute()

const finding = (db: Db, p: { editionId: number; normalised: string[]; bands: string[] }) =>
  sql<Near>`
    with texts as (
      select k::int as k, normalised, bands::int[] as bands
      from unnest(${sql.val(p.normalised)}::text[], ${sql.val(p.bands)}::text[]) with ordinality as t (normalised, bands, k)
    ),
    near as materialized (
      select t.k, n.comment_id, n.normalised, n.bands
      from texts t cross join lateral (
        (select comment_id, normalised, bands from campaign_texts
         where edition_id = ${p.editionId} and md5(normalised) = md5(t.normalised)
         limit ${NEAR_CANDIDATES})
        union
        (select comment_id, normalised, bands from campaign_texts
         where bands && t.bands and edition_id + 0 = ${p.editionId}
         limit ${NEAR_CANDIDATES})
      ) n
    )
    select t.k - 1 as text, t.comment_id, c.author_id, m.campaign_id, m.split_out_at is not null as split_out,
           t.normalised, t.bands
    from near t
    cross join lateral (
      select author_id from comments
      where id = t.comment_id and state = 'published' and parent_id is null limit 1
    ) c
    left join lateral (
      select campaign_id, split_out_at from campaign_members where comment_id = t.comment_id limit 1
    ) m on true`.execute(db)

/**
 * The published top-level comments of the edition that may be nearly the same as each distinct text,
 * in one statement, with their texts, the bands each keeps and the campaign each is in (split out or
 * not): those with the very same text (by its hash's index) and those sharing a band (the bands' GIN
 * index; the bands are salted by edition, so the edition's own index is not needed), a bounded number
 * of each. The batch's own comments are left to the caller to leave out: only one edited has a row to
 * find, and `<> all(batch)` measured in SQL cost each candidate a walk of the whole batch (1.3 s for a
 * batch of 838 that fell behind).
 * The caller measures them (pg_trgm's rule, placing.ts): pg_trgm's `similarity` re-reads the new text
 * for every candidate, a hundred times slower. Each row names the text it was found near (its index).
 *
 * Planned afresh each time (once per batch, not per comment), never prepared: a generic plan made
 * while the tables were nearly empty walked every comment of the edition for each text, 31 s a batch
 * once there were a few thousand (#18). Even planned afresh, the statistics of a table growing fast lag
 * behind it, so the shape is fixed: the near rows are gathered first (`materialized`), then each is
 * looked up by its id (`limit 1` keeps the planner from turning those lookups back into a join that
 * walks the comments).
 */
export async function findNear(
  db: Db,
  editionId: number,
  texts: readonly { normalised: string; bands: readonly number[] }[],
) {
  const { rows } = await finding(db, {
    editionId,
    normalised: texts.map((t) => t.normalised),
    bands: texts.map((t) => `{${t.bands.join(',')}}`),
  })
  return rows
}

/**
 * These comments as they stand now (read under the edition's lock): whether each is published, and
 * the campaign it is in (split out of it or not). A comment no longer there has no entry.
 */
export async function commentsNow(
  db: Db,
  commentIds: readonly number[],
): Promise<Map<number, { state: string; campaignId: number | null }>> {
  if (commentIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('comments as c')
    .leftJoin('campaignMembers as m', 'm.commentId', 'c.id')
    .select(['c.id', 'c.state', 'm.campaignId'])
    .where('c.id', '=', sql<number>`any(${sql.val(commentIds)}::int[])`)
    .execute()
  return new Map(rows.map((r) => [r.id, { state: r.state, campaignId: r.campaignId }]))
}

/**
 * How many published top-level comments of the edition keep each band value, for grouping the whole
 * edition by the rule posting keeps bands by (lsh.ts's `BandHolders`).
 */
export async function bandHolders(db: Db, editionId: number): Promise<[number, number][]> {
  const { rows } = await sql<{ band: number; holders: number }>`
    select b as band, count(*)::int as holders
    from campaign_texts t
    join comments c on c.id = t.comment_id and c.state = 'published' and c.parent_id is null
    cross join unnest(t.bands) as b
    where t.edition_id = ${editionId}
    group by b`.execute(db)
  return rows.map((r) => [r.band, r.holders])
}

/**
 * Every top-level published comment of the edition with a text long enough to group, in the order
 * they were posted, with the campaign each is in; for grouping the whole edition at once.
 */
export const editionCandidates = (db: Db, editionId: number) =>
  db
    .selectFrom('campaignTexts as t')
    .innerJoin('comments as c', 'c.id', 't.commentId')
    .leftJoin('campaignMembers as m', 'm.commentId', 't.commentId')
    .select([
      't.commentId as id',
      'c.authorId',
      't.normalised',
      'm.campaignId',
      sql<boolean>`m.split_out_at is not null`.as('splitOut'),
    ])
    .where('t.editionId', '=', editionId)
    .where('c.state', '=', 'published')
    .where('c.parentId', 'is', null)
    .orderBy('t.commentId')
    .execute()

/**
 * The edition's top-level comments with no normalised text yet (imported, restored, or from before),
 * or with no bands (saved before bands existed), earliest first: the first to have a band keep it.
 */
export const commentsWithoutText = (db: Db, editionId: number) =>
  db
    .selectFrom('comments as c')
    .leftJoin('campaignTexts as t', 't.commentId', 'c.id')
    .select(['c.id', 'c.body', 'c.state'])
    .where('c.editionId', '=', editionId)
    .where('c.parentId', 'is', null)
    .where('t.bands', 'is', null)
    .orderBy('c.id')
    .execute()

/**
 * Many comments' normalised texts and the bands each keeps, in one statement (bands as array literals,
 * one per row), in place of any kept before.
 */
export const saveTexts = (
  db: Db,
  editionId: number,
  rows: readonly { id: number; normalised: string; bands: readonly number[] }[],
) =>
  rows.length === 0
    ? Promise.resolve()
    : sql`insert into campaign_texts (comment_id, edition_id, normalised, bands)
          select id, ${editionId}, normalised, bands::int[]
          from unnest(${sql.val(rows.map((r) => r.id))}::int[], ${sql.val(rows.map((r) => r.normalised))}::text[],
                      ${sql.val(rows.map((r) => `{${r.bands.join(',')}}`))}::text[])
            as t (id, normalised, bands)
          on conflict (comment_id) do update set normalised = excluded.normalised, bands = excluded.bands`.execute(
        db,
      )

/** Many campaigns formed at once: answers their ids, in the order given. */
export async function formCampaigns(db: Db, editionId: number, groups: readonly { memberIds: number[] }[]) {
  if (groups.length === 0) return []
  const rows = await db
    .insertInto('campaigns')
    .values(groups.map((g) => ({ editionId, representativeId: Math.min(...g.memberIds) })))
    .returning('id')
    .execute()
  const ids = rows.map((r) => r.id).sort((a, b) => a - b)
  const members = groups.flatMap((g, i) =>
    g.memberIds.map((commentId) => ({ commentId, campaignId: ids[i] ?? 0 })),
  )
  await joinMany(db, members)
  return ids
}

/** Many comments joining campaigns, one statement. */
export const joinMany = (db: Db, rows: readonly { commentId: number; campaignId: number }[]) =>
  rows.length === 0
    ? Promise.resolve()
    : sql`insert into campaign_members (comment_id, campaign_id)
          select * from unnest(${sql.val(rows.map((r) => r.commentId))}::int[], ${sql.val(rows.map((r) => r.campaignId))}::int[])
          on conflict do nothing`.execute(db)

/**
 * Top-level comments of editions open now that have no text kept for grouping: those a stopped
 * process had not placed yet, and those too short to be placed at all (the caller tells them apart).
 */
export const unplacedInOpenEditions = (db: Db) =>
  db
    .selectFrom('comments as c')
    .innerJoin('editions as e', 'e.id', 'c.editionId')
    .leftJoin('campaignTexts as t', 't.commentId', 'c.id')
    .select(['c.id', 'c.editionId', 'c.authorId', 'c.parentId', 'c.state', 'c.body'])
    .where('e.state', '=', 'open')
    .where('c.parentId', 'is', null)
    .where('t.commentId', 'is', null)
    .orderBy('c.id')
    .execute()
