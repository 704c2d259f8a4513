import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import type { Db } from '../platform/db/database.ts'
import { campaignsPlaced } from './campaign-placement.service.ts'
import { campaignsOfEdition, memberSummaries } from './campaign.repository.ts'
import { campaignView } from './campaign.service.ts'

/**
 * Members listed under each campaign on the triage page: a campaign of thousands is read by its text
 * and headcount, and its members one by one in the CSV (its `campaign` column), not in a page of
 * thousands of forms.
 */
export const MEMBERS_LISTED = 200

/** Campaigns of an edition at most, on one triage page. */
const CAMPAIGNS_LISTED = 500

/**
 * The edition's campaigns as triage shows them, each one item, and every member's campaign: the list
 * of single comments leaves the members out, and its count says how many it left. The caller has checked the viewer may decide on the guide. Two
 * queries, whatever the number of campaigns and members.
 */
export async function campaignsForTriage(db: Db, editionId: number, lang: Lang) {
  // Comments posted a moment ago are in their campaigns first (campaign-placement.service.ts).
  await campaignsPlaced(db)
  const rows = await campaignsOfEdition(db, editionId, 0, CAMPAIGNS_LISTED)
  const listed = rows.flatMap((row) => row.commentIds.slice(0, MEMBERS_LISTED))
  const summaryOf = new Map((await memberSummaries(db, listed)).map((m) => [m.id, m]))
  return {
    items: rows.map((row) => ({
      ...campaignView(row),
      members: row.commentIds.slice(0, MEMBERS_LISTED).flatMap((id) => {
        const m = summaryOf.get(id)
        return m
          ? [
              {
                id: String(id),
                blockKey: m.blockKey,
                body: m.body,
                decision: m.decision,
                author: m.erasedAt ? translator(lang)('names.former') : m.displayName,
              },
            ]
          : []
      }),
    })),
    /** Every member's campaign, by the member's id. */
    campaignOf: new Map(rows.flatMap((row) => row.commentIds.map((id) => [id, row.id] as const))),
  }
}

export type TriageCampaign = Awaited<ReturnType<typeof campaignsForTriage>>['items'][number]
