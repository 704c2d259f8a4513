import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'
/** A guide written in Welsh, as a Welsh council would import it. */
const CANLLAW =
  '---\nlang: cy\n---\n# Heol y Felin\n\nMae’r lôn feiciau’n aros fel y mae.\n\nMae’r bysiau’n rhedeg bob deng munud.\n'

/**
 * The editors' links between their pages (editor-nav.tsx) belong to the editions' pages, converted to
 * the catalogues on their own; until then their English is theirs, not the page's under test.
 */
const withoutEditorNav = (html: string) =>
  html.replace(/<nav class="sub-nav" aria-label="Editing this guide">[\s\S]*?<\/nav>/, '')

/** A form as a browser posts it, without script, in a language. */
const form = (fields: Record<string, string>, headers: Record<string, string> = ENGLISH): RequestInit => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

type Who = 'rita' | 'sam' | 'ed'

/**
 * SPEC.md, "Languages: English and Welsh": the editors' and administrators' pages (the moderation
 * queue, invitations, a guide's settings and import, the instance's people, settings, audit log,
 * instance and background work) and the feeds' entries in the reader's language (issue #22).
 */
describe(`the editors' and administrators' pages in Welsh and in English (${databaseKind})`, () => {
  let c: Consultation<Who>
  const ids: Record<string, string> = {}
  const get = async (who: 'admin' | Who, path: string, headers: Record<string, string>, status = 200) => {
    const client = who === 'admin' ? c.admin : c.people[who]
    const response = await client.request(path, { headers })
    expect(response.status, path).toBe(status)
    return response.text()
  }
  /** A page in Welsh with none of the catalogues' English left on it. */
  const inWelsh = async (who: 'admin' | Who, path: string, status = 200) => {
    const html = await get(who, path, WELSH, status)
    expect(htmlLang(html), path).toBe('cy')
    expect(englishLeftIn(withoutEditorNav(html)), path).toEqual([])
    return html
  }
  const inEnglish = async (who: 'admin' | Who, path: string, status = 200) => {
    const html = await get(who, path, ENGLISH, status)
    expect(htmlLang(html), path).toBe('en')
    return html
  }

  beforeAll(async () => {
    c = await consultation({
      admin: { email: 'admin@example.org', name: 'Ada Lovelace' },
      guides: [
        { slug: 'mill', markdown: GUIDE, state: 'open' },
        {
          slug: 'park',
          markdown: '# The Park\n\nThe gates open at dawn.\n\nDogs stay on a lead.\n',
          state: 'published',
        },
      ],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Jones' },
        sam: { email: 'sam@example.org', name: 'Sam Price' },
        ed: { email: 'ed@example.org', name: 'Ed', role: 'editor' },
      },
    })
    ids.flagged = await c.post(c.people.rita, 1, { body: 'Whoever wrote this should think again.' })
    ids.hidden = await c.post(c.people.sam, 2, { body: 'Buy cheap watches here.' })
    const flagged = await c.people.sam.send('POST', `/api/comments/${ids.flagged}/flags`, { reason: 'Rude' })
    expect(flagged.status).toBeLessThan(300)
    const hidden = await c.people.ed.request(
      `/g/mill/moderation/${ids.hidden}/hide`,
      form({ reasonCode: 'spam', reason: 'An advert.' }),
    )
    expect(hidden.status).toBe(303)
  }, 60_000)
  afterAll(async () => {
    await c.close()
  })

  describe('the moderation queue', () => {
    it('speaks Welsh to a Welsh editor: its lists, badges, flags and forms', async () => {
      const html = await inWelsh('ed', '/g/mill/moderation?done=hidden')
      expect(html).toContain('Cymedroli “Mill Road”')
      expect(html).toContain('Mae’r sylw wedi’i guddio.')
      expect(html).toContain('Wedi’u fflagio (1)')
      expect(html).toContain('Nid oes dim yn aros i gael ei gymeradwyo.')
      expect(html).toContain('Wedi’u cuddio (1)')
      expect(html).toContain('Diystyru’r fflag')
      expect(html).toContain('Cuddio’r sylw')
      expect(html).toContain('Dewiswch reswm')
      expect(html).toContain('Sbam')
      expect(html).toContain(`rhif ${ids.flagged ?? ''}`)
    })

    it('says in Welsh what is wrong with a hide form it refuses', async () => {
      const refused = await c.people.ed.request(
        `/g/mill/moderation/${ids.flagged ?? ''}/hide`,
        form({ reasonCode: '', reason: '' }, WELSH),
      )
      expect(refused.status).toBe(422)
      const html = await refused.text()
      expect(htmlLang(html)).toBe('cy')
      expect(html).toContain('<title>Gwall: Cymedroli: Mill Road · Gloss</title>')
      expect(html).toContain('Mae problem')
      expect(englishLeftIn(withoutEditorNav(html))).toEqual([])
    })

    it('refuses a reviewer in Welsh', async () => {
      const html = await inWelsh('rita', '/g/mill/moderation', 403)
      expect(html).toContain('Dim ond golygyddion y canllaw all ei gymedroli')
    })

    it('keeps its English for an English editor', async () => {
      const html = await inEnglish('ed', '/g/mill/moderation?done=hidden')
      for (const words of [
        'Moderation of “Mill Road”',
        'The comment is hidden. Its author sees your reason.',
        'Flagged (1)',
        'Nothing is waiting for approval.',
        'Hidden (1)',
        'Dismiss the flag',
        'Hide comment',
        'Choose a reason',
        'Read it in its thread, edition 1',
      ])
        expect(html).toContain(words)
    })
  })
  describe("a guide's invitations and the instance's people, settings and audit log", () => {
    it('speak Welsh to a Welsh editor and admin', async () => {
      const made = await c.people.ed.request(
        '/g/mill/invitations',
        form({ role: 'editor', expiresInDays: '7', maxUses: '3', note: 'Clercod' }, WELSH),
      )
      expect(made.status).toBe(201)
      const created = await made.text()
      expect(htmlLang(created)).toBe('cy')
      expect(englishLeftIn(created)).toEqual([])
      expect(created).toContain('Dolen ar gyfer golygydd: ar gyfer Clercod')
      expect(created).toContain('hyd at 3 pherson')

      const invitations = await inWelsh('ed', '/g/mill/invitations')
      expect(invitations).toContain('Gwahoddiadau i “Mill Road”')
      expect(invitations).toContain('Dolen golygydd a grëwyd')
      expect(invitations).toContain('<td data-label="Defnyddiwyd">0 o 3</td>')
      expect(invitations).toContain('Ar agor')

      const people = await inWelsh('admin', '/admin/people')
      expect(people).toContain('<h1>Pobl</h1>')
      expect(people).toContain('Ada Lovelace (chi)')
      expect(people).toContain('Gwneud yn weinyddwr')
      const settings = await inWelsh('admin', '/admin/settings?saved=1')
      expect(settings).toContain('Mae’r gosodiadau wedi’u cadw.')
      expect(settings).toContain('Cofrestru agored')
      // The entries themselves are sentences in Welsh, the verb first ("Sefydlodd Ada"), and each
      // entry's time is written as Welsh writes it; no address is shown where none was known.
      const audit = await get('admin', '/admin/audit', WELSH)
      expect(htmlLang(audit)).toBe('cy')
      expect(englishLeftIn(audit)).toEqual([])
      expect(/<ol class="audit-log">[\s\S]*?<\/ol>/.exec(audit)?.[0]).toMatch(
        /<li>Gwnaeth Ada Lovelace ddolen wahodd ar gyfer adolygydd ar “mill” ar <time[^>]*>[^<]+<\/time>\.<\/li><li>Sefydlodd Ada Lovelace y safle hwn ar <time/,
      )
      expect(audit).toContain('<h1>Cofnod archwilio</h1>')
      expect(audit).toMatch(
        / ar <time datetime="[^"]+">[^<]*(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)/,
      )

      const rita = /id="person-(\d+)">\s*Rita Jones/.exec(people)?.[1] ?? ''
      const reset = await c.admin.request(`/admin/people/${rita}/reset-link`, form({}, WELSH))
      expect(reset.status).toBe(201)
      const link = await reset.text()
      expect(htmlLang(link)).toBe('cy')
      expect(englishLeftIn(link)).toEqual([])
      expect(link).toContain('Dolen ailosod ar gyfer Rita Jones')
      expect(link).toContain('Rhowch hi i rita@example.org yn breifat')
    })

    it('keep their English for an English editor and admin', async () => {
      const invitations = await inEnglish('ed', '/g/mill/invitations')
      for (const words of [
        'Invitations to “Mill Road”',
        'Make an invitation link',
        'Invitations so far',
        'Withdraw',
      ])
        expect(invitations).toContain(words)
      const people = await inEnglish('admin', '/admin/people')
      for (const words of ['<h1>People</h1>', 'Ada Lovelace (you)', 'Make admin', 'Make a reset link'])
        expect(people).toContain(words)
      const settings = await inEnglish('admin', '/admin/settings?saved=1')
      for (const words of ['<h1>Instance settings</h1>', 'The settings are saved.', 'Save settings'])
        expect(settings).toContain(words)
      const audit = await inEnglish('admin', '/admin/audit')
      expect(audit).toContain('<h1>Audit log</h1>')
      expect(audit).toMatch(/<li>Ada Lovelace set up this instance on <time/)
      expect(audit).toContain('Ed hid a comment by Sam Price on <time')
    })
  })
  describe("a guide's settings and the import pages", () => {
    it('speak Welsh to a Welsh editor and admin', async () => {
      const settings = await inWelsh('ed', '/g/mill/settings?saved=1')
      expect(settings).toContain('Gosodiadau “Mill Road”')
      expect(settings).toContain('Enwau’r adolygwyr')
      expect(settings).toContain('Cadw’r gosodiadau')
      const refusedSettings = await c.people.ed.request(
        '/g/mill/settings',
        form({ title: '', names: 'full', publishByDefault: 'true', moderation: 'post' }, WELSH),
      )
      expect(refusedSettings.status).toBe(422)
      const refused = await refusedSettings.text()
      expect(refused).toContain('<title>Gwall: Gosodiadau Mill Road · Gloss</title>')
      expect(englishLeftIn(refused)).toEqual([])

      // The front matter's keys (title, slug, summary, lang) are written as they are in every language.
      const start = await get('admin', '/guides/new?done=setup', WELSH)
      expect(htmlLang(start)).toBe('cy')
      expect(englishLeftIn(start.replace('(title, slug, summary, lang)', ''))).toEqual([])
      expect(start).toContain('<h1>Mewnforio canllaw</h1>')
      expect(start).toContain('Adferwch ffeil ei safle')
      const preview = await c.admin.request('/guides/new/preview', form({ markdown: CANLLAW }, WELSH))
      expect(preview.status).toBe(200)
      const split = await preview.text()
      expect(htmlLang(split)).toBe('cy')
      expect(englishLeftIn(split.replace('(title, slug, summary, lang)', ''))).toEqual([])
      expect(split).toContain('Mae “Heol y Felin” yn rhannu’n 3 bloc')
      expect(split).toContain('Pennawd')
      const empty = await c.admin.request('/guides/new/preview', form({ markdown: '' }, WELSH))
      expect(empty.status).toBe(422)
      const nothing = await empty.text()
      expect(englishLeftIn(nothing.replace('(title, slug, summary, lang)', ''))).toEqual([])
      expect(nothing).toContain('Llwythwch ffeil Markdown i fyny neu gludwch y canllaw.')
    })

    it('keep their English for an English editor and admin', async () => {
      const settings = await inEnglish('ed', '/g/mill/settings?saved=1')
      for (const words of [
        'Settings of “Mill Road”',
        'The settings are saved.',
        'Reviewers’ names',
        'Save settings',
      ])
        expect(settings).toContain(words)
      const preview = await c.admin.request('/guides/new/preview', form({ markdown: GUIDE }))
      const split = await preview.text()
      for (const words of [
        '<h1>Import a guide</h1>',
        '“Mill Road” splits into 3 blocks',
        'Heading',
        'Import as a draft',
      ])
        expect(split).toContain(words)
    })
  })
  describe("the instance's move and background work pages", () => {
    it('speak Welsh to a Welsh admin', async () => {
      const instance = await inWelsh('admin', '/admin/instance')
      expect(instance).toContain('<h1>Symud y safle hwn</h1>')
      expect(instance).toContain('Lawrlwytho ffeil y safle')
      expect(instance).toContain('Mae’r safle hwn yn cael ei ddefnyddio (2 sylw, 3 pherson arall)')
      const jobs = await inWelsh('admin', '/admin/jobs?retried=1')
      expect(jobs).toContain('<h1>Gwaith cefndir</h1>')
      expect(jobs).toContain('Rhoddir cynnig arall ar y dasg cyn bo hir.')
      expect(jobs).toContain('Nid oes dim wedi methu.')
    })

    it('keep their English for an English admin', async () => {
      const instance = await inEnglish('admin', '/admin/instance')
      for (const words of [
        '<h1>Move this instance</h1>',
        'Download the instance file',
        'This instance is in use (2 comments, 3 other people)',
      ])
        expect(instance).toContain(words)
      const jobs = await inEnglish('admin', '/admin/jobs?retried=1')
      for (const words of [
        '<h1>Background work</h1>',
        'The job will be tried again shortly.',
        'Nothing has failed.',
      ])
        expect(jobs).toContain(words)
    })
  })
  describe('the feeds', () => {
    const atom = async (who: 'rita' | 'visitor', path: string, headers: Record<string, string>) => {
      const client = who === 'visitor' ? c.visitor() : c.people[who]
      const response = await client.request(path, { headers })
      expect(response.status, path).toBe(200)
      expect(response.headers.get('vary') ?? '').toMatch(/Accept-Language/i)
      expect(response.headers.get('vary') ?? '').toMatch(/Cookie/i)
      return { etag: response.headers.get('etag'), xml: await response.text() }
    }

    beforeAll(async () => {
      const decided = await c.people.ed.request(
        '/g/mill/1/triage/decide',
        form({ commentId: ids.flagged ?? '', decision: 'noted', response: 'Diolch.' }),
      )
      expect(decided.status).toBe(303)
    })

    it("speak the reader's language in their entries", async () => {
      const welsh = await atom('visitor', '/g/park/editions.atom', WELSH)
      expect(welsh.xml).toContain('Mae argraffiad 1 o “The Park” wedi’i gyhoeddi: 3 pharagraff.')
      expect(welsh.xml).toContain('The Park (argraffiad 1)')
      const english = await atom('visitor', '/g/park/editions.atom', ENGLISH)
      expect(english.xml).toContain('Edition 1 of “The Park” is published: 3 paragraphs.')
      // A reader holding the English feed is not told the Welsh one is the same.
      expect(welsh.etag).not.toBe(english.etag)
      const everyGuide = await atom('visitor', '/editions.atom', WELSH)
      expect(everyGuide.xml).toContain('wedi’i gyhoeddi')

      const mine = await atom('rita', '/me/feed.atom', WELSH)
      expect(mine.xml).toContain('Eich sylw')
      expect(mine.xml).toContain('Nodwyd eich sylw ar baragraff 1 o “Mill Road”: Diolch.')
      expect(mine.xml).toContain('<name>Y golygyddion</name>')
      expect(mine.xml).toContain('<title>Atebion, penderfyniadau a hysbysiadau i chi · Gloss</title>')
      const mineInEnglish = await atom('rita', '/me/feed.atom', ENGLISH)
      expect(mineInEnglish.xml).toContain('Your comment on paragraph 1 of “Mill Road” was noted: Diolch.')
    })
  })
})
