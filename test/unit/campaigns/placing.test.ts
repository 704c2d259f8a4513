import { describe, expect, it } from 'vitest'
import { placeArrivals, type Arrival, type ArrivalText, type Near } from '../../../src/campaigns/placing.ts'
import { storedBands, trigramKeys } from '../../../src/campaigns/lsh.ts'
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
  ...row,
})
const arrival = (id: number, t: number, authorId = id + 100, state = 'published'): Arrival => ({
  id,
  authorId,
  state,
  campaignId: null,
  text: t,
})

/** Placing a batch of comments in memory, from what the database found near each of its texts. */
describe('placing comments just posted', () => {
  it('joins the campaign of the most alike member the database found', () => {
    const texts = [text(NEAR_TEXT)]
    const found = [
      near(0, { commentId: 1, normalised: TEXT, campaignId: 40 }),
      near(0, { commentId: 2, normalised: NEAR_TEXT, campaignId: 41 }),
      near(0, { commentId: 3, normalised: NEAR_TEXT, campaignId: 42, splitOut: true }),
    ]
    expect(placeArrivals([arrival(10, 0)], texts, found, trigramKeys)).toEqual({
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
    const placed = placeArrivals(
      [arrival(10, 0), arrival(11, 1), arrival(12, 2), arrival(13, 0, 777, 'pending')],
      texts,
      found,
      trigramKeys,
    )
    expect(placed).toEqual({ joined: [], formed: [{ memberIds: [1, 2, 10, 11] }] })
  })

  it(`needs ${String(CAMPAIGN_MIN_PEOPLE)} people: one or two sending a text again and again form nothing`, () => {
    const texts = [text(TEXT)]
    const same = [arrival(10, 0, 5), arrival(11, 0, 5), arrival(12, 0, 5)]
    expect(
      placeArrivals(same, texts, [near(0, { commentId: 1, normalised: TEXT, authorId: 5 })], trigramKeys),
    ).toEqual({ joined: [], formed: [] })
    const two = [...same, arrival(13, 0, 6)]
    expect(placeArrivals(two, texts, [], trigramKeys)).toEqual({ joined: [], formed: [] })
    // A third person's copy in the same batch makes it one, the earlier copies with it.
    expect(placeArrivals([...two, arrival(14, 0, 7)], texts, [], trigramKeys)).toEqual({
      joined: [],
      formed: [{ memberIds: [10, 11, 12, 13, 14] }],
    })
  })

  it('leaves comments held for moderation, and comments in a campaign already, where they are', () => {
    const texts = [text(TEXT)]
    const found = [near(0, { commentId: 1, normalised: TEXT, campaignId: 40 })]
    const kept = { ...arrival(10, 0), campaignId: 41 }
    expect(placeArrivals([arrival(9, 0, 109, 'pending'), kept], texts, found, trigramKeys)).toEqual({
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
    expect(placeArrivals([arrival(10, 0)], texts, found, trigramKeys)).toEqual({ joined: [], formed: [] })
  })
})
