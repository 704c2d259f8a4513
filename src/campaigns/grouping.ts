import { CAMPAIGN_MIN_PEOPLE, NEARLY_THE_SAME } from './normalise.ts'
import { bandsFrom, keySimilarity, minHashes, signaturesAgree, trigramKeys } from './lsh.ts'

/**
 * The share of signature places two texts must agree in before trigrams are measured. Texts nearly
 * the same by pg_trgm (0.7) share over half their long words (lsh.ts), and agreed in at least 0.4 of
 * places on test/support/campaign-texts.ts's copies; unrelated texts meeting in a band by chance agreed
 * in under 0.3 (99 % of them), so 0.25 turns most of those away and no alike pair (the estimate's
 * spread over 240 places is ±0.03).
 */
export const SIGNATURE_LEAST = 0.25

/** A top-level published comment of an edition, as grouping sees it. */
export interface Candidate {
  id: number
  authorId: number
  /** Its body normalised (normalise.ts), long enough to be part of a campaign. */
  normalised: string
  /** The campaign it is in already, or null. */
  campaignId: number | null
  /** Split out of a campaign by an editor: it joins none, and none forms around it. */
  splitOut: boolean
}

export interface Grouping {
  /** Comments joining campaigns that exist already. */
  joined: { commentId: number; campaignId: number }[]
  /** New campaigns, each with its members, earliest first. */
  formed: { memberIds: number[] }[]
}

/**
 * A whole edition's comments grouped at once, with the very rule that places one new comment as it
 * is posted (campaign-grouping.service.ts), replayed in the order they were posted: a comment nearly
 * the same as a campaign's member joins that campaign; otherwise, nearly the same as comments of two
 * or more other people in no campaign, it forms one with them. Existing campaigns stay as they are.
 *
 * Comparing every pair would take hours for 50,000 comments. Comments with the same normalised text
 * are one "text" here (a campaign's copies often are): the first of them is compared, the rest follow
 * it. A text is compared only with the texts sharing one of its MinHash bands (lsh.ts), by pg_trgm's
 * exact measure, and a comment stops looking once it has met a campaign.
 */
export function groupCandidates(
  candidates: readonly Candidate[],
  /** Signatures worked out already (minHashes), by normalised text; the rest are worked out here. */
  known: ReadonlyMap<string, Uint32Array> = new Map(),
): Grouping {
  const textOf = new Map<string, number>()
  const texts: Text[] = []
  const at = candidates.map((c) => {
    let t = textOf.get(c.normalised)
    if (t === undefined) {
      t = texts.length
      textOf.set(c.normalised, t)
      texts.push({
        normalised: c.normalised,
        keys: undefined,
        signature: undefined,
        bands: undefined,
        indexed: false,
        campaign: null,
        free: [],
      })
    }
    return t
  })
  const keys = (t: Text) => (t.keys ??= trigramKeys(t.normalised))
  const signature = (t: Text) => (t.signature ??= known.get(t.normalised) ?? minHashes(t.normalised))
  const bands = (t: Text) => (t.bands ??= bandsFrom(signature(t)))
  const buckets = new Map<number, number[]>()
  const index = (t: number) => {
    const text = texts[t]
    if (!text || text.indexed) return
    text.indexed = true
    for (const band of bands(text)) {
      const bucket = buckets.get(band)
      if (bucket) bucket.push(t)
      else buckets.set(band, [t])
    }
  }
  const campaignOf: (number | string | null)[] = candidates.map((c) => c.campaignId)
  /** Records comment i as placed: findable by those after it, in its campaign or free. */
  const place = (i: number) => {
    const me = candidates[i]
    const text = texts[at[i] ?? 0]
    if (!me || !text) return
    index(at[i] ?? 0)
    if (me.splitOut) return
    const campaign = campaignOf[i] ?? null
    if (campaign === null) text.free.push(i)
    else text.campaign ??= campaign
  }
  // Members of campaigns already formed are there before anything new is placed.
  candidates.forEach((c, i) => {
    if (c.campaignId !== null || c.splitOut) place(i)
  })
  const joined: Grouping['joined'] = []
  const formed: { key: string; memberIds: number[] }[] = []
  const keyed = new Map<string, { memberIds: number[] }>()
  const seen = new Int32Array(texts.length).fill(-1)
  candidates.forEach((me, i) => {
    if (me.campaignId !== null || me.splitOut) return
    const mine = at[i] ?? 0
    const text = texts[mine]
    if (!text) return
    // The same text as a campaign's member: alike without measuring.
    let campaign: number | string | null = text.campaign
    const near: Text[] = [text]
    if (campaign === null) {
      seen[mine] = i
      probing: for (const band of bands(text)) {
        for (const t of buckets.get(band) ?? []) {
          if (seen[t] === i) continue
          seen[t] = i
          const other = texts[t]
          if (!other) continue
          // Most texts meeting in a band share few words: their signatures tell at a glance.
          if (!signaturesAgree(signature(text), signature(other), SIGNATURE_LEAST)) continue
          if (keySimilarity(keys(text), keys(other)) < NEARLY_THE_SAME) continue
          if (other.campaign !== null) {
            campaign = other.campaign
            break probing
          }
          near.push(other)
        }
      }
    }
    if (campaign === null) {
      const free = near.flatMap((t) => t.free)
      const people = new Set([me.authorId, ...free.map((j) => candidates[j]?.authorId)])
      if (people.size >= CAMPAIGN_MIN_PEOPLE) {
        campaign = `new${String(formed.length)}`
        const group = { key: campaign, memberIds: free.map((j) => candidates[j]?.id ?? 0) }
        formed.push(group)
        keyed.set(campaign, group)
        for (const j of free) campaignOf[j] = campaign
        for (const t of near) {
          t.campaign ??= campaign
          t.free = []
        }
      }
    }
    campaignOf[i] = campaign
    if (typeof campaign === 'number') joined.push({ commentId: me.id, campaignId: campaign })
    else if (campaign !== null) keyed.get(campaign)?.memberIds.push(me.id)
    place(i)
  })
  return { joined, formed: formed.map(({ memberIds }) => ({ memberIds: memberIds.sort((a, b) => a - b) })) }
}

/** Comments with one normalised text, as grouping holds them. */
interface Text {
  normalised: string
  /** Its trigrams, signature and bands, worked out when first needed. */
  keys: Float64Array | undefined
  signature: Uint32Array | undefined
  bands: Int32Array | undefined
  /** Whether its bands are in the buckets, so later texts find it. */
  indexed: boolean
  /** A campaign one of its comments is in (a number, or a key for one formed now). */
  campaign: number | string | null
  /** Its comments placed so far in no campaign (split-out ones excepted). */
  free: number[]
}
