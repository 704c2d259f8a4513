import type { Db } from '../platform/db/database.ts'
import { campaignsPlaced } from './campaign-placement.service.ts'
import type { Decision } from '../kernel/words.ts'
import { membershipsOf } from './campaign.repository.ts'
import { CAMPAIGN_MIN_PEOPLE } from './normalise.ts'

/** What the report knows of each comment it shows (public ones only). */
interface Reported {
  id: number
  authorId: number
  body: string
  decision: Decision
  response: string
  blockKey: string | null
  editionNumber: number
  state: string
}

export interface ReportCampaign {
  id: string
  editionNumber: number
  /** People who sent it, among the comments the public may read. */
  people: number
  comments: number
  /** Its earliest comment's words. */
  representative: string
  /** The decision and response on that comment: the one the campaign was given, unless changed since. */
  decision: Decision
  response: string
  blockKeys: (string | null)[]
  /** Its comments among those the public may read, for the report's spreadsheet. */
  commentIds: number[]
}

/**
 * The campaigns among a report's comments, largest first, each counted from the comments the public
 * may read (so a campaign the public sees fewer than three people of is not one there). One query.
 */
export async function campaignsInReport(db: Db, rows: readonly Reported[]): Promise<ReportCampaign[]> {
  // Comments posted a moment ago are in their campaigns first (campaign-placement.service.ts).
  await campaignsPlaced(db)
  // A withdrawn comment shows in the report as withdrawn, without its words: it counts for no campaign.
  const published = rows.filter((r) => r.state === 'published')
  const memberships = await membershipsOf(
    db,
    published.map((r) => r.id),
  )
  const rowOf = new Map(published.map((r) => [r.id, r]))
  const members = new Map<number, Reported[]>()
  for (const m of memberships) {
    const row = rowOf.get(m.commentId)
    if (row) members.set(m.campaignId, [...(members.get(m.campaignId) ?? []), row])
  }
  return [...members]
    .flatMap(([id, list]) => {
      const people = new Set(list.map((r) => r.authorId)).size
      const first = [...list].sort((a, b) => a.id - b.id)[0]
      if (!first || people < CAMPAIGN_MIN_PEOPLE) return []
      return [
        {
          id: String(id),
          editionNumber: first.editionNumber,
          people,
          comments: list.length,
          representative: first.body,
          decision: first.decision,
          response: first.response,
          blockKeys: [...new Set(list.map((r) => r.blockKey))],
          commentIds: list.map((r) => r.id),
        },
      ]
    })
    .sort((a, b) => b.people - a.people || Number(a.id) - Number(b.id))
}
