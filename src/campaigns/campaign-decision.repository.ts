import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Decision } from '../kernel/words.ts'

export interface CampaignDecision {
  decision: Decision
  response: string
  duplicateOf: number | null
  decidedBy: number
}

/**
 * Which of a campaign's members a decision reaches: every one still in it, or only `ids` (a comment
 * joining later). Split-out members keep their own decisions, and a member whose new words wait for
 * moderation takes it once approved (campaign-grouping.service.ts, giveOwedDecision).
 */
const targets = (campaignId: number, ids?: readonly number[]) => sql`
  select m.comment_id as id from campaign_members m
  join comments c on c.id = m.comment_id and c.state <> 'pending'
  where m.campaign_id = ${campaignId} and m.split_out_at is null
  ${ids ? sql`and m.comment_id = any(${sql.val([...ids])}::int[])` : sql``}`

/**
 * A public decision on the members, in one statement whatever their number: each comment's decision,
 * its history, its draft gone, and the `comment.decided` event streams announce. Answers the comments
 * decided with their editions.
 */
export async function decideMembers(
  db: Db,
  campaignId: number,
  d: CampaignDecision,
  ids?: readonly number[],
) {
  const { rows } = await sql<{ id: number; editionId: number }>`
    with targets as (${targets(campaignId, ids)}),
    decided as (
      update comments set decision = ${d.decision}, response = ${d.response}, duplicate_of = ${d.duplicateOf},
        decided_at = now(), decided_by = ${d.decidedBy}, version = comments.version + 1
      from targets where comments.id = targets.id
      returning comments.id, comments.edition_id
    ), history as (
      insert into decisions (comment_id, decision, response, duplicate_of, decided_by)
      select id, ${d.decision}, ${d.response}, ${d.duplicateOf}, ${d.decidedBy} from decided
    ), dropped as (
      delete from decision_drafts where comment_id in (select id from decided)
    ), events as (
      insert into events (edition_id, type, comment_id)
      select edition_id, 'comment.decided', id from decided
    )
    select id, edition_id from decided order by id`.execute(db)
  return rows
}

/** The same decision kept as each member's draft among the editors, in one statement. */
export async function draftMembers(db: Db, campaignId: number, d: CampaignDecision, ids?: readonly number[]) {
  const { rows } = await sql<{ commentId: number }>`
    insert into decision_drafts (comment_id, decision, response, duplicate_of, decided_by, decided_at)
    select id, ${d.decision}, ${d.response}, ${d.duplicateOf}, ${d.decidedBy}, now()
    from (${targets(campaignId, ids)}) as targets
    on conflict (comment_id) do update set decision = excluded.decision, response = excluded.response,
      duplicate_of = excluded.duplicate_of, decided_by = excluded.decided_by, decided_at = excluded.decided_at
    returning comment_id`.execute(db)
  return rows.map((r) => r.commentId)
}

/** Remembers the campaign's decision, which a comment joining later is given. */
export const recordCampaignDecision = (db: Db, campaignId: number, d: CampaignDecision, draft: boolean) =>
  db
    .updateTable('campaigns')
    .set({ ...d, decidedAt: new Date(), decisionDraft: draft })
    .where('id', '=', campaignId)
    .execute()

/**
 * Comments joining campaigns that exist, in one statement whatever the number of campaigns: puts each
 * in its campaign, and answers the decision of each campaign that has one, kept as a draft only while
 * the campaign's draft is still unreleased on some member (releasing drafts happens guide-wide, not per
 * campaign). Planned afresh each time, once per batch: a generic plan made on empty tables would walk
 * every member for `drafts_left`.
 */
export async function joinCampaigns(
  db: Db,
  joining: readonly { campaignId: number; commentIds: readonly number[] }[],
) {
  if (joining.length === 0) return new Map<number, { decision: CampaignDecision; draft: boolean }>()
  const pairs = joining.flatMap((j) => j.commentIds.map((commentId) => [commentId, j.campaignId] as const))
  const { rows } = await sql<{
    id: number
    decision: Decision
    response: string
    duplicateOf: number | null
    decidedBy: number
    draft: boolean
  }>`
    with joined as (
      insert into campaign_members (comment_id, campaign_id)
      select * from unnest(${sql.val(pairs.map((p) => p[0]))}::int[], ${sql.val(pairs.map((p) => p[1]))}::int[])
      on conflict do nothing
    )
    select c.id, c.decision, c.response, c.duplicate_of, c.decided_by,
           c.decision_draft and exists (
             select 1 from campaign_members m join decision_drafts d on d.comment_id = m.comment_id
             where m.campaign_id = c.id and m.split_out_at is null) as draft
    from campaigns c
    where c.id = any(${sql.val(joining.map((j) => j.campaignId))}::int[])
      and c.decision is not null and c.decided_by is not null`.execute(db)
  return new Map(
    rows.map((row) => [
      row.id,
      {
        decision: {
          decision: row.decision,
          response: row.response,
          duplicateOf: row.duplicateOf,
          decidedBy: row.decidedBy,
        },
        draft: row.draft,
      },
    ]),
  )
}

/**
 * The campaign whose decision passed a member by, if any: a decided campaign it is still in, while it has
 * no decision of its own, released or drafted. That is a member whose edited words were waiting for
 * moderation when the campaign was decided (`targets` leaves those out), now approved.
 */
export const owedCampaign = async (db: Db, commentId: number) =>
  (
    await sql<{ campaignId: number }>`
      select m.campaign_id from campaign_members m
      join campaigns k on k.id = m.campaign_id and k.decision is not null and k.decided_by is not null
      join comments c on c.id = m.comment_id and c.state = 'published' and c.decision = 'open'
      where m.comment_id = ${commentId} and m.split_out_at is null
        and not exists (select 1 from decision_drafts d where d.comment_id = m.comment_id)`.execute(db)
  ).rows[0]?.campaignId

/** The campaign row held until the transaction ends, for a decision checked against If-Match. */
export const lockCampaign = (db: Db, campaignId: number) =>
  db
    .selectFrom('campaigns')
    .select(['id', 'editionId'])
    .where('id', '=', campaignId)
    .forUpdate()
    .executeTakeFirst()
