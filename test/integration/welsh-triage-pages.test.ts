import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'
const TEXT =
  'I object to the removal of the protected cycle lane on Mill Road. It keeps children safe on their way to school.'

/** A form as a browser posts it, without script. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

type Who = 'rita' | 'sam' | 'tom' | 'una' | 'ed'

/**
 * SPEC.md, "Languages: English and Welsh": the editors' triage page, with its filters, heat strip,
 * campaigns, themes, bulk and release forms and each comment's decision form, in the reader's
 * language (issue #22).
 */
describe(`the triage page in Welsh and in English (${databaseKind})`, () => {
  let c: Consultation<Who>
  const page = '/g/mill/1/triage'
  const ids: Record<string, string> = {}
  const triage = async (headers: Record<string, string>, query = '') => {
    const response = await c.people.ed.request(`${page}${query}`, { headers })
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
    // Three people send the same words: a campaign.
    ids.rita = await c.post(c.people.rita, 2, { body: `Dear Sir,\n\n${TEXT}\n\nRegards,\nRita` })
    ids.sam = await c.post(c.people.sam, 1, { body: TEXT })
    ids.tom = await c.post(c.people.tom, null, { body: `${TEXT}\nThanks` })
    ids.una = await c.post(c.people.una, 1, { body: 'The buses should stop nearer the school gates.' })
    ids.una2 = await c.post(c.people.una, 2, { kind: 'example', body: 'The number 7 was late all week.' })
    await c.people.ed.expect(201, 'POST', '/api/guides/mill/themes', {
      name: 'Buses',
      commentIds: [ids.una],
    })
    // One decision public, one a draft.
    const decided = await c.people.ed.request(
      `${page}/decide`,
      form({ commentId: ids.una, decision: 'noted', response: 'Diolch.' }),
    )
    expect(decided.status).toBe(303)
    const drafted = await c.people.ed.request(
      `${page}/decide`,
      form({ commentId: ids.una2, decision: 'accepted', response: '', draft: '1' }),
    )
    expect(drafted.status).toBe(303)
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('speaks Welsh to a Welsh editor: headings, filters, campaigns, themes, forms and each comment', async () => {
    const html = await triage(WELSH, '?done=decided')
    expect(htmlLang(html)).toBe('cy')
    expect(html).toContain('<h1>Brysbennu: argraffiad 1</h1>')
    expect(html).toContain('Mae’r penderfyniad wedi’i gadw.')
    // The filters.
    expect(html).toContain('<label for="filter-kind">Math</label>')
    expect(html).toContain('Trefn darllen')
    expect(html).toContain('Fesul thema')
    expect(html).toContain('Heb eu datrys yn unig')
    // The heat strip, the campaign, the themes.
    expect(html).toContain('<h2 id="heat-title">Ble mae’r adborth</h2>')
    expect(html).toContain('<h2 id="campaigns-title">Ymgyrchoedd</h2>')
    expect(html).toContain('Ymgyrch: 3 pherson')
    expect(html).toContain('Mae 3 sylw mewn 1 ymgyrch, wedi’u hateb unwaith i bawb dan Ymgyrchoedd isod')
    expect(html).toContain('<h2 id="themes-title">Themâu</h2>')
    // The release and bulk forms, and a comment's own form.
    expect(html).toContain('<h2 id="release-title">Penderfyniadau drafft</h2>')
    expect(html).toContain('Rhyddhau’r drafft')
    expect(html).toContain('<h2 id="bulk-title">Rhoi ar waith ar y rhai a ddewiswyd</h2>')
    expect(html).toContain('Cadw’r penderfyniad')
    expect(html).toContain('Cadw fel drafft')
    expect(html).toContain('Penderfyniad drafft')
    expect(html).toContain(`rhif ${ids.una ?? ''}`)
    expect(englishLeftIn(html)).toEqual([])
  })

  it('says in Welsh what is wrong with a form it refuses', async () => {
    const refused = await c.people.ed.request(`${page}/decide-many`, {
      method: 'POST',
      headers: { ...WELSH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision: 'noted', response: '' }),
    })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(htmlLang(html)).toBe('cy')
    expect(html).toContain('<title>Gwall: Brysbennu')
    expect(html).toContain('Mae problem')
    expect(html).toContain('Dewiswch o leiaf un sylw yn gyntaf.')
    expect(englishLeftIn(html)).toEqual([])

    // A theme's name already taken: its field says why in Welsh, as the catalogue has it.
    const taken = await c.people.ed.request(`${page}/themes`, {
      method: 'POST',
      headers: { ...WELSH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'buses', description: '' }),
    })
    expect(taken.status).toBe(422)
    const themeHtml = await taken.text()
    expect(themeHtml).toContain('Dewiswch enw arall, neu ychwanegwch at y thema sydd â’r enw hwnnw.')
    expect(themeHtml).not.toContain('Choose another name')
    expect(englishLeftIn(themeHtml)).toEqual([])
  })

  it('keeps its English for an English editor', async () => {
    const html = await triage(ENGLISH)
    expect(htmlLang(html)).toBe('en')
    expect(html).toContain('<h1>Triage: edition 1</h1>')
    for (const words of [
      'Where the feedback is',
      'Reading order',
      'Most agreed',
      'By theme',
      'Only unresolved',
      'Flagged',
      'Campaign: 3 people',
      'Apply to selected',
      'Release the draft',
      'Save decision',
      'Save as draft',
      'Draft decision',
    ])
      expect(html).toContain(words)
  })
})
