import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'
import { testApp } from '../support/app.ts'
import { QueryCounter } from '../support/query-counter.ts'
import { Client } from '../support/session.ts'
import { ENGLISH, WELSH } from '../support/parking-texts.ts'

const CY = { 'accept-language': 'cy-GB,cy;q=0.9' }

/** The multipart form the editions page's translation form sends, in a language. */
const upload = (fields: Record<string, string | File>, headers: Record<string, string> = {}): RequestInit => {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return { method: 'POST', body, headers }
}

/** The page's words, tags left out. */
const words = (html: string) => html.replace(/<[^>]+>/g, '')

/**
 * Issue #22, "an upload in the editor": an editor adds an edition's text in another language from the
 * editions page, without JavaScript, as a file or pasted; a text that does not line up comes back with
 * each difference said in the editor's language, and nothing changes.
 */
describe(`an edition's translation sent from the editions page (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed'>
  const FORM = '/g/parking/manage/1/translation'
  const stored = async () =>
    (
      await c.database.db
        .selectFrom('editionTranslations')
        .select(['lang', 'source'])
        .orderBy('lang')
        .execute()
    ).map((row) => `${row.lang}: ${row.source}`)
  const manage = async (headers: Record<string, string> = {}) => {
    const response = await c.people.ed.request('/g/parking/manage', { headers })
    expect(response.status).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parking', markdown: ENGLISH, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  it('offers each edition’s editors the form, and the language its text is in', async () => {
    const html = await manage()
    expect(html).toContain(`action="${FORM}" enctype="multipart/form-data"`)
    expect(html).toContain('Add its text in another language')
    // The guide is in English: the one language offered is Welsh, named in itself.
    expect(html).toContain('<option value="cy" lang="cy">Cymraeg</option>')
    expect(html).not.toContain('<option value="en"')
    expect(html).toMatch(/<dt>Text in<\/dt>\s*<dd>\s*<span lang="en">English<\/span>\s*<\/dd>/)
  })

  it('refuses anyone but the guide’s editors, and a form from another site', async () => {
    const sent = () => upload({ lang: 'cy', markdown: WELSH })
    expect((await c.people.rita.request('/g/parking/manage')).status).toBe(403)
    expect((await c.people.rita.request(FORM, sent())).status).toBe(403)
    const visitor = await c.visitor().request(FORM, sent())
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toBe('/sign-in?next=/g/parking/manage')
    const forged = await c.people.ed.request(FORM, {
      ...sent(),
      headers: { origin: 'https://elsewhere.example' },
    })
    expect(forged.status).toBe(403)
    expect((await c.people.ed.request('/g/parking/manage/9/translation', sent())).status).toBe(404)
    expect(await stored()).toEqual([])
  })

  it('refuses a text that does not line up, listing each difference, keeping what was pasted', async () => {
    const extra = await c.people.ed.request(
      FORM,
      upload({ lang: 'cy', markdown: `${WELSH}\nParagraff ychwanegol.\n` }),
    )
    expect(extra.status).toBe(422)
    const html = await extra.text()
    expect(html).toContain('The text does not line up with edition 1, block for block.')
    expect(html).toContain('Blocks in the edition: 4; in the text sent: 5.')
    expect(html).toContain('Paragraff ychwanegol.\n</textarea>')
    expect(html).toContain('<details class="draft-action" open="">')
    expect(html).toContain('href="#t1-markdown"')
    // A list item sent as a paragraph, by file this time: named by its number, both kinds said.
    const kinds = await c.people.ed.request(
      FORM,
      upload({
        lang: 'cy',
        file: new File([WELSH.replace('- Gall', 'Gall').replace('- Mae', '\nMae')], 'cy.md'),
      }),
    )
    expect(kinds.status).toBe(422)
    expect(words(await kinds.text())).toContain(
      'Block 3 is a list item in the edition and a paragraph in the text sent.',
    )
    const empty = await c.people.ed.request(FORM, upload({ lang: 'cy', markdown: '  ' }))
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Upload a Markdown file or paste the translated text.')
    const own = await c.people.ed.request(FORM, upload({ lang: 'en', markdown: ENGLISH }))
    expect(own.status).toBe(422)
    expect(await own.text()).toContain('a translation is in another language')
    const broken = await c.people.ed.request(
      FORM,
      upload({ lang: 'cy', file: new File([new Uint8Array([0x23, 0x20, 0xff, 0xfe])], 'cy.md') }),
    )
    expect(broken.status).toBe(422)
    expect(await broken.text()).toContain('The source is not UTF-8 text.')
    expect(await stored()).toEqual([])
  })

  it('adds the text pasted, says so, and the reading page shows it', async () => {
    const sent = await c.people.ed.request(
      FORM,
      upload({ lang: 'cy', markdown: WELSH.replace(/\n/g, '\r\n') }),
    )
    expect(sent.status).toBe(303)
    const location = sent.headers.get('location') ?? ''
    expect(location).toBe('/g/parking/manage?done=translated&n=1&lang=cy#edition-1')
    const after = await manage()
    expect(await (await c.people.ed.request(location)).text()).toContain('Welsh text added to edition 1.')
    expect(after).toMatch(/<span lang="en">English<\/span>, <span lang="cy">Cymraeg<\/span>/)
    expect(await stored()).toEqual([`cy: ${WELSH}`])
    const reading = await (await c.visitor().request('/g/parking/1?text=cy')).text()
    expect(reading).toContain('Parciwch mewn baeau wedi’u marcio')
    expect(reading).not.toContain('Park only in marked bays')
  })

  it('replaces it with a file uploaded', async () => {
    const file = new File([WELSH.replace('blwyddyn', 'deuddeg mis')], 'parcio.md', { type: 'text/markdown' })
    const sent = await c.people.ed.request(FORM, upload({ lang: 'cy', file, markdown: '' }))
    expect(sent.status).toBe(303)
    expect(await stored()).toEqual([`cy: ${WELSH.replace('blwyddyn', 'deuddeg mis')}`])
    expect(await (await c.visitor().request('/g/parking/1?text=cy')).text()).toContain(
      'Mae trwyddedau’n para deuddeg mis.',
    )
  })

  it('lists every edition’s languages in as many queries for three editions as for one', async () => {
    const counter = new QueryCounter()
    const counted = new Client(await testApp({ ...c.database, db: c.database.db.withPlugin(counter) }))
    counted.cookie = c.admin.cookie
    const queries = async (slug: string) => {
      counter.count = 0
      const response = await counted.request(`/g/${slug}/manage`)
      expect(response.status).toBe(200)
      return { count: counter.count, html: await response.text() }
    }
    const one = await queries('parking')
    await c.addGuide({ slug: 'three', markdown: ENGLISH, state: 'published' })
    for (const n of [2, 3]) {
      await c.admin.expect(201, 'POST', '/api/guides/three/editions', { markdown: ENGLISH })
      await c.admin.expect(200, 'POST', `/api/guides/three/editions/${String(n)}/transitions`, {
        to: 'published',
      })
    }
    for (const n of [1, 2, 3])
      await c.admin.expect(201, 'POST', `/api/guides/three/editions/${String(n)}/translations`, {
        lang: 'cy',
        markdown: WELSH,
      })
    const three = await queries('three')
    expect(three.html.match(/<span lang="cy">Cymraeg<\/span>/g)).toHaveLength(3)
    expect(three.count).toBe(one.count)
  })

  it('speaks Welsh to a Welsh-speaking editor: the form, its refusal and its notice', async () => {
    const page = await manage(CY)
    expect(page).toContain('<html lang="cy"')
    expect(page).toContain('Ychwanegu ei destun mewn iaith arall')
    expect(page).toContain('Ieithoedd y testun')
    expect(englishLeftIn(page)).toEqual([])

    const before = await stored()
    const refused = await c.people.ed.request(
      FORM,
      upload({ lang: 'cy', markdown: WELSH.replace('- Gall', 'Gall').replace('- Mae', '\nMae') }, CY),
    )
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('Nid yw’r testun yn cyfateb i argraffiad 1, bloc am floc.')
    expect(words(html)).toContain(
      'Mae bloc 3 yn eitem rhestr yn yr argraffiad ac yn baragraff yn y testun a anfonwyd.',
    )
    expect(englishLeftIn(html)).toEqual([])
    const empty = await c.people.ed.request(FORM, upload({ lang: 'cy', markdown: '' }, CY))
    expect(empty.status).toBe(422)
    const emptyHtml = await empty.text()
    expect(emptyHtml).toContain('Lanlwythwch ffeil Markdown neu gludwch y testun wedi’i gyfieithu.')
    expect(englishLeftIn(emptyHtml)).toEqual([])
    expect(await stored()).toEqual(before)

    // The language chosen by the switch (its cookie) is kept after the redirect too.
    c.people.ed.language = 'cy'
    const sent = await c.people.ed.request(FORM, upload({ lang: 'cy', markdown: WELSH }))
    expect(sent.status).toBe(303)
    const notice = await (await c.people.ed.request(sent.headers.get('location') ?? '')).text()
    expect(notice).toContain('Ychwanegwyd testun Cymraeg at argraffiad 1.')
    expect(englishLeftIn(notice)).toEqual([])
    c.people.ed.language = ''
  })
})
