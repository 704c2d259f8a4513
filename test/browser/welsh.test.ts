import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations, shotPath, VIEWPORTS } from '../support/axe.ts'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { englishLeftIn, htmlWithShadowRoots } from '../support/english-left.ts'
import { visitGallery, type PageKind } from '../support/page-kinds.ts'
import { CATALOGUES } from '../../src/platform/i18n/messages.ts'
import { PASSWORD } from '../support/session.ts'
import {
  BEA,
  blocksOf,
  commentByApi,
  commentsButton,
  longParagraph,
  openConsultation,
  RITA,
  SLUG as JOURNEY_SLUG,
  type Block,
} from '../support/journeys.ts'

const SLUG = 'councillors-online'
/** The gallery's people, whose names are their own words in any language. */
const PEOPLE = ['Rita Reviewer', 'Ada Editor']

/**
 * Every kind of page in the gallery (test/support/page-kinds.ts: the reader's, the reviewer's, the
 * editor's and the admin's, the thread panel open, errors), and the pages the gallery leaves out (the
 * problem catalogue, a page that is not there), read by a Welsh speaker's browser (Accept-Language
 * cy-GB): `<html lang="cy">`, no English interface words in the page or in its elements' shadow roots,
 * nothing wider than the screen, and no serious axe violation, at desktop and phone width.
 */
describeInBrowser('every kind of page in Welsh, in Chromium', () => {
  let opened: Awaited<ReturnType<typeof visitGallery>>
  const more: PageKind[] = [
    { kind: 'problems', path: '/problems', viewer: 'visitor' },
    { kind: 'problem', path: '/problems/not-found', viewer: 'visitor' },
    { kind: 'no-such-page', path: '/no-such-page', viewer: 'visitor', status: 404 },
    { kind: 'site-search', path: '/search?q=councillors', viewer: 'visitor' },
  ]

  beforeAll(async () => {
    opened = await visitGallery({ locale: 'cy-GB' })
  }, 180_000)
  afterAll(async () => {
    await opened.close()
  })

  it('serves every kind in Welsh, with nothing English left and no axe violation, at both widths', async () => {
    const failures: string[] = []
    const kinds = [...opened.gallery.kinds, ...more]
    for (const width of ['desktop', 'phone'] as const)
      for (const kind of kinds) {
        const page = await opened.pageFor(kind.viewer, width)
        const response = await page.goto(`${opened.gallery.guide.url}${kind.path}`)
        expect(response?.status(), kind.kind).toBe(kind.status ?? 200)
        await kind.then?.(page)
        expect(await page.getAttribute('html', 'lang'), kind.kind).toBe('cy')
        const left = englishLeftIn(await page.evaluate<string>(htmlWithShadowRoots()), PEOPLE)
        if (left.length > 0) failures.push(`${kind.kind} (${width}): ${left.join(', ')}`)
        // Welsh words run longer than English: nothing may push the page wider than the screen.
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')
        if (Number(overflow) > 0)
          failures.push(`${kind.kind} (${width}): ${String(overflow)} px wider than the screen`)
        const violations = await axeViolations(page)
        if (violations.length > 0)
          failures.push(describeViolations(`${kind.kind} (${width}, cy)`, violations))
        if (['triage', 'thread-panel', 'admin-audit', 'report'].includes(kind.kind))
          await page.screenshot({ path: shotPath(`${kind.kind}-cy`, width), fullPage: false })
      }
    expect(failures.join('\n')).toBe('')
    // The walk saw every kind the accessibility test sees, and the editor's and admin's among them.
    expect(kinds.length).toBeGreaterThan(30)
  }, 900_000)
})

/**
 * A Welsh speaker's browser reads the reading page's elements in Welsh, and the switch on every page
 * takes an English reader to Welsh and back.
 */
describeInBrowser('the reading page and the language switch, in Chromium', () => {
  let server: GuideServer
  let browser: Browser

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser.close()
    await server.close()
  })

  const open = async (width: keyof typeof VIEWPORTS, locale = 'cy-GB'): Promise<Page> => {
    const context = await browser.newContext({ viewport: VIEWPORTS[width], locale })
    return context.newPage()
  }

  /** What the elements say in their shadow roots: their text and the labels a screen reader speaks. */
  const shadowWords = (page: Page) =>
    page.evaluate<string[]>(`[...document.querySelectorAll('gloss-block')]
      .flatMap((block) => [...(block.shadowRoot?.querySelectorAll('button') ?? [])])
      .map((button) => button.textContent.trim() + ' | ' + (button.getAttribute('aria-label') ?? ''))`)

  it('names every comments button on the reading page in Welsh, to the screen reader too', async () => {
    for (const width of ['desktop', 'phone'] as const) {
      const page = await open(width)
      await page.goto(`${server.url}/g/${SLUG}/1`)
      await page.locator('gloss-block button.comments').first().waitFor()
      const words = await shadowWords(page)
      expect(words.length).toBeGreaterThan(0)
      // Every comments button offers, in Welsh, to comment on its paragraph.
      for (const said of words.filter((w) => !w.includes('Copïo')))
        expect(said).toMatch(/^Rhoi sylw \| Rhoi sylw ar baragraff \S+$/)
      const english = Object.values(CATALOGUES.en).filter((m) => m.startsWith('Comment'))
      for (const said of words) for (const e of english) expect(said).not.toContain(e)
      await page.screenshot({ path: shotPath('reading-cy', width), fullPage: false })
      await page.context().close()
    }
  })

  it('switches an English reader to Welsh by the link in the header, and back, on the same page', async () => {
    const page = await open('desktop', 'en-GB')
    await page.goto(`${server.url}/g/${SLUG}/1`)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.getByRole('link', { name: 'Cymraeg' }).click()
    await page.waitForURL(`${server.url}/g/${SLUG}/1`)
    expect(await page.getAttribute('html', 'lang')).toBe('cy')
    await expect.poll(() => page.getByRole('link', { name: 'Trafodaeth gyffredinol' }).count()).toBe(1)
    // Remembered: the next page is Welsh too, though the browser asks for English.
    await page.goto(`${server.url}/`)
    expect(await page.getAttribute('html', 'lang')).toBe('cy')
    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(`${server.url}/`)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.context().close()
  })
})

/**
 * The thread panel speaks the reader's language (#22): a Welsh reader opening a paragraph's comments
 * hears its heading, the kinds, the composer's labels and its buttons in Welsh, with no English
 * interface words left in the panel's shadow roots, and posts in Welsh; an English reader opening the
 * same thread reads it all in English, as before.
 */
describeInBrowser('the thread panel in Welsh and in English, in Chromium', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let target: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    target = longParagraph(await blocksOf(consultation.server.url, JOURNEY_SLUG, 1), 1)
    await commentByApi(consultation.bea, target.key, {
      kind: 'reflection',
      body: 'Mae hyn yn darllen fel pe bai’r cyfryngau cymdeithasol yn ddewisol.',
    })
  }, 120_000)
  afterAll(async () => {
    await consultation.close()
  })

  /** A reader signed in with their browser asking for a language, with the paragraph's thread open. */
  const openAs = async (email: string, locale: string) => {
    const page = await consultation.journey.newPage({ locale })
    const url = consultation.server.url
    const session = await page.request.post(`${url}/api/session`, { data: { email, password: PASSWORD } })
    expect(session.status()).toBeLessThan(300)
    await consultation.journey.goto(page, `/g/${JOURNEY_SLUG}/1`)
    await commentsButton(page, target.key).click()
    const thread = page.locator('gloss-thread')
    await thread.locator('form').last().waitFor()
    await thread.locator('article').first().waitFor()
    return { page, thread }
  }

  /** The panel as HTML, its shadow roots written inline, for englishLeftIn to read. */
  const panelHtml = (page: Page) => page.evaluate<string>(htmlWithShadowRoots('gloss-thread'))

  it('reads and posts in Welsh for a Welsh reader', async () => {
    const { page, thread } = await openAs(RITA.email, 'cy-GB')
    expect(await page.getAttribute('html', 'lang')).toBe('cy')
    expect(await thread.getByRole('heading', { level: 2 }).innerText()).toBe(
      `Sylwadau ynghylch paragraff ${target.number}`,
    )
    // Bea's reflection is named as one, in Welsh, with its time as Welsh writes times.
    const hers = thread.locator('article', { hasText: 'cyfryngau cymdeithasol' })
    // (Shown in capitals by its style; its words are the catalogue's.)
    expect(await hers.locator('.kind').textContent()).toBe('Myfyrdod')
    expect(await hers.getAttribute('aria-label')).toBe(`Myfyrdod gan ${BEA.name}`)
    expect(await hers.locator('time').innerText()).toMatch(
      /^[1-9]\d? (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4} am \d\d:\d\d (GMT|BST)$/,
    )
    expect(await hers.getByRole('button', { name: 'Ateb', exact: true }).count()).toBe(1)
    expect(await hers.getByRole('button', { name: `Cytuno â sylw ${BEA.name}` }).count()).toBe(1)

    // The composer: the kinds, each form label and the post button.
    const form = thread.locator('form').last()
    expect(await form.getByRole('group', { name: 'Math' }).count()).toBe(1)
    for (const kind of ['Sylw', 'Myfyrdod', 'Enghraifft', 'Geiriad a awgrymir'])
      expect(await form.getByRole('radio', { name: kind, exact: true }).count(), kind).toBe(1)
    await form.getByLabel('Y geiriau rydych chi’n ymateb iddyn nhw (dewisol)').waitFor()
    await form.getByLabel('Eich sylw', { exact: true }).waitFor()
    await form.getByRole('group', { name: 'Pwy gaiff ei ddarllen' }).waitFor()
    await form.getByLabel('Ar ran sefydliad (dewisol)').waitFor()
    await form.getByRole('link', { name: /hysbysiad preifatrwydd/ }).waitFor()
    // No English interface words anywhere in the panel (before a preview shows the guide's own text).
    expect(englishLeftIn(await panelHtml(page), [BEA.name, RITA.name])).toEqual([])
    // Suggested wording asks in Welsh for the wording and the reason for it.
    await form.getByRole('radio', { name: 'Geiriad a awgrymir' }).check()
    await form.getByLabel('Eich geiriad ar gyfer y paragraff').waitFor()
    await form.getByLabel('Pam y geiriad hwn').waitFor()

    await form.getByRole('radio', { name: 'Sylw', exact: true }).check()
    await form.getByLabel('Eich sylw', { exact: true }).fill('Dylai’r canllaw sôn am gyfrifon grŵp.')
    await form.getByRole('button', { name: 'Cyflwyno', exact: true }).click()
    const mine = thread.locator('article', { hasText: 'am gyfrifon' })
    await mine.waitFor()
    expect(await mine.locator('.kind').textContent()).toBe('Sylw')
    expect(await thread.locator('[aria-live="polite"]').innerText()).toBe('Mae eich sylw wedi’i gyflwyno.')
    expect(await thread.getByRole('button', { name: 'Cau’r sylwadau' }).innerText()).toBe('Cau')
    await page.context().close()
    expect(consultation.journey.errors).toEqual([])
  })

  it('reads the same thread in English for an English reader', async () => {
    const { page, thread } = await openAs(BEA.email, 'en-GB')
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    expect(await thread.getByRole('heading', { level: 2 }).innerText()).toBe(
      `Comments on paragraph ${target.number}`,
    )
    const hers = thread.locator('article', { hasText: 'cyfryngau cymdeithasol' })
    expect(await hers.locator('.kind').textContent()).toBe('Reflection')
    expect(await hers.getAttribute('aria-label')).toBe(`Reflection by ${BEA.name}`)
    expect(await hers.locator('time').innerText()).toMatch(
      /^[1-9]\d? [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)$/,
    )
    for (const action of ['Edit', 'Withdraw'])
      expect(await hers.getByRole('button', { name: action, exact: true }).count(), action).toBe(1)
    const form = thread.locator('form').last()
    expect(await form.getByRole('group', { name: 'Kind' }).count()).toBe(1)
    for (const kind of ['Comment', 'Reflection', 'Example', 'Suggested wording'])
      expect(await form.getByRole('radio', { name: kind, exact: true }).count(), kind).toBe(1)
    await form.getByLabel('Words you are responding to (optional)').waitFor()
    await form.getByLabel('Your comment', { exact: true }).waitFor()
    await form.getByRole('group', { name: 'Who may read it' }).waitFor()
    await form.getByLabel('On behalf of an organisation (optional)').waitFor()
    expect(await form.getByRole('button', { name: 'Post', exact: true }).innerText()).toBe('Post')
    expect(await thread.getByRole('button', { name: 'Close the comments' }).innerText()).toBe('Close')
    await page.context().close()
    expect(consultation.journey.errors).toEqual([])
  })
})
