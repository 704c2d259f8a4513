import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations, shotPath, VIEWPORTS } from '../support/axe.ts'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { englishLeftIn } from '../support/english-left.ts'
import { CATALOGUES } from '../../src/platform/i18n/messages.ts'

const SLUG = 'councillors-online'
/** The pages converted to the catalogues so far (#22); the rest follow in later sessions. */
const CONVERTED = [
  { kind: 'home', path: '/' },
  { kind: 'reading', path: `/g/${SLUG}/1` },
  { kind: 'sign-in', path: '/sign-in' },
  { kind: 'search', path: '/search?q=councillors' },
  { kind: 'accessibility', path: '/accessibility' },
  { kind: 'problems', path: '/problems' },
  { kind: 'problem', path: '/problems/not-found' },
  { kind: 'not-found', path: '/no-such-page', status: 404 },
  { kind: 'permalink-not-found', path: `/g/${SLUG}/p/zzzzzzzz`, status: 404 },
]

/**
 * A Welsh speaker's browser (Accept-Language cy-GB) reads the converted pages in Welsh: no English
 * interface words in the page or in its elements' shadow roots, axe passes at desktop and phone
 * width, and the switch on every page takes an English reader to Welsh and back.
 */
describeInBrowser('the converted pages in Welsh, in Chromium', () => {
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

  it('serves each converted page in Welsh, with nothing English left and no axe violation, at both widths', async () => {
    const failures: string[] = []
    for (const width of ['desktop', 'phone'] as const) {
      const page = await open(width)
      for (const { kind, path, status } of CONVERTED) {
        const response = await page.goto(`${server.url}${path}`)
        expect(response?.status(), path).toBe(status ?? 200)
        expect(await page.getAttribute('html', 'lang'), path).toBe('cy')
        const left = englishLeftIn(await page.content())
        if (left.length > 0) failures.push(`${kind} (${width}): ${left.join(', ')}`)
        // Welsh words run longer than English: nothing may push the page wider than the screen.
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')
        if (Number(overflow) > 0)
          failures.push(`${kind} (${width}): ${String(overflow)} px wider than the screen`)
        if (kind === 'search' || kind === 'accessibility')
          await page.screenshot({ path: shotPath(`${kind}-cy`, width), fullPage: false })
        const violations = await axeViolations(page)
        if (violations.length > 0) failures.push(describeViolations(`${kind} (${width}, cy)`, violations))
        if (kind === 'reading') {
          await page.waitForFunction("customElements.get('gloss-block') !== undefined")
          await page.locator('gloss-block button.comments').first().waitFor()
          const words = await shadowWords(page)
          expect(words.length).toBeGreaterThan(0)
          // Every comments button offers, in Welsh, to comment on its paragraph.
          for (const said of words.filter((w) => !w.includes('Copïo')))
            expect(said).toMatch(/^Rhoi sylw \| Rhoi sylw ar baragraff \S+$/)
          const english = Object.values(CATALOGUES.en).filter((m) => m.startsWith('Comment'))
          for (const said of words) for (const e of english) expect(said).not.toContain(e)
          await page.screenshot({ path: shotPath('reading-cy', width), fullPage: false })
        }
      }
      await page.context().close()
    }
    expect(failures).toEqual([])
  }, 240_000)

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
