import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { TrigramProbe } from '../../../src/campaigns/trigram-probe.ts'
import { keySimilarity, trigramKeys } from '../../../src/campaigns/lsh.ts'
import { NEARLY_THE_SAME, normalise } from '../../../src/campaigns/normalise.ts'
import { similarity, trigrams } from '../../../src/campaigns/trigrams.ts'
import { CAMPAIGN_TEXTS, campaignCopy, seeded, unrelatedComment } from '../../support/campaign-texts.ts'
import { corpusSentences } from '../../support/corpus-sentences.ts'

const exact = (a: string, b: string) => keySimilarity(trigramKeys(a), trigramKeys(b))

/** Texts as placing meets them: copies of campaigns (alike) among people's own comments (not). */
function consultationTexts(seed: number, count: number): string[] {
  const random = seeded(seed)
  const sentences = corpusSentences()
  return Array.from({ length: count }, () =>
    normalise(
      random.next() < 0.4
        ? campaignCopy(Math.floor(random.next() * CAMPAIGN_TEXTS), random)
        : unrelatedComment(random, sentences),
    ),
  )
}

describe('measuring one text against many (placing a comment)', () => {
  it('gives the very likeness the sorted keys give, to the last bit, when asked for all of it', () => {
    const texts = [
      ...consultationTexts(7, 40),
      'héllo wörld café',
      'mae’r ffordd yn rhy gul i fysiau',
      'emoji 𝒳yz 𝒳yy and more',
      'a',
      'the the the the',
      '',
    ]
    for (const a of texts) {
      const probe = new TrigramProbe(a)
      for (const b of texts) {
        expect(probe.likeness(b, 0)).toBe(exact(a, b))
        expect(probe.likeness(b, 0)).toBeCloseTo(similarity(trigrams(a), trigrams(b)), 12)
      }
    }
  })

  it('is exact at or above the threshold and below it otherwise, over copies and unrelated comments', () => {
    const texts = consultationTexts(8, 300)
    let alike = 0
    let apart = 0
    for (const a of texts.slice(0, 60)) {
      const probe = new TrigramProbe(a)
      for (const b of texts) {
        const truth = exact(a, b)
        const measured = probe.likeness(b, NEARLY_THE_SAME)
        if (truth >= NEARLY_THE_SAME) {
          alike++
          expect(measured).toBe(truth)
        } else {
          apart++
          expect(measured).toBeLessThan(NEARLY_THE_SAME)
        }
      }
    }
    // Both sides of the threshold were met many times, or the test proved nothing.
    expect(alike).toBeGreaterThan(300)
    expect(apart).toBeGreaterThan(5000)
  })

  it('holds for any texts and any threshold, repeated words and letters outside ASCII included', () => {
    const word = fc.stringMatching(/^[a-zé𝒳ŵ0-9]{1,7}$/u)
    const text = fc.array(word, { maxLength: 30 }).map((words) => words.join(' '))
    fc.assert(
      fc.property(text, text, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, least) => {
        const truth = exact(a, b)
        const measured = new TrigramProbe(a).likeness(b, least)
        if (truth >= least) expect(measured).toBe(truth)
        else expect(measured).toBeLessThan(least)
      }),
      { numRuns: 2000 },
    )
  })

  it('starts afresh for each text measured: one met before does not count in the next', () => {
    const probe = new TrigramProbe('consultation response about parking')
    const long = 'parking response consultation about '.repeat(40).trim()
    expect(probe.likeness(long, 0)).toBe(exact('consultation response about parking', long))
    // The scratch set of the long text must not make this one's trigrams look met already.
    expect(probe.likeness('consultation response about parking', 0)).toBe(1)
    expect(probe.likeness('wxyz qvjk', 0)).toBe(0)
  })
})
