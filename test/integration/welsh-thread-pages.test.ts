import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

/**
 * SPEC.md, "Languages: English and Welsh": a paragraph's thread page without JavaScript, its headings,
 * the comment form and each comment, in the reader's language (issue #22).
 */
describe(`a thread page in Welsh and in English (${databaseKind})`, () => {
  let c: Consultation<'rhian' | 'dafydd'>
  let path = ''

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Admin' },
      // Names are public here, so each comment's author line names its author.
      guides: [{ slug: 'parking', openAfterJoining: true, namesPublic: true }],
      people: {
        rhian: { email: 'rhian@example.org', name: 'Rhian' },
        dafydd: { email: 'dafydd@example.org', name: 'Dafydd' },
      },
    })
    await c.post(c.people.rhian, 0, { body: 'Mae angen mwy o lefydd parcio.' })
    path = `/g/parking/1/b/${c.guide.key(0)}`
  })
  afterAll(async () => {
    await c.close()
  })

  const page = async (
    who: ReturnType<Consultation<never>['visitor']>,
    at: string,
    headers: Record<string, string>,
  ) => {
    const response = await who.request(at, { headers })
    expect(response.status, at).toBe(200)
    return response.text()
  }

  it('speaks Welsh to a Welsh reader who may comment: headings, the form, and each comment', async () => {
    // Dafydd never chose a language: his browser asks for Welsh.
    const html = await page(c.people.dafydd, path, WELSH)
    expect(htmlLang(html)).toBe('cy')
    expect(html).toMatch(/<h1>Sylwadau ar baragraff [\d.]+<\/h1>/)
    expect(html).toContain('<h2 id="thread-title">Sylwadau</h2>')
    expect(html).toContain('<h2 id="respond-title">Ychwanegu sylw</h2>')
    // The comment form's labels and buttons.
    expect(html).toContain('<legend>Math</legend>')
    expect(html).toMatch(/<label for="new-body">Eich sylw<\/label>/)
    expect(html).toContain('Pwy gaiff ei ddarllen')
    expect(html).toContain('Gellir ei gyhoeddi: gall unrhyw un sy’n darllen y canllaw ei ddarllen')
    expect(html).toContain('Ar ran sefydliad (dewisol)')
    expect(html).toMatch(/<button type="submit" class="button">Anfon y sylw<\/button>/)
    // Rhian's comment: its kind and author line, and what Dafydd may do with it.
    expect(html).toContain('aria-label="Sylw gan Rhian"')
    expect(html).toContain('<span class="kind kind-comment">Sylw</span>')
    expect(html).toMatch(/<span class="comment-author"><strong>Rhian<\/strong>/)
    expect(html).toMatch(/<summary>Ateb<span class="visually-hidden"> i Rhian<\/span><\/summary>/)
    expect(html).toContain('Cytuno â sylw Rhian')
    // The guide's English title inside a Welsh sentence is marked as English, for a screen reader.
    expect(html).toMatch(/<span lang="en[^"]*" dir="auto">[^<]+<\/span>, argraffiad 1/)
    expect(englishLeftIn(html)).toEqual([])
  })

  it('tells a Welsh reader signed out how to take part, and what was done, in Welsh', async () => {
    const signedOut = await page(c.visitor(), path, WELSH)
    expect(htmlLang(signedOut)).toBe('cy')
    expect(signedOut).toContain('Mewngofnodwch i roi sylw')
    expect(signedOut).toContain('aria-label="Sylw gan Rhian"')
    expect(englishLeftIn(signedOut)).toEqual([])

    const general = await page(c.people.dafydd, '/g/parking/1/discussion?done=flagged', WELSH)
    expect(htmlLang(general)).toBe('cy')
    expect(general).toContain('<h1>Trafodaeth gyffredinol</h1>')
    expect(general).toContain('Diolch. Bydd y golygyddion yn edrych ar y sylw hwn.')
    expect(general).toContain('Eich sylw ar yr argraffiad hwn yn ei gyfanrwydd')
    expect(englishLeftIn(general)).toEqual([])

    const removed = await page(c.visitor(), '/g/parking/1/removed', WELSH)
    expect(htmlLang(removed)).toBe('cy')
    expect(removed).toContain('<h1>Sylwadau ar destun a dynnwyd</h1>')
    expect(removed).toContain('Nid oes yr un.')
    expect(englishLeftIn(removed)).toEqual([])
  })

  it('shows Rhian what happened to her comments in Welsh, and in English when she reads English', async () => {
    const welsh = await page(c.people.rhian, '/me/comments', WELSH)
    expect(htmlLang(welsh)).toBe('cy')
    expect(welsh).toContain('<h1>Beth ddigwyddodd i’ch sylwadau</h1>')
    expect(welsh).toContain('Ysgrifennoch 1 sylw a 0 ateb.')
    expect(welsh).toContain('Eich sylw yn ei edefyn')
    expect(englishLeftIn(welsh)).toEqual([])
    const english = await page(c.people.rhian, '/me/comments', ENGLISH)
    expect(english).toContain('<h1>What happened to your comments</h1>')
    expect(english).toContain('You wrote 1 comment and 0 replies.')
  })

  it('keeps English for an English reader', async () => {
    const html = await page(c.people.dafydd, path, ENGLISH)
    expect(htmlLang(html)).toBe('en')
    expect(html).toMatch(/<h1>Comments on paragraph [\d.]+<\/h1>/)
    expect(html).toContain('<legend>Kind</legend>')
    expect(html).toContain('Who may read it')
    expect(html).toMatch(/<button type="submit" class="button">Post comment<\/button>/)
    expect(html).toContain('aria-label="Comment by Rhian"')
    expect(html).toContain('<span class="kind kind-comment">Comment</span>')
    expect(html).not.toContain('Sylwadau ar baragraff')
    const removed = await page(c.visitor(), '/g/parking/1/removed', ENGLISH)
    expect(removed).toContain('<h1>Comments on removed text</h1>')
    expect(removed).toContain('There are none.')
  })
})
