import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

const GUIDE = `# Parking

Park only in the marked bays, and never across a dropped kerb.

Residents' permits are renewed every year.

Blue badge holders may park in any bay for three hours.
`

/** A form as a browser posts it, without script. */
const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

/** The page's words, tags and white space aside. */
const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&#39;/g, "'")

/** One comment's card (triage) or article (report), from its opening tag to its end. */
const article = (html: string, id: string) =>
  new RegExp(`<article[^>]*id="c${id}"[\\s\\S]*?</article>`).exec(html)?.[0] ?? ''

// A withdrawn comment is its author's taking back of their words: it waits for no decision, so the
// report, triage and the question before publishing count it as waiting for none, and say so alike.
describe(`withdrawn comments and unreleased drafts, counted alike everywhere (${databaseKind})`, () => {
  let world: Consultation<'rita' | 'sam'>
  let ed: Client
  const ids: Record<string, string> = {}
  const key = (start: string) => world.guide.key(start)

  const page = async (path: string) => {
    const response = await ed.request(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }

  beforeAll(async () => {
    world = await consultation({
      guides: [{ slug: 'parking', markdown: GUIDE, openAfterJoining: true, namesPublic: true }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        sam: { email: 'sam@example.org', name: 'Sam Reviewer' },
      },
      comments: [
        { name: 'kept', by: 'rita', on: 'Park only', body: 'Say where the bays are.' },
        { name: 'takenBack', by: 'sam', on: 'Park only', body: 'Bays are too small.' },
        { name: 'alsoTakenBack', by: 'rita', on: 'Residents', body: 'Every year is too often.' },
        {
          name: 'decided',
          by: 'sam',
          on: 'Residents',
          body: 'Send a reminder first.',
          decision: { by: 'admin', decision: 'accepted', response: 'We will.' },
        },
        {
          name: 'wording',
          by: 'rita',
          on: 'Blue badge',
          kind: 'suggestion',
          body: 'Four hours is kinder.',
          quote: { exact: 'three hours' },
          proposal: 'four hours',
        },
      ],
    })
    ed = world.admin
    Object.assign(ids, world.ids)
    for (const name of ['takenBack', 'alsoTakenBack']) {
      const who = name === 'takenBack' ? world.people.sam : world.people.rita
      expect((await who.send('POST', `/api/comments/${ids[name] ?? ''}/withdraw`)).status).toBe(200)
    }
    // Accepted as a draft: its wording goes into the working draft, the decision stays among the editors.
    const accepted = await ed.send('POST', `/api/comments/${ids.wording ?? ''}/acceptance`, {
      response: 'Four hours it is.',
      draft: true,
    })
    expect(accepted.status).toBe(200)
  })
  afterAll(async () => {
    await world.close()
  })

  it('counts a withdrawn comment as waiting for no decision in triage, and offers it no decision form', async () => {
    const triage = await page('/g/parking/1/triage')
    // Waiting: the comment kept and the suggestion whose acceptance is still a draft; not the withdrawn.
    expect(words(triage)).toContain('Only unresolved (2)')
    expect(triage).toContain('<option value="open">Open (no decision yet) (2)</option>')
    expect(triage).toContain('<option value="withdrawn">Withdrawn (2)</option>')
    // The first paragraph has one comment standing, as its reading page says, not two.
    const heat = /<p class="heat-summary">[\s\S]*?<\/p>/.exec(triage)?.[0] ?? ''
    expect(heat).toContain(`<a href="#b-${key('Park only')}">1 (1)</a>`)
    expect(triage).not.toContain(`id="c${ids.takenBack ?? ''}"`)

    const unresolved = await page('/g/parking/1/triage?unresolved=1')
    expect(unresolved).toContain(`id="c${ids.kept ?? ''}"`)
    expect(unresolved).toContain(`id="c${ids.wording ?? ''}"`)
    expect(unresolved).not.toContain(`id="c${ids.takenBack ?? ''}"`)
    expect(unresolved).not.toContain(`id="c${ids.alsoTakenBack ?? ''}"`)

    // Asked for by their state, the withdrawn are there for the record, with nothing to decide or tick.
    const withdrawn = await page('/g/parking/1/triage?state=withdrawn')
    for (const name of ['takenBack', 'alsoTakenBack']) {
      const card = article(withdrawn, ids[name] ?? '')
      expect(card, name).toContain('Withdrawn by its author: it needs no decision.')
      expect(card, name).not.toContain('class="triage-decide"')
      expect(card, name).not.toContain('name="commentIds"')
    }
    expect(await page('/g/parking/1/triage?state=withdrawn&unresolved=1')).not.toContain(
      `id="c${ids.takenBack ?? ''}"`,
    )
  })

  it('refuses a decision on a withdrawn comment, one at a time or in bulk, and changes nothing', async () => {
    const one = await ed.send('PUT', `/api/comments/${ids.takenBack ?? ''}/decision`, {
      decision: 'noted',
      response: 'Noted.',
    })
    expect(one.status).toBe(409)
    expect(((await one.json()) as { code: string }).code).toBe('comment-withdrawn')
    const many = await ed.send('POST', '/api/guides/parking/decisions', {
      commentIds: [ids.kept, ids.alsoTakenBack],
      decision: 'noted',
      response: 'Noted.',
    })
    expect(many.status).toBe(422)
    const view = (await (await ed.request(`/api/comments/${ids.kept ?? ''}`)).json()) as {
      decision: { decision: string }
    }
    expect(view.decision.decision).toBe('open')
  })

  it('tells the editor before publishing what the report will show as open, and the drafts not yet released', async () => {
    expect(
      (await ed.send('POST', '/api/guides/parking/editions/1/transitions', { to: 'closed' })).status,
    ).toBe(200)
    expect((await ed.send('POST', '/api/guides/parking/editions', {})).status).toBe(201)
    // The accepted wording is in edition 2 already.
    expect(await page('/g/parking/2')).toContain('four hours')

    const asked = await ed.request('/g/parking/manage/2/transition', form({ to: 'published' }))
    expect(asked.status).toBe(200)
    const question = words(await asked.text())
    expect(question).toContain('2 comments have no decision yet.')
    expect(question).toContain(
      '1 decision on this guide is still a draft that only its editors see: the report will not show it until it is released.',
    )
    const welsh = words(
      await (
        await ed.request('/g/parking/manage/2/transition', {
          ...form({ to: 'published' }),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'cy' },
        })
      ).text(),
    )
    expect(welsh).toContain('Mae 1 penderfyniad ar y canllaw hwn yn dal yn ddrafft')
    const html = await (await ed.request('/g/parking/manage/2/transition', form({ to: 'published' }))).text()
    expect(html).toContain('href="/g/parking/2/triage#release-drafts"')
    // The link leads to the form that releases them.
    expect(await page('/g/parking/2/triage')).toMatch(/<form[^>]*id="release-drafts"/)

    // The report's preview says the same: two open, the withdrawn counted apart.
    const report = await page('/g/parking/2/report')
    expect(report).toMatch(/Open \(no decision yet\): 2 comments;/)
    expect(report).toContain('<title id="decision-chart-title">Decisions on 3 comments</title>')
    expect(words(report)).toContain('2 comments were withdrawn by their authors and need no decision.')
  })

  it('publishes a report that lists a withdrawn comment as withdrawn, with no decision to wait for', async () => {
    const published = await ed.request(
      '/g/parking/manage/2/transition',
      form({ to: 'published', confirmed: 'yes' }),
    )
    expect(published.status).toBe(303)
    const report = await (await world.visitor().request('/g/parking/2/report')).text()
    expect(report).toMatch(/Open \(no decision yet\): 2 comments;[^<]*Accepted: 1 comment\./)
    for (const name of ['takenBack', 'alsoTakenBack']) {
      const item = article(report, ids[name] ?? '')
      expect(item, name).toContain('withdrawn by its author')
      expect(item, name).not.toContain('report-decision')
      expect(item, name).not.toContain('Open (no decision yet)')
    }
    // The suggestion's acceptance is still a draft: open to the public, as drafts are not public.
    expect(article(report, ids.wording ?? '')).toContain('Open (no decision yet)')
    const csv = await (await world.visitor().request('/g/parking/2/report.csv')).text()
    const row = csv.split('\n').find((line) => line.includes(`,${ids.takenBack ?? ''},`)) ?? ''
    expect(row).toContain(',withdrawn,,')
  })
})
