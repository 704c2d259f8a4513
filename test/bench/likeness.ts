import { keySimilarity, trigramKeys } from '../../src/campaigns/lsh.ts'
import { NEARLY_THE_SAME, normalise } from '../../src/campaigns/normalise.ts'
import { TrigramProbe } from '../../src/campaigns/trigram-probe.ts'
import { CAMPAIGN_TEXTS, campaignCopy, seeded, unrelatedComment } from '../support/campaign-texts.ts'
import { corpusSentences } from '../support/corpus-sentences.ts'
import { fmt, median, ratio, type Figure } from './figure.ts'

const TEXTS = 4_000
/** About what the database finds near each comment posted in the write benchmark (5.3 on 2026-12-07). */
const NEAR = 5
const ROUNDS = 7

/**
 * Placing a comment measures its text against each comment the database found near it (placing.ts),
 * by pg_trgm's rule. In this process, on the write benchmark's mix of texts (a fifth copies of
 * campaigns): the probe placing uses (trigram-probe.ts) against sorting both texts' trigrams and
 * merging them (lsh.ts's `trigramKeys` and `keySimilarity`, what grouping a whole edition uses and what
 * placing used before), in alternate rounds of the same run; each side's median round.
 */
export function benchLikeness(): Promise<Figure[]> {
  const random = seeded(18)
  const sentences = corpusSentences()
  // Which campaign each text copies (null: the writer's own words).
  const campaigns = Array.from({ length: TEXTS }, () =>
    random.next() < 0.2 ? Math.floor(random.next() * CAMPAIGN_TEXTS) : null,
  )
  const texts = campaigns.map((c) =>
    normalise(c === null ? unrelatedComment(random, sentences) : campaignCopy(c, random)),
  )
  // What the database finds near each: a copy meets earlier copies of its campaign (through the
  // bands they keep), a comment of its own words whatever happened to share a band with it.
  const copiesOf = new Map<number, number[]>()
  campaigns.forEach((c, i) => {
    if (c !== null) copiesOf.set(c, [...(copiesOf.get(c) ?? []), i])
  })
  const near = campaigns.map((c, i) =>
    Array.from({ length: NEAR }, (_, j) => {
      const copies = c === null ? undefined : copiesOf.get(c)
      const other = copies ? (copies[(i + j + 1) % copies.length] ?? 0) : (i * 7 + j * 13 + 1) % TEXTS
      return texts[other] ?? ''
    }),
  )
  // Which pairs are nearly the same, by the sorted keys: the probe must agree on every one of them.
  const truth = near.map((others, i) =>
    others.map((o) => keySimilarity(trigramKeys(texts[i] ?? ''), trigramKeys(o)) >= NEARLY_THE_SAME),
  )
  const alike = truth.flat().filter(Boolean).length
  let found = 0
  let disagreed = 0
  const sorted = () => {
    const started = performance.now()
    for (let i = 0; i < TEXTS; i++) {
      const mine = trigramKeys(texts[i] ?? '')
      for (const other of near[i] ?? [])
        if (keySimilarity(mine, trigramKeys(other)) >= NEARLY_THE_SAME) found++
    }
    return ((performance.now() - started) * 1000) / TEXTS
  }
  const probed = () => {
    const started = performance.now()
    for (let i = 0; i < TEXTS; i++) {
      const probe = new TrigramProbe(texts[i] ?? '')
      ;(near[i] ?? []).forEach((other, j) => {
        if (probe.likeness(other, NEARLY_THE_SAME) >= NEARLY_THE_SAME !== truth[i]?.[j]) disagreed++
      })
    }
    return ((performance.now() - started) * 1000) / TEXTS
  }
  const times = { sorted: [] as number[], probed: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    times.sorted.push(sorted())
    times.probed.push(probed())
  }
  // Both ways must find the same pairs nearly the same, or the figure compares unlike things.
  if (disagreed !== 0 || found !== alike * ROUNDS)
    throw new Error(`the probe and the sorted keys disagreed on ${String(disagreed)} pairs`)
  const probe = median(times.probed)
  const reference = median(times.sorted)
  return Promise.resolve([
    {
      figure: `measuring a comment against ${String(NEAR)} near ones (pg_trgm's rule): µs per comment`,
      gloss: fmt(probe, 1),
      reference: `${fmt(reference, 1)} (sorted trigram keys)`,
      ratio: ratio(probe, reference),
      note: `${fmt(TEXTS, 0)} texts of the write benchmark's mix, median of ${String(ROUNDS)} alternate rounds; both found the same ${fmt(alike, 0)} of the ${fmt(TEXTS * NEAR, 0)} pairs nearly the same`,
    },
  ])
}
