import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Decision } from '../kernel/words.ts'
import { CAMPAIGN_MIN_PEOPLE } from './normalise.ts'

export interface CampaignRow {
  id: number
  editionId: number
  size: number
  people: number
  commentIds: number[]
  blockKeys: (string | null)[]
  /** Its representative while that is still a member, else its earliest member. */
  representativeId: number
  representative: string
  decision: Decision | null
  response: string
  decisionDraft: boolean
  decidedAt: Date | null
}

/**
 * Campaigns with their members as they stand, in one statement: members split out, hidden or withdrawn
 * are left out, and a campaign left with fewer than three people is none (its comments stand alone).
 */
function campaigns(db: Db, where: ReturnType<typeof sql>, limit: number) {
  return sql<CampaignRow>`
    with live as (
      select k.id, k.edition_id, k.representative_id, k.decision, k.response, k.decision_draft, k.decided_at,
             count(*)::int as size, count(distinct c.author_id)::int as people,
             array_agg(c.id order by c.id) as comment_ids,
             array_agg(distinct c.block_key) as block_keys,
             bool_or(c.id = k.representative_id) as representative_stays, min(c.id) as earliest
      from campaigns k
      join campaign_members m on m.campaign_id = k.id and m.split_out_at is null
      join comments c on c.id = m.comment_id and c.state = 'published'
      where ${where}
      group by k.id
      having count(distinct c.author_id) >= ${CAMPAIGN_MIN_PEOPLE}
      order by k.id
      limit ${limit}
    )
    select live.id, live.edition_id, live.size, live.people, live.comment_ids, live.block_keys,
           r.id as representative_id, r.body as representative, live.decision, live.response,
           live.decision_draft, live.decided_at
    from live
    join comments r on r.id = case when live.representative_stays then live.representative_id else live.earliest end
    order by live.id`.execute(db)
}

/** A page of an edition's campaigns, oldest first, after the campaign `after`. */
export async function campaignsOfEdition(db: Db, editionId: number, after: number, limit: number) {
  const { rows } = await campaigns(db, sql`k.edition_id = ${editionId} and k.id > ${after}`, limit)
  return rows
}

/** One campaign as it stands; undefined when it is none (any more). */
export async function campaignById(db: Db, id: number) {
  const { rows } = await campaigns(db, sql`k.id = ${id}`, 1)
  return rows[0]
}

/** Where a campaign is, whether or not it is one any more: its edition and guide. */
export const campaignPlace = (db: Db, id: number) =>
  db
    .selectFrom('campaigns')
    .innerJoin('editions', 'editions.id', 'campaigns.editionId')
    .select(['campaigns.id', 'campaigns.editionId', 'editions.guideId', 'editions.number as editionNumber'])
    .where('campaigns.id', '=', id)
    .executeTakeFirst()

/**
 * What the campaign's tag is made of: each member's version and draft, which change with every decision
 * and edit, and who is in it.
 */
export const etagParts = (db: Db, id: number) =>
  db
    .selectFrom('campaignMembers as m')
    .innerJoin('comments as c', 'c.id', 'm.commentId')
    .leftJoin('decisionDrafts as d', 'd.commentId', 'm.commentId')
    .select(['c.id', 'c.version', 'c.state', 'd.decidedAt'])
    .where('m.campaignId', '=', id)
    .where('m.splitOutAt', 'is', null)
    .orderBy('c.id')
    .execute()

/** Takes a member out for good; answers whether it was one. */
export async function splitOut(db: Db, campaignId: number, commentId: number, by: number) {
  const updated = await db
    .updateTable('campaignMembers')
    .set({ splitOutAt: new Date(), splitOutBy: by })
    .where('campaignId', '=', campaignId)
    .where('commentId', '=', commentId)
    .where('splitOutAt', 'is', null)
    .returning('commentId')
    .executeTakeFirst()
  return updated !== undefined
}

/** What triage lists of each member: who sent it, where, its words and its public decision. */
export const memberSummaries = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comments as c')
        .innerJoin('people as p', 'p.id', 'c.authorId')
        .select(['c.id', 'c.blockKey', 'c.body', 'c.decision', 'p.displayName', 'p.erasedAt'])
        .where('c.id', 'in', ids)
        .execute()

/** The campaigns these comments are in (members split out are in none), in one query. */
export const membershipsOf = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('campaignMembers')
        .select(['commentId', 'campaignId'])
        .where('commentId', 'in', ids)
        .where('splitOutAt', 'is', null)
        .execute()
