import { CAMPAIGN_MIN_PEOPLE, NEARLY_THE_SAME } from './normalise.ts'
import { BandHolders } from './lsh.ts'
import { TrigramProbe } from './trigram-probe.ts'

/** A comment to place, in the order it was written. */
export interface Arrival {
  id: number
  authorId: number
  state: string
  /** The campaign it is in already (an edited comment): it stays there, and is only findable. */
  campaignId: number | null
  /** Which of the batch's texts it says (an index into `texts`). */
  text: number
}

/** One distinct normalised text of the batch, with the bands the database may keep of it (`storedBands`). */
export interface ArrivalText {
  normalised: string
  bands: readonly number[]
}

/**
 * A comment the database found near one of the batch's texts, as it stood before the batch (one of the
 * batch's own, found by its text from before an edit, is left out).
 */
export interface Near {
  /** The batch's text it was found near. */
  text: number
  commentId: number
  authorId: number
  campaignId: number | null
  splitOut: boolean
  normalised: string
  /** The bands the database keeps of it (lsh.ts's `BandHolders`). */
  bands: readonly number[]
}

export interface Placement {
  /** Comments joining campaigns that exist already, by campaign, in the order first joined. */
  joined: { campaignId: number; commentIds: number[] }[]
  /** New campaigns, each with its members (earliest first). */
  formed: { memberIds: number[] }[]
  /** The bands each comment of the batch keeps, by its id (none for one not published). */
  kept: Map<number, number[]>
}

/**
 * Comments the database's lookup answers at most for one text by each of its two ways (the same text,
 * a band kept): enough for every campaign near, not the whole of one. Of the batch's own earlier
 * arrivals with the same text, as many are met.
 */
export const NEAR_CANDIDATES = 100

/** The most alike campaign met so far by the comment being placed, through which member. */
interface Met {
  commentId: number
  campaign: number | string
  alike: number
}

/**
 * Places comments just written, in their order, by the rule one comment is placed by: nearly the same
 * (pg_trgm's measure, `NEARLY_THE_SAME`) as a member of a campaign, it joins the most alike such
 * campaign; else nearly the same as free comments of two or more other people, it forms a campaign
 * with them. Only published comments are placed, and one in a campaign already stays there.
 *
 * What the database found near each text (`near`, read once for the whole batch) stands for every
 * comment placed before the batch; each arrival also meets the batch's own earlier arrivals the way
 * the database would have found them, by the same text or a band one of them keeps. So a batch places
 * what placing its comments one at a time would, with one lookup per distinct text. Each published
 * arrival keeps the bands fewer than `HOLDERS_PER_BAND` comments keep, counting the database's.
 */
export function placeArrivals(
  arrivals: readonly Arrival[],
  texts: readonly ArrivalText[],
  near: readonly Near[],
): Placement {
  const found = new Map<number, Near[]>()
  // The batch's own comments are placed below; the database finds one only by an earlier text of it.
  const arriving = new Set(arrivals.map((a) => a.id))
  const holders = new BandHolders()
  const counted = new Set<number>()
  for (const row of near) {
    if (arriving.has(row.commentId)) continue
    const list = found.get(row.text)
    if (list) list.push(row)
    else found.set(row.text, [row])
    if (counted.has(row.commentId)) continue
    counted.add(row.commentId)
    holders.count(row.bands)
  }
  /** Campaigns given during this batch: an existing one's id, or the index of one formed now as a string. */
  const given = new Map<number, number | string>()
  const campaignOf = (id: number, before: number | null) => given.get(id) ?? before
  const joined = new Map<number, number[]>()
  const formed: number[][] = []
  const kept = new Map<number, number[]>()
  const give = (id: number, campaign: number | string) => {
    given.set(id, campaign)
    if (typeof campaign === 'string') formed[Number(campaign)]?.push(id)
    else {
      const list = joined.get(campaign)
      if (list) list.push(id)
      else joined.set(campaign, [id])
    }
  }

  // The batch's earlier arrivals, findable by later ones: by text, and by the bands each keeps.
  const byText = new Map<number, Arrival[]>()
  const byBand = new Map<number, Arrival[]>()
  const similarity = memoSimilarity(texts)

  for (const me of arrivals) {
    const mine = texts[me.text]
    if (!mine) continue
    if (me.state === 'published' && me.campaignId === null) {
      // Most alike, then earliest, as placing one comment measures them; the free ones in case none is.
      let best: Met | undefined
      const free: { commentId: number; authorId: number }[] = []
      const meet = (commentId: number, authorId: number, campaign: number | string | null, alike: number) => {
        if (alike < NEARLY_THE_SAME) return
        if (campaign === null) free.push({ commentId, authorId })
        else if (!best || alike > best.alike || (alike === best.alike && commentId < best.commentId))
          best = { commentId, campaign, alike }
      }
      for (const row of found.get(me.text) ?? [])
        if (!row.splitOut)
          meet(
            row.commentId,
            row.authorId,
            campaignOf(row.commentId, row.campaignId),
            similarity.of(me.text, row.normalised),
          )
      const met = new Set<number>()
      const meetArrival = (other: Arrival) => {
        if (met.has(other.id)) return
        met.add(other.id)
        const alike = other.text === me.text ? 1 : similarity.between(me.text, other.text)
        meet(other.id, other.authorId, campaignOf(other.id, other.campaignId), alike)
      }
      for (const other of byText.get(me.text) ?? []) meetArrival(other)
      for (const band of mine.bands) for (const other of byBand.get(band) ?? []) meetArrival(other)

      const campaign = best?.campaign
      if (campaign !== undefined) give(me.id, campaign)
      else {
        const people = new Set([me.authorId, ...free.map((c) => c.authorId)])
        if (people.size >= CAMPAIGN_MIN_PEOPLE) {
          const key = String(formed.push([]) - 1)
          for (const c of free) give(c.commentId, key)
          give(me.id, key)
        }
      }
    }
    // Findable by later arrivals as the database would find it: published, top-level, text kept.
    if (me.state !== 'published') {
      kept.set(me.id, [])
      continue
    }
    const keeps = holders.keep(mine.bands)
    kept.set(me.id, keeps)
    for (const band of keeps) {
      const list = byBand.get(band)
      if (list) list.push(me)
      else byBand.set(band, [me])
    }
    const same = byText.get(me.text)
    if (!same) byText.set(me.text, [me])
    else if (same.length < NEAR_CANDIDATES) same.push(me)
  }
  return {
    joined: [...joined].map(([campaignId, commentIds]) => ({ campaignId, commentIds })),
    formed: formed.map((memberIds) => ({ memberIds: [...new Set(memberIds)].sort((a, b) => a - b) })),
    kept,
  }
}

/**
 * Similarities between the batch's texts and others, each pair measured once: exactly where they are
 * nearly the same, and only as far as telling they are not elsewhere (trigram-probe.ts), since `meet`
 * reads no likeness below `NEARLY_THE_SAME`.
 */
function memoSimilarity(texts: readonly ArrivalText[]) {
  // By the batch's text, then the other text: a map per text rather than one keyed by the two joined,
  // which made and hashed a new string of both for every candidate.
  const measured = texts.map(() => new Map<string, number>())
  const probes: (TrigramProbe | undefined)[] = []
  const of = (t: number, normalised: string) => {
    const mine = texts[t]?.normalised ?? ''
    if (mine === normalised) return 1
    const known = measured[t]
    let alike = known?.get(normalised)
    if (alike === undefined) {
      alike = (probes[t] ??= new TrigramProbe(mine)).likeness(normalised, NEARLY_THE_SAME)
      known?.set(normalised, alike)
    }
    return alike
  }
  return { of, between: (a: number, b: number) => of(a, texts[b]?.normalised ?? '') }
}
