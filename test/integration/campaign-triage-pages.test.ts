import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'
const TEXT =
  'I object to the removal of the protected cycle lane on Mill Road. It keeps children safe on their way to school.'

/** A form as a browser posts it, without script. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The ids of the comments listed one by one on the page, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<article class="comment triage-comment[^"]*" id="c(\d+)"/g)].map((m) => m[1])

type Who = 'rita' | 'sam' | 'tom' | 'una' | 'ed'

describe(`campaigns on the triage page, without script (${databaseKind})`, () => {
  let c: Consultation<Who>
  const ids: Record<string, string> = {}
  const page = '/g/mill/1/triage'
  const number = (at: number) => c.guide.blocks[at]?.number ?? ''
  const triage = async () => {
    const response = await c.people.ed.request(page)
    expect(response.status).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'mill', markdown: GUIDE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
        tom: { email: 'tom@example.org', name: 'Tom Evans' },
        una: { email: 'una@example.org', name: 'Una Lee' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    ids.rita = await c.post(c.people.rita, 2, { body: `Dear Sir,\n\n${TEXT}\n\nRegards,\nRita` })
    ids.sam = await c.post(c.people.sam, 1, { body: TEXT })
    ids.tom = await c.post(c.people.tom, null, { body: `${TEXT}\nThanks` })
    ids.una = await c.post(c.people.una, 1, {
      body: 'The buses should stop nearer the school gates at home time.',
    })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('shows a campaign as one item: its text, headcount, paragraphs and members on demand', async () => {
    const html = await triage()
    expect(html).toContain('Campaign: 3 people')
    expect(html).toContain(`On ¶ ${number(1)}, ¶ ${number(2)}, the general discussion`)
    expect(html).toContain('<p>Dear Sir,</p>')
    expect(html).toMatch(/<details class="triage-campaign-members"><summary>Its 3 comments<\/summary>/)
    for (const name of ['Rita Jones', 'Sam Price', 'Tom Evans'])
      expect(html).toContain(`<strong>${name}</strong>`)
    // Its members are not listed again one by one; Una's own comment is.
    expect(listed(html)).toEqual([ids.una])
    // The counts say where the other three went, so they add up to the filters' four.
    expect(html).toContain('Any (4)</option>')
    expect(html).toMatch(
      /<p class="triage-counts">Showing 1 comment, in 1 place\. 3 comments are in 1 campaign, answered once for all under Campaigns below and not listed again\.<\/p>/,
    )
  })

  /** The heat strip's summary line: the paragraphs with most feedback, and the general discussion. */
  const heat = (html: string) => /<p class="heat-summary">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''

  it('counts a campaign’s members in the heat strip, where each was written', async () => {
    const html = await triage()
    // ¶2 has Una's comment and Sam's; ¶3 only Rita's, which is in the campaign.
    expect(html).toContain('aria-label="Comments per paragraph: 2 of 3 paragraphs have comments"')
    expect(heat(html)).toContain(`${number(1)} (2, 1 of them in a campaign)`)
    expect(heat(html)).toContain(`${number(2)} (1, 1 of them in a campaign)`)
    // A paragraph whose comments are all in a campaign links to the campaign, where they are answered.
    const campaign = /id="k(\d+)"/.exec(html)?.[1] ?? 'none'
    expect(heat(html)).toContain(`<a href="#k${campaign}">${number(2)} (1`)
    expect(heat(html)).toContain('General discussion</a>: 1, 1 of them in a campaign.')
  })

  it('decides every member with one form', async () => {
    const html = await triage()
    const campaign = /action="\/g\/mill\/1\/triage\/campaigns\/(\d+)\/decide"/.exec(html)?.[1] ?? ''
    const answer = await c.people.ed.request(
      `${page}/campaigns/${campaign}/decide`,
      form({ decision: 'not-accepted', response: 'The lane is kept; thank you all.' }),
    )
    expect(answer.status).toBe(303)
    expect(answer.headers.get('location')).toBe(`${page}?done=campaign-decided#k${campaign}`)
    for (const id of [ids.rita, ids.sam, ids.tom]) {
      const view = await c
        .visitor()
        .expect<{ decision: { decision: string; response: string } }>(200, 'GET', `/api/comments/${id ?? ''}`)
      expect(view.decision).toMatchObject({
        decision: 'not-accepted',
        response: 'The lane is kept; thank you all.',
      })
    }
    expect(await (await c.people.ed.request(answer.headers.get('location') ?? '')).text()).toContain(
      'The decision is saved on every comment of the campaign.',
    )
    // Filtered to the campaign's decision, nothing is listed one by one, and the page says so rather
    // than that nothing matches: the three are in the campaign.
    const decided = await (await c.people.ed.request(`${page}?decision=not-accepted`)).text()
    expect(listed(decided)).toEqual([])
    expect(decided).not.toContain('No comments match')
    expect(decided).toMatch(
      /<p class="triage-counts">3 comments are in 1 campaign, answered once for all under Campaigns below and not listed again\.<\/p>/,
    )
    // The heat strip still shows where those three were written.
    expect(decided).not.toContain('No paragraph has comments that match.')
    expect(decided).toContain('aria-label="Comments per paragraph: 2 of 3 paragraphs have comments"')
    expect(heat(decided)).toContain(`${number(1)} (1, 1 of them in a campaign)`)
    const refused = await c.people.ed.request(
      `${page}/campaigns/${campaign}/decide`,
      form({ decision: 'maybe', response: '' }),
    )
    expect(refused.status).toBe(422)
    const words = await refused.text()
    expect(words).toContain('Back to triage')
    expect(words).toContain('Some fields are not valid. Choose one of: open, accepted,')
    expect(words).not.toContain('decision:')
    // A Welsh editor reads the refusal in Welsh, with no English and no field's pointer.
    const welsh = await c.people.ed.request(`${page}/campaigns/${campaign}/decide`, {
      ...form({ decision: 'maybe', response: '' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'cy' },
    })
    expect(welsh.status).toBe(422)
    const cy = await welsh.text()
    expect(cy).toContain(
      'Nid yw hynny’n dderbyniol fel y mae; ni newidiwyd dim. Dewiswch un o’r rhain: open, accepted,',
    )
    expect(cy).not.toContain('Some fields are not valid')
    expect(cy).not.toContain('decision:')
  })

  it('splits a member out with its button; with two people left it is no campaign, its comments listed alone', async () => {
    const html = await triage()
    const campaign = /action="\/g\/mill\/1\/triage\/campaigns\/(\d+)\/split"/.exec(html)?.[1] ?? ''
    const answer = await c.people.ed.request(
      `${page}/campaigns/${campaign}/split`,
      form({ commentId: ids.tom ?? '' }),
    )
    expect(answer.status).toBe(303)
    const after = await triage()
    expect(after).not.toContain('Campaign:')
    expect(listed(after).sort()).toEqual([ids.rita, ids.sam, ids.tom, ids.una].sort())
  })

  it('keeps the forms to the guide’s editors', async () => {
    const answer = await c.people.rita.request(
      `${page}/campaigns/1/decide`,
      form({ decision: 'noted', response: '' }),
    )
    expect(answer.status).toBe(403)
  })
})

describe(`the report lists each campaign with its headcount and decision (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'sam' | 'tom' | 'una'>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'rep', markdown: GUIDE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
        tom: { email: 'tom@example.org', name: 'Tom Evans' },
        una: { email: 'una@example.org', name: 'Una Lee' },
      },
    })
    for (const who of [c.people.rita, c.people.sam, c.people.tom]) await c.post(who, 1, { body: TEXT })
    await c.post(c.people.una, 2, { body: 'The buses should stop nearer the school gates at home time.' })
    const { items } = await c.admin.expect<{ items: { id: string }[] }>(
      200,
      'GET',
      '/api/guides/rep/editions/1/campaigns',
    )
    await c.admin.expect(200, 'PUT', `/api/campaigns/${items[0]?.id ?? ''}/decision`, {
      decision: 'not-accepted',
      response: 'The lane is kept.',
      draft: false,
    })
    await c.admin.expect(200, 'POST', '/api/guides/rep/editions/1/transitions', { to: 'closed' })
    await c.admin.expect(201, 'POST', '/api/guides/rep/editions', { markdown: GUIDE })
    await c.admin.expect(200, 'POST', '/api/guides/rep/editions/2/transitions', { to: 'published' })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('before the paragraph-by-paragraph record', async () => {
    const response = await c.visitor().request('/g/rep/2/report')
    expect(response.status).toBe(200)
    const html = await response.text()
    const campaigns = html.indexOf('<h2 id="campaigns-title">Campaigns</h2>')
    expect(campaigns).toBeGreaterThan(0)
    expect(campaigns).toBeLessThan(html.indexOf('Comments on edition 1'))
    expect(html).toContain('3 people sent this, on edition 1')
    expect(html).toContain('<strong>Not accepted</strong>: The lane is kept.')
    // Una's own comment is in the record, not a campaign.
    expect(html.slice(campaigns, html.indexOf('Comments on edition 1'))).not.toContain('buses should stop')
  })

  it('names each member’s campaign in the report’s spreadsheet, and none for a comment of its own', async () => {
    const csv = await (await c.visitor().request('/g/rep/2/report.csv')).text()
    const [header = '', ...rows] = csv.replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toMatch(/,organisation,campaign,themes$/)
    const { items } = await c.admin.expect<{ items: { id: string }[] }>(
      200,
      'GET',
      '/api/guides/rep/editions/1/campaigns',
    )
    const campaign = items[0]?.id ?? 'none'
    expect(rows.filter((row) => row.endsWith(`,${campaign},`))).toHaveLength(3)
    expect(rows.filter((row) => row.includes('buses should stop') && row.endsWith(',,'))).toHaveLength(1)
  })
})
