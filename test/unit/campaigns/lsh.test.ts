import { describe, expect, it } from 'vitest'
import {
  bandsOf,
  keySimilarity,
  minHashes,
  signaturesAgree,
  storedBands,
  STORED_BANDS,
  trigramKeys,
} from '../../../src/campaigns/lsh.ts'
import { groupCandidates, SIGNATURE_LEAST, type Candidate } from '../../../src/campaigns/grouping.ts'
import { CAMPAIGN_MIN_PEOPLE, NEARLY_THE_SAME, normalise } from '../../../src/campaigns/normalise.ts'
import { similarity, trigrams } from '../../../src/campaigns/trigrams.ts'
import { CAMPAIGN_TEXTS, campaignCopy, seeded, unrelatedComment } from '../../support/campaign-texts.ts'
import { corpusSentences } from '../../support/corpus-sentences.ts'

type Random = ReturnType<typeof seeded>

/** A copy of a text as people change one: words dropped, doubled, swapped or mistyped, a sentence added. */
function nearCopy(text: string, random: Random, extra: readonly string[]): string {
  const words = text.split(' ')
  const changes = Math.floor(random.next() * 4)
  for (let n = 0; n < changes; n++) {
    const at = Math.floor(random.next() * words.length)
    const word = words[at] ?? ''
    const kind = random.next()
    if (kind < 0.3) words.splice(at, 1)
    else if (kind < 0.5) words.splice(at, 0, word)
    else if (kind < 0.7 && at + 1 < words.length) [words[at], words[at + 1]] = [words[at + 1] ?? '', word]
    else if (word.length > 3) words[at] = word.slice(0, 1) + word.slice(2)
  }
  if (random.next() < 0.3) words.push(...random.pick(extra).split(' '))
  return words.join(' ')
}

/** Random sets of near-duplicates: a few base texts of real sentences, each copied many times, among unrelated texts. */
function nearDuplicateSet(seed: number): string[] {
  const random = seeded(seed)
  const sentences = corpusSentences()
  const texts: string[] = []
  for (let base = 0; base < 4; base++) {
    const text = unrelatedComment(random, sentences)
    for (let copy = 0; copy < 12; copy++) texts.push(normalise(nearCopy(text, random, sentences)))
  }
  for (let c = 0; c < CAMPAIGN_TEXTS; c++)
    for (let copy = 0; copy < 8; copy++) texts.push(normalise(campaignCopy(c, random)))
  for (let own = 0; own < 100; own++) texts.push(normalise(unrelatedComment(random, sentences)))
  return texts
}

describe('finding near-duplicate candidates by MinHash bands', () => {
  it("measures similarity exactly as trigrams.ts (pg_trgm's rule) does, letters outside ASCII included", () => {
    const texts = [
      ...nearDuplicateSet(1).slice(0, 30),
      'héllo wörld café',
      'mae’r ffordd yn rhy gul i fysiau',
      'emoji 𝒳yz 𝒳yy and more',
      'a',
    ]
    for (const a of texts)
      for (const b of texts)
        expect(keySimilarity(trigramKeys(a), trigramKeys(b))).toBeCloseTo(
          similarity(trigrams(a), trigrams(b)),
          12,
        )
  })

  it('never misses a pair the brute force finds nearly the same, on random near-duplicate sets', () => {
    for (const seed of [2, 3, 4, 5, 6]) {
      const texts = nearDuplicateSet(seed)
      const keys = texts.map(trigramKeys)
      const bands = texts.map(bandsOf)
      const signatures = texts.map(minHashes)
      let alike = 0
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          if (keySimilarity(keys[i] ?? new Float64Array(), keys[j] ?? new Float64Array()) < NEARLY_THE_SAME)
            continue
          alike++
          const mine = new Set(bands[i])
          expect(
            bands[j]?.some((band) => mine.has(band)),
            `${texts[i] ?? ''}\n${texts[j] ?? ''}`,
          ).toBe(true)
          // Nor does the glance at their signatures that comes before measuring turn it away.
          expect(
            signaturesAgree(
              signatures[i] ?? new Uint32Array(),
              signatures[j] ?? new Uint32Array(),
              SIGNATURE_LEAST,
            ),
          ).toBe(true)
        }
      // The sets do hold many such pairs, so the property is tested.
      expect(alike).toBeGreaterThan(300)
    }
  })

  it('makes few unrelated texts candidates', () => {
    const random = seeded(7)
    const texts = Array.from({ length: 1_000 }, () => normalise(unrelatedComment(random, corpusSentences())))
    const buckets = new Map<number, number>()
    let pairs = 0
    for (const text of texts)
      for (const band of bandsOf(text)) {
        pairs += buckets.get(band) ?? 0
        buckets.set(band, (buckets.get(band) ?? 0) + 1)
      }
    // Out of half a million pairs: candidates are measured one by one, so they must stay few.
    expect(pairs).toBeLessThan(2_000)
  })

  it('turns away on their signatures most unrelated texts that meet in a band, and never a text its own copy', () => {
    const random = seeded(8)
    const texts = Array.from({ length: 2_000 }, () => normalise(unrelatedComment(random, corpusSentences())))
    const signatures = texts.map(minHashes)
    const firstIn = new Map<number, number>()
    let met = 0
    let passed = 0
    texts.forEach((text, i) => {
      const mine = signatures[i] ?? new Uint32Array()
      expect(signaturesAgree(mine, minHashes(text), SIGNATURE_LEAST)).toBe(true)
      for (const band of bandsOf(text)) {
        const other = firstIn.get(band)
        if (other === undefined) firstIn.set(band, i)
        else if (texts[other] !== text) {
          met++
          if (signaturesAgree(mine, signatures[other] ?? new Uint32Array(), SIGNATURE_LEAST)) passed++
        }
      }
    })
    expect(met).toBeGreaterThan(20)
    expect(passed / met).toBeLessThan(0.2)
  })

  it('keeps the same bands for a text whatever else is saved, salted by edition', () => {
    const text = normalise(campaignCopy(0, seeded(8)))
    expect(storedBands(text, 1)).toEqual(storedBands(text, 1))
    expect(storedBands(text, 1)).toHaveLength(STORED_BANDS)
    // Posting works out only the signature's first places; grouping a whole edition works out all of
    // them and passes its bands: both must store the same, or a comment saved one way would not meet
    // its copies saved the other.
    expect(storedBands(text, 1)).toEqual(storedBands(text, 1, bandsOf(text)))
    expect(bandsOf(text)).toHaveLength(60)
    expect(storedBands(text, 1).filter((band) => storedBands(text, 2).includes(band))).toEqual([])
    expect(bandsOf('')).toHaveLength(0)
  })
})

/** The rule grouping.ts applies, by brute force: every comment measured against every earlier one. */
function bruteForce(candidates: readonly Candidate[]): (number | string | null)[] {
  const campaignOf: (number | string | null)[] = candidates.map((c) => c.campaignId)
  const keys = candidates.map((c) => trigramKeys(c.normalised))
  let formed = 0
  candidates.forEach((me, i) => {
    if (me.campaignId !== null) return
    const near = candidates
      .map((other, j) => ({ other, j }))
      .filter(
        ({ j }) =>
          j < i &&
          keySimilarity(keys[i] ?? new Float64Array(), keys[j] ?? new Float64Array()) >= NEARLY_THE_SAME,
      )
    const member = near.find(({ j }) => campaignOf[j] !== null)
    if (member) {
      campaignOf[i] = campaignOf[member.j] ?? null
      return
    }
    const people = new Set([me.authorId, ...near.map(({ other }) => other.authorId)])
    if (people.size < CAMPAIGN_MIN_PEOPLE) return
    const campaign = `new${String(formed++)}`
    for (const { j } of near) campaignOf[j] = campaign
    campaignOf[i] = campaign
  })
  return campaignOf
}

describe('grouping a whole edition', () => {
  it('forms the same campaigns as measuring every pair would, on random near-duplicate sets', () => {
    for (const seed of [11, 12, 13]) {
      const random = seeded(seed)
      const candidates: Candidate[] = nearDuplicateSet(seed)
        .map((normalised, i) => ({ normalised, at: random.next(), i }))
        .sort((a, b) => a.at - b.at)
        .map(({ normalised }, i) => ({
          id: i + 1,
          authorId: i + 1,
          normalised,
          campaignId: null,
          splitOut: false,
        }))
      const grouping = groupCandidates(candidates)
      const found: (number | null)[] = candidates.map(() => null)
      grouping.formed.forEach((campaign, n) => {
        for (const id of campaign.memberIds) found[id - 1] = n
      })
      const expected = bruteForce(candidates)
      const together = (of: readonly (number | string | null)[]) =>
        of.flatMap((x, i) => of.slice(i + 1).map((y) => x !== null && x === y))
      expect(together(found)).toEqual(together(expected))
      expect(grouping.formed.length).toBe(4 + CAMPAIGN_TEXTS)
    }
  })

  it('puts a comment identical to a campaign member in that campaign, and keeps split-out comments out', () => {
    const text = normalise(campaignCopy(1, seeded(9)))
    const candidates: Candidate[] = [
      { id: 1, authorId: 1, normalised: text, campaignId: 40, splitOut: false },
      { id: 2, authorId: 2, normalised: text, campaignId: 40, splitOut: true },
      { id: 3, authorId: 3, normalised: text, campaignId: null, splitOut: false },
      { id: 4, authorId: 4, normalised: text, campaignId: null, splitOut: true },
    ]
    expect(groupCandidates(candidates)).toEqual({ joined: [{ commentId: 3, campaignId: 40 }], formed: [] })
  })
})
