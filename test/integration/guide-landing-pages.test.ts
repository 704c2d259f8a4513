import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FRESH_MS } from '../../src/guides/pages/guide-pages.routes.tsx'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

const FIRST = '# Landing\n\nThe published wording of the only paragraph.\n'
const SECOND = '# Landing\n\nThe wording under consultation of the only paragraph.\n'
const THIRD = '# Landing\n\nA wording only the editors have seen.\n'

/** The notice an edition's page gives about where the guide's current text is, if any. */
const noticeOf = (html: string) =>
  /<p class="notice edition-notice"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/\s+/g, ' ')

/**
 * SPEC.md: a guide's address shows its newest published edition, with a banner linking an open
 * consultation on a later one; an edition that is not the current one says so.
 */
describe(`a guide's address leads to its current edition (${databaseKind})`, () => {
  let c: Consultation<never>
  let editor: Client
  const read = async (path: string, as: Client = c.visitor()) => {
    const response = await as.request(path)
    expect(response.status, path).toBe(200)
    return response.text()
  }
  const move = async (slug: string, n: number, to: string, extra: Record<string, string> = {}) =>
    expect(
      (await editor.send('POST', `/api/guides/${slug}/editions/${String(n)}/transitions`, { to, ...extra }))
        .status,
    ).toBe(200)
  const revise = async (slug: string, markdown: string) =>
    expect((await editor.send('POST', `/api/guides/${slug}/editions`, { markdown })).status).toBe(201)

  /** Edition 1 published, edition 2 made from it (a draft). */
  const publishedThenRevised = async (slug: string) => {
    await c.addGuide({ slug, markdown: FIRST, state: 'published' })
    await revise(slug, SECOND)
  }

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'ed@example.org', name: 'Ed' },
      guides: [],
    })
    editor = c.admin
  })
  afterAll(async () => {
    await c.close()
  })

  it('shows the public the published text, with a banner leading to the open consultation', async () => {
    await publishedThenRevised('landing')
    await move('landing', 2, 'open', { closesAt: '2099-06-30T16:00:00.000Z' })
    const page = await read('/g/landing')
    expect(page).toContain('The published wording of the only paragraph.')
    expect(page).not.toContain('The wording under consultation')
    expect(page).toContain('<link rel="canonical" href="/g/landing/1"')
    const banner = noticeOf(page)
    expect(banner).toContain('Edition 2 of this guide is open for consultation')
    expect(banner).toContain('<time datetime="2099-06-30T16:00:00.000Z">')
    expect(banner).toContain('<a href="/g/landing/2">Read edition 2 and its comments</a>')
    // The consultation's own page is the draft, and says where the text in force is.
    // On paper the page names its guide, edition and date, and its address (the path, without PUBLIC_URL).
    const colophon = page.slice(page.indexOf('<footer class="print-colophon">'), page.indexOf('</footer>'))
    expect(colophon).toMatch(/Landing[^,]*, edition 1, published <time datetime="[^"]+">/)
    expect(colophon).toContain('<span class="address">/g/landing/1</span>')
    const draft = await read('/g/landing/2')
    expect(draft).toContain('The wording under consultation of the only paragraph.')
    // Open for comment, it is a proposed revision, not a draft (which only its editors may read).
    expect(noticeOf(draft)).toContain(
      'This edition is a proposed revision, open for consultation: it is not yet the current text of this guide.',
    )
    expect(noticeOf(draft)).not.toContain('draft')
    expect(noticeOf(draft)).toContain('<a href="/g/landing/1">Read the current edition, edition 1</a>')
    // Closed, it says so; to its editors a later draft is still called one.
    await move('landing', 2, 'closed')
    expect(noticeOf(await read('/g/landing/2'))).toContain(
      'This edition is a proposed revision whose consultation has closed: it is not yet the current text of this guide.',
    )
    await revise('landing', `${SECOND}\nA third edition's sentence.\n`)
    expect(noticeOf(await read('/g/landing/3', editor))).toContain(
      'This edition is a draft, not the current text of this guide.',
    )
  })

  it('gives a reviewer taking part the same way in to the consultation', async () => {
    const reviewer = await c.join({ email: 'rev@example.org', name: 'Rev', guide: 'landing' })
    const page = await read('/g/landing', reviewer)
    expect(page).toContain('The published wording of the only paragraph.')
    expect(noticeOf(page)).toContain('<a href="/g/landing/2">Read edition 2 and its comments</a>')
  })

  it('never names a draft to the public, though its editors see their own way to it', async () => {
    await c.addGuide({ slug: 'quiet-revision', markdown: FIRST, state: 'published' })
    await revise('quiet-revision', THIRD)
    const page = await read('/g/quiet-revision')
    expect(page).toContain('The published wording')
    expect(noticeOf(page)).toBeUndefined()
    expect(page).not.toContain('/g/quiet-revision/2')
    // The editor lands on the published text too: a draft is not the guide's current text.
    const editors = await read('/g/quiet-revision', editor)
    expect(editors).toContain('The published wording')
    expect(noticeOf(await read('/g/quiet-revision/2', editor))).toContain(
      '<a href="/g/quiet-revision/1">Read the current edition, edition 1</a>',
    )
  })

  it('says when a consultation not yet open will open, and that a closed one has closed', async () => {
    await publishedThenRevised('soon')
    await move('soon', 2, 'open', { opensAt: '2099-01-05T09:00:00.000Z' })
    const soon = noticeOf(await read('/g/soon'))
    expect(soon).toContain('Edition 2 of this guide opens for consultation on')
    expect(soon).toContain('<time datetime="2099-01-05T09:00:00.000Z">5 January 2099 at 09:00 GMT</time>')
    expect(soon).toContain('<a href="/g/soon/2">Read edition 2</a>')

    await publishedThenRevised('closed-again')
    await move('closed-again', 2, 'open')
    await move('closed-again', 2, 'closed')
    const closed = noticeOf(await read('/g/closed-again'))
    expect(closed).toContain('The consultation on edition 2 has closed')
    expect(closed).toContain('<a href="/g/closed-again/2">Read edition 2 and its comments</a>')
  })

  it('lists each open consultation on the home page with when it closes, in the instance’s zone', async () => {
    await c.addGuide({ slug: 'closing', markdown: FIRST })
    const closesAt = new Date(Date.now() + 5 * 86_400_000 + 600_000)
    await move('closing', 1, 'open', { closesAt: closesAt.toISOString() })
    await c.addGuide({ slug: 'opening', markdown: FIRST })
    await move('opening', 1, 'open', {
      opensAt: new Date(Date.now() + 3 * 3_600_000 + 600_000).toISOString(),
    })
    const home = (await read('/')).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
    const closing = /closes in 5 days, on (\d+ \w+ (\d{4}) at \d\d:\d\d (GMT|BST))/.exec(home)
    expect(closing?.[2]).toBe(String(closesAt.getUTCFullYear()))
    expect(home).toMatch(/opens in 3 hours, on \d+ \w+ \d{4} at \d\d:\d\d (GMT|BST)/)
  })

  it('moves the guide to the new edition once it is published, and the old one says it is not current', async () => {
    await publishedThenRevised('moving-on')
    await move('moving-on', 2, 'open')
    // Read, and so kept, before the publication.
    expect(noticeOf(await read('/g/moving-on/1'))).toContain('Edition 2 of this guide is open')
    await move('moving-on', 2, 'closed')
    await move('moving-on', 2, 'published')
    const landing = await c.app.request('/g/moving-on')
    // Revalidated every time: the address's page changes as a whole when an edition is published.
    expect(landing.headers.get('cache-control')).toBe('public, no-cache')
    const page = await landing.text()
    expect(page).toContain('The wording under consultation of the only paragraph.')
    expect(noticeOf(page)).toBeUndefined()
    await expect
      .poll(async () => noticeOf(await read('/g/moving-on/1')), { timeout: FRESH_MS * 4, interval: 200 })
      .toContain('not the current edition of this guide')
    expect(noticeOf(await read('/g/moving-on/1'))).toContain(
      '<a href="/g/moving-on/2">Read the current edition, edition 2</a>',
    )
  })

  it('lands on the newest edition anyone may read before any is published, and older ones say so', async () => {
    await c.addGuide({ slug: 'unpublished', markdown: FIRST, state: 'open' })
    await move('unpublished', 1, 'closed')
    await revise('unpublished', SECOND)
    await move('unpublished', 2, 'open')
    const page = await read('/g/unpublished')
    expect(page).toContain('The wording under consultation of the only paragraph.')
    expect(noticeOf(page)).toBeUndefined()
    expect(noticeOf(await read('/g/unpublished/1'))).toContain(
      '<a href="/g/unpublished/2">Read the current edition, edition 2</a>',
    )
  })
})
