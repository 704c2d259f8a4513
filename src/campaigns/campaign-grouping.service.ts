import type { Db } from '../platform/db/database.ts'
import { withTransaction, type Tx } from '../platform/db/transaction.ts'
import { announceEvents } from '../live/announce.ts'
import { logger } from '../platform/log.ts'
import { noticeDecisions } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'
import { campaignable, normalise } from './normalise.ts'
import { groupCandidates } from './grouping.ts'
import { BandHolders, bandsFrom, minHashes, storedBands } from './lsh.ts'
import { placeArrivals, type Arrival, type ArrivalText } from './placing.ts'
import {
  commentsWithoutText,
  dropText,
  editionCandidates,
  formCampaigns,
  groupable,
  lockEditionCampaigns,
  findNear,
  saveTexts,
  bandHolders,
  commentsNow,
} from './campaign-grouping.repository.ts'
import { decideMembers, draftMembers, joinCampaigns, owedCampaign } from './campaign-decision.repository.ts'

/** What posting knows of the comment it wrote. */
export interface Posted {
  editionId: number
  authorId: number
  parentId: number | null
  state: string
  body: string
}

/**
 * Places one comment, as it is approved or edited (posting hands its comments over in batches,
 * `groupPosted`): nearly the same as a member of a campaign of its edition, it joins that campaign
 * (the most alike) and gets the campaign's decision; nearly the same as comments of two or more other
 * people in no campaign, it forms one with them. Only published top-level comments count; one split
 * out by an editor stays out. Its near-duplicates come from the index of texts and bands (lsh.ts), a
 * bounded number measured, so the cost stays about the same however many comments the edition has.
 */
export async function groupComment(db: Db, commentId: number, posted?: Posted): Promise<void> {
  // A comment just posted is known, and is in no campaign yet: no need to read it back.
  const comment = posted ? { ...posted, id: commentId, campaignId: null } : await groupable(db, commentId)
  if (!comment || comment.parentId !== null) return
  const normalised = normalise(comment.body)
  if (!campaignable(normalised)) {
    // Edited too short: its old text must not keep finding it.
    if (!posted) await dropText(db, commentId)
  } else await placeAll(db, comment.editionId, [{ ...comment, normalised }])
  if (comment.campaignId !== null) await giveOwedDecision(db, comment.editionId, commentId)
}

/**
 * A member approved after its campaign was decided takes the campaign's decision now, as a comment
 * joining later does, its author told; the campaign's decision passed it by while its edited words waited
 * for moderation. One with a decision of its own keeps it.
 */
async function giveOwedDecision(db: Db, editionId: number, commentId: number) {
  const told = await withTransaction(db, async (tx) => {
    const campaignId = await owedCampaign(tx, commentId)
    return campaignId === undefined
      ? undefined
      : joinWithDecisions(tx, [{ campaignId, commentIds: [commentId] }])
  })
  if (!told) return
  if (told.decided) announceEvents(db, editionId)
  announceNotices(db, told.people)
}

/**
 * Places comments just posted to one edition, in their order, in one transaction holding the
 * edition's campaigns lock: posting hands them over in batches (campaign-placement.service.ts), so a
 * burst costs one lock, one lookup and one commit, and each is placed as if those before it had been
 * placed first.
 */
export async function groupPosted(
  db: Db,
  editionId: number,
  posted: readonly (Posted & { id: number })[],
): Promise<void> {
  const placing = posted.flatMap((p) => {
    if (p.parentId !== null || p.editionId !== editionId) return []
    const normalised = normalise(p.body)
    return campaignable(normalised) ? [{ ...p, campaignId: null, normalised }] : []
  })
  if (placing.length > 0) await placeAll(db, editionId, placing)
}

/** A comment with its normalised text, to be placed. */
interface Placing {
  id: number
  authorId: number
  state: string
  campaignId: number | null
  normalised: string
}

/**
 * Places comments of one edition in one transaction holding the edition's campaigns lock: reads what
 * is near each distinct text in one statement, places them in order (placing.ts), saves their texts
 * with the bands each keeps in another, then forms the new campaigns and gives each campaign joined its
 * decision, a few statements per campaign whatever the number of comments. Streams and notices are
 * told once committed.
 */
async function placeAll(db: Db, editionId: number, comments: readonly Placing[]): Promise<void> {
  const textOf = new Map<string, number>()
  const texts: ArrivalText[] = []
  const arrivals: Arrival[] = comments.map((c) => {
    let text = textOf.get(c.normalised)
    if (text === undefined) {
      textOf.set(c.normalised, (text = texts.length))
      texts.push({ normalised: c.normalised, bands: storedBands(c.normalised, editionId) })
    }
    return { id: c.id, authorId: c.authorId, state: c.state, campaignId: c.campaignId, text }
  })
  const told = await withTransaction(db, async (tx) => {
    await lockEditionCampaigns(tx, editionId)
    // As they stand now: placed meanwhile by another placer (this process's, another worker's, or
    // placeUnplaced finding a comment posted a moment ago), a comment stays in that campaign; hidden or
    // withdrawn meanwhile, it is not placed; gone, it is left out.
    const now = await commentsNow(
      tx,
      arrivals.map((a) => a.id),
    )
    const current = arrivals.flatMap((a) => {
      const stands = now.get(a.id)
      return stands ? [{ ...a, ...stands }] : []
    })
    const near = await findNear(tx, editionId, texts)
    const placement = placeArrivals(current, texts, near)
    await saveTexts(
      tx,
      editionId,
      comments.flatMap((c) => {
        const bands = placement.kept.get(c.id)
        return bands ? [{ id: c.id, normalised: c.normalised, bands }] : []
      }),
    )
    await formCampaigns(tx, editionId, placement.formed)
    return joinWithDecisions(tx, placement.joined)
  })
  if (told.decided) announceEvents(db, editionId)
  announceNotices(db, told.people)
}

interface Given {
  /** Whether any decision became public (so the edition's streams are told). */
  decided: boolean
  /** Who has a new notice. */
  people: number[]
}

/**
 * Comments joining campaigns that exist: put in them, and given each campaign's decision if it has
 * one, kept as a draft while the campaign's is, else public, with its event and a notice to each
 * author; the caller announces them once committed. One statement for all of them, then a few for each
 * campaign with a decision.
 */
async function joinWithDecisions(
  tx: Tx,
  joining: readonly { campaignId: number; commentIds: readonly number[] }[],
): Promise<Given> {
  const decisions = await joinCampaigns(tx, joining)
  const told: Given = { decided: false, people: [] }
  for (const { campaignId, commentIds } of joining) {
    const given = decisions.get(campaignId)
    if (!given) continue
    if (given.draft) {
      await draftMembers(tx, campaignId, given.decision, commentIds)
      continue
    }
    const decided = await decideMembers(tx, campaignId, given.decision, commentIds)
    if (decided.length === 0) continue
    told.decided = true
    told.people.push(
      ...(await noticeDecisions(
        tx,
        decided.map((d) => d.id),
        given.decision.decidedBy,
      )),
    )
  }
  return told
}

/**
 * Comments' texts as campaign_texts keeps them: normalised, with the bands each keeps (published ones
 * only, the first to have a band keeping it: lsh.ts's `BandHolders`).
 */
function textsOf(
  comments: readonly { id: number; body: string; state: string }[],
  editionId: number,
  known: Map<string, Uint32Array>,
  holders: BandHolders,
) {
  return comments.flatMap((c) => {
    const normalised = normalise(c.body)
    if (!campaignable(normalised)) return []
    let signature = known.get(normalised)
    if (!signature) known.set(normalised, (signature = minHashes(normalised)))
    const bands =
      c.state === 'published' ? holders.keep(storedBands(normalised, editionId, bandsFrom(signature))) : []
    return [{ id: c.id, normalised, bands }]
  })
}

/** Texts normalised per statement when a whole edition is grouped. */
const TEXTS_PER_STATEMENT = 5_000

/**
 * Groups every comment of an edition at once (after an import or a restore, or comments written
 * before campaigns existed), by the rule `groupComment` places each one with (grouping.ts), in one
 * transaction: campaigns that exist stay, comments not yet in one join or form campaigns.
 */
export async function groupEdition(db: Db, editionId: number) {
  const missing = await commentsWithoutText(db, editionId)
  // Each text's signature once: the database keeps a few of its bands, grouping below uses them all.
  const known = new Map<string, Uint32Array>()
  const result = await withTransaction(db, async (tx) => {
    await lockEditionCampaigns(tx, editionId)
    const holders = new BandHolders(await bandHolders(tx, editionId))
    // Worked out a slice at a time while the database writes the slice before (on PostgreSQL that is
    // another process, so the two cores share the work; the embedded database simply takes turns).
    let saving: Promise<unknown> = Promise.resolve()
    for (let i = 0; i < missing.length; i += TEXTS_PER_STATEMENT) {
      const rows = textsOf(missing.slice(i, i + TEXTS_PER_STATEMENT), editionId, known, holders)
      await saving
      saving = saveTexts(tx, editionId, rows)
      // Its failure is thrown where it is awaited, not reported as unhandled in between.
      saving.catch(() => undefined)
      // Lets the statement reach the database before the next slice's work holds the thread.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await saving
    const candidates = await editionCandidates(tx, editionId)
    const grouping = groupCandidates(candidates, known)
    const formed = await formCampaigns(tx, editionId, grouping.formed)
    const byCampaign = new Map<number, number[]>()
    for (const { campaignId, commentId } of grouping.joined) {
      const list = byCampaign.get(campaignId)
      if (list) list.push(commentId)
      else byCampaign.set(campaignId, [commentId])
    }
    const told = await joinWithDecisions(
      tx,
      [...byCampaign].map(([campaignId, commentIds]) => ({ campaignId, commentIds })),
    )
    return { formed: formed.length, joined: grouping.joined.length, told }
  })
  if (result.told.decided) announceEvents(db, editionId)
  announceNotices(db, result.told.people)
  return { formed: result.formed, joined: result.joined }
}

/**
 * `groupComment` after a comment was written (posted, approved, restored, edited), which has committed
 * already: a failure here is logged rather than answered, since the comment stands, and grouping the
 * edition again (`groupEdition`) places it later.
 */
export async function placeInCampaign(db: Db, commentId: number, posted?: Posted): Promise<void> {
  try {
    await groupComment(db, commentId, posted)
  } catch (error) {
    logger.warn({ err: error, commentId }, 'campaigns: placing a comment failed')
  }
}
