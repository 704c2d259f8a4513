import { createHash } from 'node:crypto'
import type { Db } from '../platform/db/database.ts'
import { campaignsPlaced } from './campaign-placement.service.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { DomainError, notFound } from '../kernel/errors.ts'
import { findGuideById } from '../guides/guide.repository.ts'
import { getEdition } from '../guides/reading.service.ts'
import { announceEvents } from '../live/announce.ts'
import { ifMatchHolds } from '../platform/http/conditional.ts'
import { noticeDecisions } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { checkDuplicate, keptAsDraft } from '../decisions/decision.service.ts'
import type { DecisionInput } from '../decisions/decision.schemas.ts'
import {
  campaignById,
  campaignPlace,
  campaignsOfEdition,
  etagParts,
  splitOut,
  type CampaignRow,
} from './campaign.repository.ts'
import {
  decideMembers,
  draftMembers,
  lockCampaign,
  recordCampaignDecision,
} from './campaign-decision.repository.ts'
import type { CampaignView } from './campaign.schemas.ts'

/** Campaigns per page: a consultation has a handful, a national one a few dozen. */
export const CAMPAIGN_PAGE_SIZE = 50

export const campaignView = (row: CampaignRow): CampaignView => ({
  id: String(row.id),
  size: row.size,
  people: row.people,
  representative: row.representative,
  representativeId: String(row.representativeId),
  commentIds: row.commentIds.map(String),
  blockKeys: row.blockKeys,
  decision:
    row.decision === null || row.decidedAt === null
      ? null
      : {
          decision: row.decision,
          response: row.response,
          draft: row.decisionDraft,
          decidedAt: row.decidedAt.toISOString(),
        },
})

/** `GET /api/guides/:slug/editions/:n/campaigns`: the edition's campaigns, for its editors. */
export async function listCampaigns(db: Db, viewer: Viewer, slug: string, n: number, cursor?: string) {
  // Comments posted a moment ago are in their campaigns first (campaign-placement.service.ts).
  await campaignsPlaced(db)
  const { guide, edition } = await getEdition(db, slug, n, viewer)
  authorise(viewer, 'decide', guide)
  const rows = await campaignsOfEdition(db, edition.id, Number(cursor ?? 0), CAMPAIGN_PAGE_SIZE + 1)
  const page = rows.slice(0, CAMPAIGN_PAGE_SIZE)
  return {
    items: page.map(campaignView),
    next: rows.length > CAMPAIGN_PAGE_SIZE ? String(page[page.length - 1]?.id ?? '') : null,
  }
}

/**
 * A campaign's guide, for its editors; a campaign of a guide someone may not decide on is as good as
 * absent to the public (401/403 come before, as for a comment's decision).
 */
async function placeOf(db: Db, viewer: Viewer, id: number) {
  const place = await campaignPlace(db, id)
  if (!place) throw notFound('That campaign')
  const guide = await findGuideById(db, place.guideId)
  authorise(viewer, 'decide', guide)
  return { place, guide }
}

/** A strong tag that changes when any member's decision, draft, words or state does, or who is in it. */
async function campaignEtag(db: Db, id: number) {
  const parts = await etagParts(db, id)
  const hash = createHash('sha256')
  for (const p of parts)
    hash.update(`${String(p.id)}:${String(p.version)}:${p.state}:${String(p.decidedAt?.getTime() ?? '')};`)
  return `"k${String(id)}-${hash.digest('base64url').slice(0, 22)}"`
}

/** `GET /api/campaigns/:id`: one campaign with its ETag. */
export async function campaignWithEtag(db: Db, viewer: Viewer, id: number) {
  // Comments posted a moment ago are in their campaigns first (campaign-placement.service.ts).
  await campaignsPlaced(db)
  await placeOf(db, viewer, id)
  const row = await campaignById(db, id)
  if (!row) throw notFound('That campaign')
  return { campaign: campaignView(row), etag: await campaignEtag(db, id) }
}

const stale = () =>
  new DomainError('stale', 'Someone changed a comment of this campaign since you loaded it; look again.')

/**
 * `PUT /api/campaigns/:id/decision`: one decision and response for every member, in one transaction
 * and a few statements whatever the campaign's size; public at once (each member's event, and a notice
 * to each author as for a single decision) or kept as the members' drafts. The campaign keeps it, so a
 * comment joining later is given the same. With If-Match, written only if no member changed since.
 */
export async function decideCampaign(
  db: Db,
  viewer: Viewer,
  id: number,
  input: DecisionInput,
  ifMatch?: string,
) {
  // Comments posted a moment ago are in their campaigns first (campaign-placement.service.ts).
  await campaignsPlaced(db)
  const { place, guide } = await placeOf(db, viewer, id)
  const current = await campaignById(db, id)
  if (!current) throw notFound('That campaign')
  const duplicateOf = await checkDuplicate(db, guide.id, current.commentIds, input)
  const decision = {
    decision: input.decision,
    response: input.response,
    duplicateOf,
    decidedBy: viewer.person?.id ?? 0,
  }
  const draft = keptAsDraft(guide, input)
  const outcome = await withTransaction(db, async (tx) => {
    await lockCampaign(tx, id)
    if (ifMatch !== undefined && !ifMatchHolds(ifMatch, await campaignEtag(tx, id))) return undefined
    await recordCampaignDecision(tx, id, decision, draft)
    const decided = draft
      ? await draftMembers(tx, id, decision)
      : (await decideMembers(tx, id, decision)).map((row) => row.id)
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: draft ? 'campaign.decision-drafted' : 'campaign.decided',
      guideId: guide.id,
      subject: String(id),
      detail: { decision: input.decision, count: decided.length },
    })
    return { told: draft ? [] : await noticeDecisions(tx, decided, viewer.person?.id ?? null) }
  })
  if (!outcome) throw stale()
  if (!draft) announceEvents(db, place.editionId)
  announceNotices(db, outcome.told)
  return campaignWithEtag(db, viewer, id)
}

/**
 * `DELETE /api/campaigns/:id/members/:commentId`: an editor takes a wrongly grouped comment out. It
 * keeps whatever decision it has and never joins a campaign again; audited.
 */
export async function splitOutOfCampaign(db: Db, viewer: Viewer, id: number, commentId: number) {
  // Comments posted a moment ago are in their campaigns first (campaign-placement.service.ts).
  await campaignsPlaced(db)
  const { guide } = await placeOf(db, viewer, id)
  await withTransaction(db, async (tx) => {
    if (!(await splitOut(tx, id, commentId, viewer.person?.id ?? 0)))
      throw notFound('That comment in this campaign')
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'campaign.split-out',
      guideId: guide.id,
      subject: String(commentId),
      detail: { campaign: id },
    })
  })
}
