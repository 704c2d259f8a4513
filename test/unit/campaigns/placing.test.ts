import { describe, expect, it } from 'vitest'
import { placeArrivals, type Arrival, type ArrivalText, type Near } from '../../../src/campaigns/placing.ts'
import { HOLDERS_PER_BAND, storedBands } from '../../../src/campaigns/lsh.ts'
import { CAMPAIGN_MIN_PEOPLE, normalise } from '../../../src/campaigns/normalise.ts'

const EDITION = 7
const TEXT = normalise(
  'I object to the removal of the protected cycle lane on Mill Road. It keeps children safe on their way to school.',
)
const NEAR_TEXT = normalise(
  'I object to the removal of the protected cycle lane on Mill Road. It keeps our children safe on their way to school.',
)
const OTHER = normalise('The buses should stop nearer the school gates, and run every ten minutes after six.')
const text = (normalised: string): ArrivalText => ({ normalised, bands: storedBands(normalised, EDITION) })
const near = (t: number, row: Partial<Near> & { commentId: number; normalised: string }): Near => ({
  text: t,
  authorId: row.commentId + 100,
  campaignId: null,
  splitOut: false,
  bands: storedBands(row.normalised, EDITION),
  ...row,
})
const arrival = (id: number, t: number, authorId = id + 100, state = 'published'): Arrival => ({
  id,
  authorId,
  state,
  campaignId: null,
  text: t,
})

/** Where a batch's comments go (the bands each keeps are asked about on their own). */
const place = (...args: Parameters<typeof placeArrivals>) => {
  const { joined, formed } = placeArrivals(...args)
  return { joined, formed }
}

/** Placing a batch of comments in memory, from what the database found near each of its texts. */
describe('placing comments just posted', () => {
  it('joins the campaign of the most alike member the database found', () => {
    const texts = [text(NEAR_TEXT)]
    const found = [
      near(0, { commentId: 1, normalised: TEXT, campaignId: 40 }),
      near(0, { commentId: 2, normalised: NEAR_TEXT, campaignId: 41 }),
      near(0, { commentId: 3, normalised: NEAR_TEXT, campaignId: 42, splitOut: true }),
    ]
    expect(place([arrival(10, 0)], texts, found)).toEqual({
      joined: [{ campaignId: 41, commentIds: [10] }],
      formed: [],
    })
  })

  it('forms a campaign with free comments of other people, which a later arrival of another text then joins', () => {
    const texts = [text(TEXT), text(NEAR_TEXT), text(OTHER)]
    // Only the first text's lookup found the two free comments: the second arrival meets them through
    // the campaign the first one formed in this batch.
    const found = [
      near(0, { commentId: 1, normalised: TEXT }),
      near(0, { commentId: 2, normalised: NEAR_TEXT }),
      near(1, { commentId: 2, normalised: NEAR_TEXT }),
    ]
    const placed = place(
      [arrival(10, 0), arrival(11, 1), arrival(12, 2), arrival(13, 0, 777, 'pending')],
      texts,
      found,
    )
    expect(placed).toEqual({ joined: [], formed: [{ memberIds: [1, 2, 10, 11] }] })
  })

  it(`needs ${String(CAMPAIGN_MIN_PEOPLE)} people: one or two sending a text again and again form nothing`, () => {
    const texts = [text(TEXT)]
    const same = [arrival(10, 0, 5), arrival(11, 0, 5), arrival(12, 0, 5)]
    expect(place(same, texts, [near(0, { commentId: 1, normalised: TEXT, authorId: 5 })])).toEqual({
      joined: [],
      formed: [],
    })
    const two = [...same, arrival(13, 0, 6)]
    expect(place(two, texts, [])).toEqual({ joined: [], formed: [] })
    // A third person's copy in the same batch makes it one, the earlier copies with it.
    expect(place([...two, arrival(14, 0, 7)], texts, [])).toEqual({
      joined: [],
      formed: [{ memberIds: [10, 11, 12, 13, 14] }],
    })
  })

  it('leaves comments held for moderation, and comments in a campaign already, where they are', () => {
    const texts = [text(TEXT)]
    const found = [near(0, { commentId: 1, normalised: TEXT, campaignId: 40 })]
    const kept = { ...arrival(10, 0), campaignId: 41 }
    expect(place([arrival(9, 0, 109, 'pending'), kept], texts, found)).toEqual({
      joined: [],
      formed: [],
    })
  })

  it('does not count a comment of the batch that the database found by its text from before an edit', () => {
    const texts = [text(TEXT)]
    const found = [
      near(0, { commentId: 10, normalised: TEXT, authorId: 999 }),
      near(0, { commentId: 1, normalised: TEXT }),
    ]
    // Counted, the edited comment's old self would be a third person and form a campaign.
    expect(place([arrival(10, 0)], texts, found)).toEqual({ joined: [], formed: [] })
  })

  it(`keeps each band for the first ${String(HOLDERS_PER_BAND)} published comments to have it, counting the database's`, () => {
    const texts = [text(TEXT)]
    const all = texts[0]?.bands ?? []
    // The database knows four holders of every band: the first arrival is the fifth, and keeps them all.
    const found = [1, 2, 3, 4].map((id) => near(0, { commentId: id, normalised: TEXT, campaignId: 40 }))
    const arrivals = [arrival(10, 0), arrival(11, 0, 111, 'pending'), arrival(12, 0), arrival(13, 0)]
    const { kept, joined } = placeArrivals(arrivals, texts, found)
    expect(kept.get(10)).toEqual(all)
    // One held for moderation keeps none until it is published (and placed again then).
    expect(kept.get(11)).toEqual([])
    expect(kept.get(12)).toEqual([])
    expect(kept.get(13)).toEqual([])
    // Keeping no band, they are still placed: they meet the campaign through the first holders.
    expect(joined).toEqual([{ campaignId: 40, commentIds: [10, 12, 13] }])
  })

  it('keeps a band only the first holders share while keeping the bands of its own words', () => {
    // Every copy of a letter with a name added: the letter's bands are kept by the first copies, each
    // copy's own words give it bands of its own, and every copy still finds the campaign.
    const letters = [
      'Anwen Jones',
      'Bryn Thomas',
      'Carys Evans',
      'Dafydd Price',
      'Eleri Morgan',
      'Gwen Ellis',
      'Huw Lewis',
    ].map((name) => normalise(`${TEXT} Signed by ${name}, a parent at the school gates.`))
    const texts = letters.map(text)
    const arrivals = letters.map((_, i) => arrival(10 + i, i))
    const { kept, formed, joined } = placeArrivals(arrivals, texts, [])
    expect(formed).toEqual([{ memberIds: arrivals.map((a) => a.id) }])
    expect(joined).toEqual([])
    const holders = new Map<number, number>()
    for (const a of arrivals)
      for (const band of kept.get(a.id) ?? []) holders.set(band, (holders.get(band) ?? 0) + 1)
    expect(Math.max(...holders.values())).toBe(HOLDERS_PER_BAND)
    // A band all seven letters share is kept by the first five only.
    const shared = (texts[0]?.bands ?? []).filter((band) => texts.every((t) => t.bands.includes(band)))
    expect(shared.length).toBeGreaterThan(0)
    for (const band of shared) expect(holders.get(band)).toBe(HOLDERS_PER_BAND)
    expect(kept.get(16)?.some((band) => shared.includes(band))).toBe(false)
  })
})
