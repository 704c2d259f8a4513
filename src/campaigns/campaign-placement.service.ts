import type { Db } from '../platform/db/database.ts'
import { logger } from '../platform/log.ts'
import { groupEdition, groupPosted, placeInCampaign, type Posted } from './campaign-grouping.service.ts'
import { campaignable, normalise } from './normalise.ts'
import { unplacedInOpenEditions } from './campaign-grouping.repository.ts'

type Waiting = Posted & { id: number }

/** Comments posted and not yet placed, by database and edition, in the order they were written. */
const waiting = new Map<Db, Map<number, Waiting[]>>()
/** The run placing them, while there is one. */
const placing = new Map<Db, Promise<void>>()

/**
 * Hands a comment just posted to campaign grouping, which runs after the answer: the comment stands
 * once committed, and grouping under the edition's lock would otherwise hold every poster of the
 * edition in turn. Comments posted meanwhile are placed together in one transaction (groupPosted).
 * A process that stops first leaves some unplaced: `placeUnplaced` finds them again.
 */
export function placeAfterPosting(db: Db, comment: Waiting): void {
  let editions = waiting.get(db)
  if (!editions) waiting.set(db, (editions = new Map<number, Waiting[]>()))
  const list = editions.get(comment.editionId)
  if (list) list.push(comment)
  else editions.set(comment.editionId, [comment])
  if (!placing.has(db)) placing.set(db, placeWaiting(db))
}

/**
 * Comments placed in one transaction at most: a burst that waited while the last batch was placed
 * goes in pieces, so one statement's rows and the edition's lock stay bounded (another process
 * placing in the same edition waits for one piece, not the whole burst).
 */
const PER_BATCH = 250

async function placeWaiting(db: Db) {
  try {
    // Posts answered in the same moment join this batch.
    await new Promise((resolve) => setImmediate(resolve))
    for (let editions = waiting.get(db); editions && editions.size > 0; editions = waiting.get(db)) {
      waiting.delete(db)
      for (const [editionId, comments] of editions)
        for (let from = 0; from < comments.length; from += PER_BATCH)
          await placeBatch(db, editionId, comments.slice(from, from + PER_BATCH))
    }
  } finally {
    placing.delete(db)
  }
}

async function placeBatch(db: Db, editionId: number, comments: Waiting[]) {
  try {
    await groupPosted(db, editionId, comments)
  } catch (error) {
    // One at a time instead, so a comment that cannot be placed keeps none of the others out.
    logger.warn({ err: error, editionId, comments: comments.length }, 'campaigns: placing a batch failed')
    for (const comment of comments) await placeInCampaign(db, comment.id, comment)
  }
}

/**
 * Resolves once every comment this process was given has been placed: before reading campaigns
 * (triage, the campaign pages), so an editor sees a comment posted a moment ago in its campaign, and
 * before the process stops.
 */
export async function campaignsPlaced(db: Db): Promise<void> {
  for (let run = placing.get(db); run; run = placing.get(db)) await run
}

/** The queue's job kind for `placeUnplaced`. */
export const PLACE_UNPLACED = 'campaigns.place-unplaced'

/** More unplaced comments in one edition than posting's batches ever hold. */
const MANY = 500

/**
 * Places the comments of open editions that no process placed (it stopped between answering and
 * placing): run by the queue at start and then now and again. Texts too short for a campaign are
 * never kept, so they are read again each time; that costs a scan of the open editions' comments.
 * Answers how many were placed.
 */
export async function placeUnplaced(db: Db): Promise<number> {
  await campaignsPlaced(db)
  const unplaced = await unplacedInOpenEditions(db)
  const byEdition = new Map<number, Waiting[]>()
  for (const comment of unplaced) {
    const list = byEdition.get(comment.editionId)
    if (list) list.push(comment)
    else byEdition.set(comment.editionId, [comment])
  }
  let placed = 0
  for (const [editionId, comments] of byEdition) {
    const long = comments.filter((c) => campaignable(normalise(c.body)))
    placed += long.length
    // Many at once (an edition from before campaigns, say) are grouped the way a whole edition is.
    if (long.length > MANY) await groupEdition(db, editionId)
    else await groupPosted(db, editionId, long)
  }
  return placed
}
