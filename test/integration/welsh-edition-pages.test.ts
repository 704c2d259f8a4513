import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const LANGUAGES = { cy: WELSH, en: ENGLISH }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

const GUIDE = `# Mill Road

The cycle lane stays as it is.

Buses run every ten minutes.

The school crossing has a warden at eight.

Parking bays move to the side streets.

Deliveries stop before nine.

The market keeps its Saturday pitch.
`

// The first paragraph edited, the buses removed, the rest unchanged, one paragraph new.
const REVISED = `# Mill Road

The cycle lane stays as it is, with a kerb between it and the road.

The school crossing has a warden at eight.

Parking bays move to the side streets.

Deliveries stop before nine.

The market keeps its Saturday pitch.

Street lights stay on until midnight.
`

/** A form as a browser posts it, without script, in a language. */
const form = (language: keyof typeof LANGUAGES, fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { ...LANGUAGES[language], 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The hash in the first form of the block with this element id (`b-2` on the draft, `n-2` in the preview). */
const hashOf = (html: string, id: string) =>
  new RegExp(`id="${id}"[\\s\\S]*?name="hash" value="([^"]+)"`).exec(html)?.[1] ?? ''

/** The page's words, tags left out. */
const words = (html: string) => html.replace(/<[^>]+>/g, '')

type Who = 'rita' | 'ed'

/**
 * SPEC.md, "Languages: English and Welsh": the editors' pages of a guide's editions (the editions and
 * their transitions, the questions asked before publishing, closing and deleting, the working draft,
 * the lineage preview, placing a carried comment) in the reader's language (issue #22), the guide's own
 * words marked with the guide's.
 */
describe(`the editors' edition pages in Welsh and in English (${databaseKind})`, () => {
  let c: Consultation<Who>
  const ids: Record<string, string> = {}

  /** A page as the editor gets it in a language: its status, its language, and no English left in Welsh. */
  const read = async (
    language: keyof typeof LANGUAGES,
    path: string,
    init: RequestInit = {},
    status = 200,
  ) => {
    const response = await c.people.ed.request(path, {
      ...init,
      headers: { ...LANGUAGES[language], ...(init.headers as Record<string, string> | undefined) },
    })
    expect(response.status, `${path} in ${language}`).toBe(status)
    const html = await response.text()
    expect(htmlLang(html), path).toBe(language)
    if (language === 'cy') expect(englishLeftIn(html), path).toEqual([])
    return html
  }
  const post = (
    language: keyof typeof LANGUAGES,
    path: string,
    fields: Record<string, string>,
    status = 200,
  ) => read(language, path, form(language, fields), status)

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'mill', markdown: GUIDE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    ids.lane = await c.post(c.people.rita, 'The cycle lane', { body: 'Mae angen cadw’r lôn feiciau.' })
    ids.buses = await c.post(c.people.rita, 'Buses run', { body: 'Mae’r bysiau’n hwyr bob bore.' })
    ids.parking = await c.post(c.people.rita, 'Parking bays', { body: 'Ble bydd y siopwyr yn parcio?' })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('lists the editions, their facts and transitions in the reader’s language', async () => {
    const welsh = await read('cy', '/g/mill/manage?done=open&n=1')
    expect(welsh).toContain('Mae argraffiad 1 ar agor ar gyfer ymgynghori.')
    expect(welsh).toContain('<h1>Argraffiadau “<span lang="en" dir="auto">Mill Road</span>”</h1>')
    expect(welsh).toContain('aria-label="Golygu’r canllaw hwn"')
    expect(welsh).toContain('Argraffiad 1 <span class="badge state-open">Ar agor am sylwadau</span>')
    expect(welsh).toContain('Cau’r ymgynghoriad nawr')
    expect(welsh).toContain('Diwygio’n argraffiad 2')

    const english = await read('en', '/g/mill/manage?done=open&n=1')
    for (const text of [
      'Edition 1 is open for consultation.',
      'Editions of “Mill Road”',
      'Edition 1 <span class="badge state-open">Open for comment</span>',
      'Close the consultation now',
      'Revise into edition 2',
      'Editions, newest first',
    ])
      expect(english).toContain(text)
  })

  it('asks before closing the consultation early, in the reader’s language', async () => {
    const welsh = await post('cy', '/g/mill/manage/1/transition', { to: 'closed' })
    expect(welsh).toContain('<h1>Cau’r ymgynghoriad ar argraffiad 1 nawr?</h1>')
    expect(welsh).toContain('Nid oes amser cau wedi’i osod.')
    expect(welsh).toContain('Ei gadw ar agor')
    const english = await post('en', '/g/mill/manage/1/transition', { to: 'closed' })
    expect(english).toContain('<h1>Close the consultation on edition 1 now?</h1>')
    expect(english).toContain('It has no closing time set.')
    expect(english).toContain('Keep it open')
  })

  it('shows the working draft with its blocks, forms and feedback in the reader’s language', async () => {
    await read('en', '/g/mill/revise')
    const upload = new FormData()
    upload.append('markdown', REVISED)
    const replaced = await c.people.ed.request('/g/mill/revise/text', { method: 'POST', body: upload })
    expect(replaced.status).toBe(303)

    const welsh = await read('cy', '/g/mill/revise?done=text')
    expect(welsh).toContain('Mae’r testun cyfan wedi’i ddisodli.')
    expect(welsh).toContain('Blociau argraffiad 2: 7 bloc')
    expect(welsh).toContain('Symud i lawr<span class="visually-hidden"> bloc 1</span>')
    expect(welsh).toContain('Paragraff newydd ar ôl bloc 1 (Markdown)')
    expect(welsh).toContain('Mae angen cadw’r lôn feiciau.')
    // The guide's words keep the guide's language; the forms around them speak the reader's.
    expect(welsh).toContain('<p class="draft-heading">Mill Road</p>')
    expect(welsh).toMatch(/<div class="draft-block-text" dir="auto" lang="en"><p>The cycle lane stays/)
    expect(welsh).not.toContain('<ol class="draft-blocks" dir="auto" lang="en">')

    const english = await read('en', '/g/mill/revise?done=text')
    for (const text of [
      'The whole text is replaced.',
      'The 7 blocks of edition 2',
      'Move down<span class="visually-hidden"> block 1</span>',
      'New paragraph after block 1 (Markdown)',
      'Replace the whole text',
      'Discard the working draft',
    ])
      expect(english).toContain(text)
  })

  it('asks before deleting a block, then offers to put it back, in the reader’s language', async () => {
    const draft = await read('en', '/g/mill/revise')
    const hash = hashOf(draft, 'b-6')
    const welsh = await post('cy', '/g/mill/revise/blocks/6', { op: 'delete', hash })
    expect(welsh).toContain('<h1>Dileu bloc 6 o’r drafft gwaith?</h1>')
    expect(welsh).toContain('<blockquote class="draft-block-text" dir="auto" lang="en">')
    expect(welsh).toContain('Ei gadw')
    const english = await post('en', '/g/mill/revise/blocks/6', { op: 'delete', hash })
    expect(english).toContain('<h1>Delete block 6 of the working draft?</h1>')
    expect(english).toContain('Keep it')

    const deleted = await c.people.ed.request(
      '/g/mill/revise/blocks/6',
      form('en', { op: 'delete', hash, confirmed: 'yes' }),
    )
    expect(deleted.status).toBe(303)
    const undo = await read('cy', '/g/mill/revise?done=delete')
    expect(undo).toContain('Mae’r bloc wedi’i ddileu.')
    expect(undo).toContain('Dadwneud: rhoi bloc 6 yn ôl')
    expect(await read('en', '/g/mill/revise?done=delete')).toContain('Undo: put block 6 back')
    expect((await c.people.ed.request('/g/mill/revise/undo', form('en', {}))).status).toBe(303)

    // A block's Markdown past the form's limit is refused in the reader's language too.
    const big = await post(
      'cy',
      '/g/mill/revise/blocks/1',
      { op: 'edit', hash, markdown: 'x'.repeat(2_200_000) },
      413,
    )
    expect(big).toContain('Yn ôl i’r dudalen')
  })

  it('previews the lineage, its changes, corrections and comments in the reader’s language', async () => {
    const before = await read('en', '/g/mill/revise/preview')
    const buses = c.guide.blocks.find((b) => b.text.startsWith('Buses'))?.number ?? ''
    const refused = await post(
      'cy',
      '/g/mill/revise/links',
      { ordinal: '6', hash: hashOf(before, 'n-6'), from: '99' },
      422,
    )
    expect(refused).toContain('Nid yw hynny’n dderbyniol fel y mae; ni newidiwyd dim.')
    expect(refused).toContain('value="99"')
    const corrected = await c.people.ed.request(
      '/g/mill/revise/links',
      form('en', { ordinal: '6', hash: hashOf(before, 'n-6'), from: buses }),
    )
    expect(corrected.status).toBe(303)

    const welsh = await read('cy', '/g/mill/revise/preview?done=corrected')
    expect(welsh).toContain('Mae’r cyswllt wedi’i gywiro.')
    expect(welsh).toContain('<h2 id="summary-title">O argraffiad 1 i argraffiad 2</h2>')
    expect(welsh).toContain('<span class="change-badge change-edited">Golygwyd</span>')
    expect(welsh).toMatch(/\d+% yn debyg/)
    expect(welsh).toContain('Cywirwyd gennych chi')
    expect(welsh).toContain('Fe gywiroch chi 1 cyswllt.')
    expect(welsh).toContain('4 bloc heb newid')
    expect(welsh).toContain('1 sylw yn aros arnyn nhw')
    expect(welsh).toContain('Creu argraffiad 2')

    const english = await read('en', '/g/mill/revise/preview?done=corrected')
    for (const text of [
      'The link is corrected.',
      'From edition 1 to edition 2',
      '<span class="change-badge change-edited">Edited</span>',
      'Corrected by you',
      'You corrected 1 link.',
      '4 unchanged blocks',
      '1 comment stays on them',
      'Create edition 2',
    ])
      expect(english).toContain(text)
    expect(english).toMatch(/\d+% alike/)
  })

  it('creates edition 2, refuses to place a comment on a paragraph it has not, and asks before publishing', async () => {
    const preview = await read('en', '/g/mill/revise/preview')
    const version = /name="version" value="([^"]+)"/.exec(preview)?.[1] ?? ''
    const created = await c.people.ed.request('/g/mill/revise/create', form('en', { base: '1', version }))
    expect(created.status).toBe(303)
    const welsh = await read('cy', '/g/mill/manage?done=created&n=2')
    expect(welsh).toContain('Crëwyd argraffiad 2 fel drafft.')
    expect(welsh).toContain('Newidiadau ers argraffiad 1')
    expect(welsh).toContain('Cyhoeddi heb ymgynghori')
    expect(await read('en', '/g/mill/manage?done=created&n=2')).toContain('Redline from edition 1')
    // A time the form cannot read: the editions page again, saying why in the reader's language.
    const when = { to: 'open', closesAt: 'dydd Mawrth' }
    const refused = await post('cy', '/g/mill/manage/2/transition', when, 422)
    expect(refused).toContain('<title>Gwall: Argraffiadau: Mill Road · Gloss</title>')
    expect(refused).toContain('Mae problem')
    expect(refused).toContain('Dyddiad ac amser, fel 2026-03-31 17:00.')
    expect(refused).toContain('value="dydd Mawrth"')
    expect(refused).toContain('Sylwadau’n cau am (dewisol)')
    const english = await post('en', '/g/mill/manage/2/transition', when, 422)
    expect(english).toContain('A date and a time, such as 2026-03-31 17:00.')
    expect(english).toContain('Comments close at (optional)')

    const placing = `/g/mill/2/placements/${ids.lane ?? ''}`
    const stayed = await post('cy', placing, { paragraph: '99' }, 422)
    expect(stayed).toContain('Arhosodd y sylw lle’r oedd')
    expect(stayed).toContain('Nid oes paragraff 99 yn argraffiad 2.')
    const notPlaced = await post('en', placing, { paragraph: '99' }, 422)
    expect(notPlaced).toContain('The comment stayed where it was')
    expect(notPlaced).toContain('has no paragraph 99')

    const asked = await post('cy', '/g/mill/manage/2/transition', { to: 'published' })
    expect(asked).toContain('<h1>Cyhoeddi argraffiad 2 fel y testun terfynol?</h1>')
    expect(words(asked)).toContain('Mae 3 sylw heb benderfyniad eto.')
    expect(asked).toContain('Penderfynwch arnyn nhw wrth frysbennu yn gyntaf')
    const publish = await post('en', '/g/mill/manage/2/transition', { to: 'published' })
    expect(publish).toContain('<h1>Publish edition 2 as the final text?</h1>')
    expect(words(publish)).toContain('3 comments have no decision yet.')
    expect(words(publish)).toContain('as the final text, without a consultation on it')
  })
})
