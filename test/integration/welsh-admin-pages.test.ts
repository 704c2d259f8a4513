import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

const WELSH = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }
const ENGLISH = { 'accept-language': 'en-GB,en;q=0.9' }
const htmlLang = (html: string) => /<html lang="([^"]*)"/.exec(html)?.[1]

const GUIDE = '# Mill Road\n\nThe cycle lane stays as it is.\n\nBuses run every ten minutes.\n'

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
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'mill', markdown: GUIDE, state: 'open' }],
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
})
