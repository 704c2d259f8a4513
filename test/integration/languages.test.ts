import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { Client } from '../support/session.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

/** SPEC.md, "Languages: English and Welsh": choosing the language, and pages and problems in it. */
describe(`English and Welsh (${databaseKind})`, () => {
  let c: Consultation<'rhian'>

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Ada Jones' },
      guides: [{ slug: 'parking', state: 'open' }],
      people: { rhian: { email: 'rhian@example.org', name: 'Rhian' } },
    })
  })
  afterAll(async () => {
    await c.close()
  })

  describe('the switch on every page', () => {
    it('is a plain link to the other language, coming back to the page it is on', async () => {
      const html = await (await c.visitor().request('/g/parking/1?text=en')).text()
      expect(html).toMatch(
        /<a href="\/language\/cy\?back=\/g\/parking\/1%3Ftext%3Den"[^>]*lang="cy"[^>]*>Cymraeg<\/a>/,
      )
      // The reading page is kept for every reader asking the same: one reader's own query (here one
      // that names them) is never in the page another is served.
      const first = await (await c.visitor().request('/g/parking?from=rhian')).text()
      expect(first).toMatch(/<a href="\/language\/cy\?back=\/g\/parking"[^>]*>Cymraeg<\/a>/)
      const next = await (await c.visitor().request('/g/parking?from=someone-else')).text()
      expect(next).not.toContain('rhian')
      expect(next).toMatch(/<a href="\/language\/cy\?back=\/g\/parking"[^>]*>Cymraeg<\/a>/)
      // Any other page comes back to its whole address, query and all.
      const search = await (await c.visitor().request('/g/parking/search?q=bays')).text()
      expect(search).toMatch(
        /<a href="\/language\/cy\?back=\/g\/parking\/search%3Fq%3Dbays"[^>]*>Cymraeg<\/a>/,
      )
      const welsh = await (await c.visitor().request('/g/parking/1', { headers: WELSH })).text()
      expect(welsh).toMatch(/<a href="\/language\/en\?back=\/g\/parking\/1"[^>]*lang="en"[^>]*>English<\/a>/)
    })

    it('remembers the choice in a cookie and goes back to the page', async () => {
      const reader = c.visitor()
      const switched = await reader.request('/language/cy?back=/g/parking/1')
      expect(switched.status).toBe(303)
      expect(switched.headers.get('location')).toBe('/g/parking/1')
      expect(switched.headers.get('set-cookie')).toMatch(/^lang=cy;.*Max-Age=31536000.*HttpOnly/)
      expect(switched.headers.get('cache-control')).toBe('no-store')
      const page = await (await reader.request('/g/parking/1', { headers: ENGLISH })).text()
      expect(htmlLang(page)).toBe('cy')
      expect(page).toContain('Trafodaeth gyffredinol')
      await reader.request('/language/en?back=/')
      expect(htmlLang(await (await reader.request('/', { headers: WELSH })).text())).toBe('en')
    })

    it('never sends anyone to another site', async () => {
      for (const back of [
        '//evil.example/',
        'https://evil.example/',
        '/\\evil.example',
        'javascript:alert(1)',
        '',
      ])
        expect(
          (await c.visitor().request(`/language/cy?back=${encodeURIComponent(back)}`)).headers.get(
            'location',
          ),
        ).toBe('/')
      expect((await c.visitor().request('/language/fr?back=/')).status).toBe(404)
    })
  })

  it('reads Accept-Language when nothing was chosen: Welsh for cy, English for anything else', async () => {
    const page = async (accept: string) =>
      htmlLang(await (await c.visitor().request('/', { headers: { 'accept-language': accept } })).text())
    expect(await page('cy')).toBe('cy')
    expect(await page('en;q=0.4, cy-GB;q=0.8')).toBe('cy')
    expect(await page('fr-FR, de')).toBe('en')
    expect(await page('cy;q=0, en')).toBe('en')
  })

  it('keeps a signed-in person’s choice on their account, so it follows them to another device', async () => {
    const rhian = c.people.rhian
    await rhian.request('/language/cy?back=/')
    expect((await rhian.expect<{ language: string | null }>(200, 'GET', '/api/me')).language).toBe('cy')
    // Another browser: the same account, no language cookie, a browser asking for English.
    const phone = new Client(c.app)
    phone.cookie = rhian.cookie
    expect(htmlLang(await (await phone.request('/', { headers: ENGLISH })).text())).toBe('cy')
    // Chosen through the API too, and only a language Gloss has.
    await phone.expect(200, 'PATCH', '/api/me', { language: 'en' })
    expect(htmlLang(await (await phone.request('/', { headers: WELSH })).text())).toBe('en')
    const refused = await phone.send('PATCH', '/api/me', { language: 'fr' })
    expect(refused.status).toBe(422)
    expect(((await refused.json()) as { errors: { pointer: string }[] }).errors[0]?.pointer).toBe('/language')
    expect((await phone.expect<{ language: string | null }>(200, 'GET', '/api/me')).language).toBe('en')
  })

  it('remembers the language someone joins in, by invitation page or by API, so their mail is in it', async () => {
    const invitation = await c.invite('parking')
    // Switched to Welsh on the invitation page, then joined with the no-script form.
    const bethan = new Client(c.app)
    await bethan.request(`/language/cy?back=/invitations/${invitation.token}`)
    const joined = await bethan.request(`/invitations/${invitation.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        displayName: 'Bethan',
        email: 'bethan@example.org',
        password: 'correct horse battery',
      }),
    })
    expect(joined.status).toBe(303)
    expect((await bethan.expect<{ language: string | null }>(200, 'GET', '/api/me')).language).toBe('cy')
    // A browser that asks for Welsh, joining through the API.
    const dafydd = new Client(c.app)
    const dafyddJoined = await dafydd.send(
      'POST',
      `/api/invitations/${invitation.token}/accept`,
      { displayName: 'Dafydd', email: 'dafydd@example.org', password: 'correct horse battery' },
      WELSH,
    )
    expect(dafyddJoined.status).toBe(200)
    expect((await dafydd.expect<{ language: string | null }>(200, 'GET', '/api/me')).language).toBe('cy')
    // English, where everyone starts, is not remembered: the account follows the browser.
    const emma = new Client(c.app)
    const emmaJoined = await emma.send(
      'POST',
      `/api/invitations/${invitation.token}/accept`,
      { displayName: 'Emma', email: 'emma@example.org', password: 'correct horse battery' },
      ENGLISH,
    )
    expect(emmaJoined.status).toBe(200)
    expect((await emma.expect<{ language: string | null }>(200, 'GET', '/api/me')).language).toBe(null)
  })

  it('serves each converted page in Welsh with no English interface words left in it', async () => {
    const pages = [
      '/',
      '/g/parking/1',
      '/g/parking',
      '/sign-in',
      '/signup',
      '/setup',
      '/reset/not-a-real-token',
      '/search',
      '/search?q=parking',
      '/g/parking/search?q=nothing+like+this',
      '/search?q=+',
      '/accessibility',
      '/g/parking/p/zzzzzzzz',
      '/no-such-page',
      '/problems',
      '/problems/not-found',
      '/problems/http-405',
    ]
    for (const path of pages) {
      const response = await c.visitor().request(path, { headers: WELSH })
      const html = await response.text()
      expect(htmlLang(html), path).toBe('cy')
      expect(englishLeftIn(html), path).toEqual([])
    }
  })

  it('says what is wrong with a refused form in Welsh, the schema’s words for the field included', async () => {
    // Someone who has chosen no language on their account, so their browser's asking decides.
    const cai = await c.join({ email: 'cai@example.org', name: 'Cai' })
    const refused = await cai.request('/account/password', {
      method: 'POST',
      headers: { ...WELSH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ currentPassword: 'whatever it was', newPassword: 'short' }),
    })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(htmlLang(html)).toBe('cy')
    expect(html).toContain('Defnyddiwch o leiaf 10 nod.')
    expect(englishLeftIn(html, ['Cai'])).toEqual([])
    // The same refusal in English says it in the schema's own words.
    const english = await cai.request('/account/password', {
      method: 'POST',
      headers: { ...ENGLISH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ currentPassword: 'whatever it was', newPassword: 'short' }),
    })
    expect(await english.text()).toContain('Use at least 10 characters.')
  })

  it('says what is wrong with a comment, a search or an API request in Welsh, each field in its own words', async () => {
    // Someone who never chose a language: their browser's asking decides.
    const dai = await c.join({ email: 'dai@example.org', name: 'Dai' })
    const key = c.guide.key('The first')
    // The thread page's form, without JavaScript.
    const form = await dai.request(`/g/parking/1/b/${key}/comments`, {
      method: 'POST',
      headers: { ...WELSH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ kind: 'comment', body: '   ' }),
    })
    expect(form.status).toBe(422)
    const html = await form.text()
    expect(htmlLang(html)).toBe('cy')
    expect(html).toContain('Ysgrifennwch rywbeth yn gyntaf.')
    expect(englishLeftIn(html, ['Dai', 'Ada Jones'])).toEqual([])
    // A search too long, with the limit said as a number in the sentence.
    const search = await (
      await c.visitor().request(`/search?q=${'a'.repeat(201)}`, { headers: WELSH })
    ).text()
    expect(search).toContain('Chwiliwch am 200 nod ar y mwyaf.')
    // The API keeps its codes and pointers and says each field's trouble in the asker's language.
    const thread = `/api/guides/parking/editions/1/blocks/${key}/comments`
    const api = await dai.send('POST', thread, { kind: 'comment', body: '' }, WELSH)
    expect(api.status).toBe(422)
    const problem = (await api.json()) as { code: string; errors: { pointer: string; detail: string }[] }
    expect(problem.code).toBe('invalid')
    expect(problem.errors).toContainEqual({ pointer: '/body', detail: 'Ysgrifennwch rywbeth yn gyntaf.' })
    const english = await dai.send('POST', thread, { kind: 'comment', body: '' }, ENGLISH)
    expect(((await english.json()) as typeof problem).errors).toContainEqual({
      pointer: '/body',
      detail: 'Write something first.',
    })
  })

  it('serves a signed-in person’s converted pages in Welsh with no English interface words left in it', async () => {
    const rhian = c.people.rhian
    await rhian.expect(200, 'PATCH', '/api/me', { language: 'cy' })
    // A reply to her comment gives her a notice to read.
    const mine = await c.post(rhian, 'The first', { body: 'Rhy ychydig o lefydd.' })
    await c.post(c.admin, 'The first', { body: 'Diolch, byddwn yn edrych.', parentId: mine } as never)
    // The admin never chose, and reads Welsh by his browser's Accept-Language.
    for (const [who, path] of [
      [rhian, '/me/notifications'],
      [rhian, '/account'],
      [c.admin, '/account'],
    ] as const) {
      const response = await who.request(path, { headers: WELSH })
      expect(response.status, path).toBe(200)
      const html = await response.text()
      expect(htmlLang(html), path).toBe('cy')
      expect(englishLeftIn(html), path).toEqual([])
    }
    const notices = await (await rhian.request('/me/notifications')).text()
    expect(notices).toContain('Atebodd rhywun eich sylw ar baragraff 1 yn argraffiad 1.')
    expect(notices).toContain('Mae gennych 1 hysbysiad heb ei ddarllen.')
  })

  it('tells a problem in Welsh, keeping its code and pointers for scripts', async () => {
    const missing = await c.visitor().request('/api/guides/no-such-guide', { headers: WELSH })
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({
      code: 'not-found',
      title: 'Heb ei ganfod',
      detail: 'Does dim byd yn y cyfeiriad hwn, neu ni chewch wybod amdano.',
    })
    const invalid = await c.admin.request('/api/me', {
      method: 'PATCH',
      headers: { ...WELSH, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: '' }),
    })
    const problem = (await invalid.json()) as { code: string; title: string; errors: { pointer: string }[] }
    expect(invalid.status).toBe(422)
    expect(problem.code).toBe('invalid')
    expect(problem.title).toBe('Mewnbwn annilys')
    expect(problem.errors[0]?.pointer).toBe('/displayName')
    const english = await c.visitor().request('/api/guides/no-such-guide', { headers: ENGLISH })
    expect(((await english.json()) as { title: string }).title).toBe('Not found')
  })

  describe('caches', () => {
    it('are told a page varies by what chooses its language', async () => {
      for (const path of ['/', '/g/parking/1', '/problems', '/accessibility']) {
        const vary = (await c.visitor().request(path)).headers.get('vary') ?? ''
        expect(vary, path).toMatch(/Cookie/i)
        expect(vary, path).toMatch(/Accept-Language/i)
      }
    })

    it('never give an English reader the Welsh page, nor the reverse, even as a 304', async () => {
      // One after the other, well inside the moment a public page is served again unchecked.
      const english = await c.visitor().request('/g/parking/1', { headers: ENGLISH })
      const welsh = await c.visitor().request('/g/parking/1', { headers: WELSH })
      expect(htmlLang(await english.text())).toBe('en')
      expect(htmlLang(await welsh.text())).toBe('cy')
      const englishTag = english.headers.get('etag') ?? ''
      const welshTag = welsh.headers.get('etag') ?? ''
      expect(englishTag).not.toBe('')
      expect(welshTag).not.toBe(englishTag)
      // A Welsh reader holding the English copy is sent the Welsh page, not told theirs is current.
      const asWelsh = await c
        .visitor()
        .request('/g/parking/1', { headers: { ...WELSH, 'if-none-match': englishTag } })
      expect(asWelsh.status).toBe(200)
      expect(htmlLang(await asWelsh.text())).toBe('cy')
      const asEnglish = await c
        .visitor()
        .request('/g/parking/1', { headers: { ...ENGLISH, 'if-none-match': welshTag } })
      expect(asEnglish.status).toBe(200)
      expect(htmlLang(await asEnglish.text())).toBe('en')
      // Each holding its own copy is told so.
      expect(
        (await c.visitor().request('/g/parking/1', { headers: { ...WELSH, 'if-none-match': welshTag } }))
          .status,
      ).toBe(304)
      expect(
        (await c.visitor().request('/g/parking/1', { headers: { ...ENGLISH, 'if-none-match': englishTag } }))
          .status,
      ).toBe(304)
      // The switch's cookie decides over Accept-Language for the kept page too.
      const chosen = new Client(c.app)
      chosen.language = 'en'
      await sleep(10)
      expect(htmlLang(await (await chosen.request('/g/parking/1', { headers: WELSH })).text())).toBe('en')
    })
  })
})
