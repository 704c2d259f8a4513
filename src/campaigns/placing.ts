import { CAMPAIGN_MIN_PEOPLE, NEARLY_THE_SAME } from './normalise.ts'
import { keySimilarity } from './lsh.ts'

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

/** One distinct normalised text of the batch, with the bands the database keeps of it. */
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
}

export interface Placement {
  /** Comments joining campaigns that exist already, by campaign, in the order first joined. */
  joined: { campaignId: number; commentIds: number[] }[]
  /** New campaigns, each with its members (earliest first). */
  formed: { memberIds: number[] }[]
}

/**
 * Places comments just written, in their order, by the rule one comment is placed by: nearly the same
 * (pg_trgm's measure, `NEARLY_THE_SAME`) as a member of a campaign, it joins the most alike such
 * campaign; else nearly the same as free comments of two or more other people, it forms a campaign
 * with them. Only published comments are placed, and one in a campaign already stays there.
 *
 * What the database found near each text (`near`, read once for the whole batch) stands for every
 * comment placed before the batch; each arrival also meets the batch's own earlier arrivals the way
 * the database would have found them, by the same text or a shared stored band. So a batch places
 * exactly what placing its comments one at a time would, with one lookup per distinct text.
 */
export function placeArrivals(
  arrivals: readonly Arrival[],
  texts: readonly ArrivalText[],
  near: readonly Near[],
  keysOf: (normalised: string) => Float64Array,
): Placement {
  const found = new Map<number, Near[]>()
  // The batch's own comments are placed below; the database finds one only by an earlier text of it.
  const arriving = new Set(arrivals.map((a) => a.id))
  for (const row of near) {
    if (arriving.has(row.commentId)) continue
    const list = found.get(row.text)
    if (list) list.push(row)
    else found.set(row.text, [row])
  }
  /** Campaigns given during this batch: an existing one's id, or the index of one formed now as a string. */
  const given = new Map<number, number | string>()
  const campaignOf = (id: number, before: number | null) => given.get(id) ?? before
  const joined = new Map<number, number[]>()
  const formed: number[][] = []
  const give = (id: number, campaign: number | string) => {
    given.set(id, campaign)
    if (typeof campaign === 'string') formed[Number(campaign)]?.push(id)
    else {
      const list = joined.get(campaign)
      if (list) list.push(id)
      else joined.set(campaign, [id])
    }
  }

  // The batch's earlier arrivals, findable by later ones: by text, and each text by its stored bands.
  const placedByText = new Map<number, Arrival[]>()
  const textsByBand = new Map<number, Set<number>>()
  const similarity = memoSimilarity(texts, keysOf)

  for (const me of arrivals) {
    const mine = texts[me.text]
    if (!mine) continue
    if (me.state === 'published' && me.campaignId === null) {
      const candidates: {
        commentId: number
        authorId: number
        campaign: number | string | null
        alike: number
      }[] = []
      for (const row of found.get(me.text) ?? []) {
        if (row.splitOut) continue
        const alike = similarity.of(me.text, row.normalised)
        if (alike >= NEARLY_THE_SAME)
          candidates.push({ ...row, campaign: campaignOf(row.commentId, row.campaignId), alike })
      }
      const meeting = new Set([me.text])
      for (const band of mine.bands) for (const t of textsByBand.get(band) ?? []) meeting.add(t)
      for (const t of meeting) {
        const alike = t === me.text ? 1 : similarity.between(me.text, t)
        if (alike < NEARLY_THE_SAME) continue
        for (const other of placedByText.get(t) ?? [])
          candidates.push({
            commentId: other.id,
            authorId: other.authorId,
            campaign: campaignOf(other.id, other.campaignId),
            alike,
          })
      }
      // Most alike first, then earliest, as placing one comment measures them.
      candidates.sort((a, b) => b.alike - a.alike || a.commentId - b.commentId)
      const campaign = candidates.find((c) => c.campaign !== null)?.campaign
      if (campaign !== undefined && campaign !== null) give(me.id, campaign)
      else {
        const free = candidates.filter((c) => c.campaign === null)
        const people = new Set([me.authorId, ...free.map((c) => c.authorId)])
        if (people.size >= CAMPAIGN_MIN_PEOPLE) {
          const key = String(formed.push([]) - 1)
          for (const c of free) give(c.commentId, key)
          give(me.id, key)
        }
      }
    }
    // Findable by later arrivals as the database would find it: published, top-level, text kept.
    if (me.state !== 'published') continue
    const list = placedByText.get(me.text)
    if (list) list.push(me)
    else {
      placedByText.set(me.text, [me])
      for (const band of mine.bands) {
        const set = textsByBand.get(band)
        if (set) set.add(me.text)
        else textsByBand.set(band, new Set([me.text]))
      }
    }
  }
  return {
    joined: [...joined].map(([campaignId, commentIds]) => ({ campaignId, commentIds })),
    formed: formed.map((memberIds) => ({ memberIds: [...new Set(memberIds)].sort((a, b) => a - b) })),
  }
}

/** Similarities between the batch's texts and others, each pair measured once. */
function memoSimilarity(texts: readonly ArrivalText[], keysOf: (normalised: string) => Float64Array) {
  // By the batch's text, then the other text: a map per text rather than one keyed by the two joined,
  // which made and hashed a new string of both for every candidate.
  const measured = texts.map(() => new Map<string, number>())
  const of = (t: number, normalised: string) => {
    const mine = texts[t]?.normalised ?? ''
    if (mine === normalised) return 1
    const known = measured[t]
    let alike = known?.get(normalised)
    if (alike === undefined) {
      alike = keySimilarity(keysOf(mine), keysOf(normalised))
      known?.set(normalised, alike)
    }
    return alike
  }
  return { of, between: (a: number, b: number) => of(a, texts[b]?.normalised ?? '') }
}
