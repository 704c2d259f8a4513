import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

/**
 * A quote typed rather than selected (without script, or on a phone whose keyboard types ’ and capitals
 * the first letter) is taken when it differs from the paragraph only by its marks or capitals, and is
 * kept as the paragraph has it, so it is found again and exported true; other words are still refused.
 */

const GUIDE = `# Social media

Follow your own council’s rules on “official” accounts — they differ from place to place.
`

interface View {
  quote: { exact: string; prefix?: string; suffix?: string } | null
}

describe(`quotes typed with a keyboard's marks (${databaseKind})`, () => {
  let c: Consultation<'rita'>
  const path = () => `/api/guides/social/editions/1/blocks/${c.guide.key('Follow your own')}/comments`

  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'social', markdown: GUIDE, state: 'open' }],
      people: { rita: { email: 'rita@example.org', name: 'Rita' } },
    })
  })
  afterAll(() => c.close())

  it("takes ' for ’, \" for “ ”, - for — and a capital a phone put first, keeping the paragraph's own words", async () => {
    const posted = await c.people.rita.expect<View>(201, 'POST', path(), {
      kind: 'comment',
      body: 'Which rules?',
      quote: { exact: `Your own council's rules on "official" accounts - they` },
    })
    expect(posted.quote?.exact).toBe('your own council’s rules on “official” accounts — they')
    const thread = await c.visitor().expect<{ items: View[] }>(200, 'GET', path())
    expect(thread.items.map((i) => i.quote?.exact)).toEqual([
      'your own council’s rules on “official” accounts — they',
    ])
  })

  it('still refuses words the paragraph does not have', async () => {
    const refused = await c.people.rita.send('POST', path(), {
      kind: 'comment',
      body: 'Which rules?',
      quote: { exact: "your own county's rules" },
    })
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe(
      '/quote/exact',
    )
  })
})
