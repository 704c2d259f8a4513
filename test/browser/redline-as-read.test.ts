import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { Journey, scrollsSideways, shot } from '../support/journeys.ts'

const SLUG = 'plan'

/** A draft with a heading, a table wider than a phone, a list and footnotes; the final guide rewords one paragraph. */
const DRAFT = `# Planning at home

## Before you build

Tell the planning officer before you start.[^receipt] Keep every letter they send.[^letters]

| Work | Notice needed | Who to tell | What to keep afterwards |
| --- | --- | --- | --- |
| Extension | 8 weeks | The planning officer and your neighbours | Drawings, the decision letter and receipts |
| Fence over 2 metres | 2 weeks | The planning officer | The decision letter |

- Keep the drawings.
- Keep the receipts.

Ask your neighbours before the builders arrive.

[^receipt]: A receipt may be digital.
[^letters]: Letters come by post.
`
const FINAL = DRAFT.replace(
  'Ask your neighbours before the builders arrive.',
  'Ask your neighbours a week before the builders arrive, in writing.',
).replace('Letters come by post.', 'Letters come by post or by email.')

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const

/**
 * A reader comparing the draft with the final guide on the redline page sees what stayed as the guide
 * shows it: its heading, its table (scrolling in its own box on a phone), its list; a footnote call
 * leads to the footnote on the same page, or to the edition's reading page where the footnote changed.
 */
describeInBrowser('a redline shows what stayed as the guide does, at desktop and phone width', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey

  beforeAll(async () => {
    server = await startGuideServer({ empty: true, admin: 'Ada Editor' })
    const ada = await server.api('ada@example.org')
    const ok = async (response: Promise<Response>, status = 200) => {
      const answered = await response
      expect(answered.status, await answered.clone().text()).toBe(status)
    }
    await ok(ada('POST', '/api/guides', { markdown: DRAFT, slug: SLUG }), 201)
    await ok(ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'published' }))
    await ok(ada('POST', `/api/guides/${SLUG}/editions`, { markdown: FINAL }), 201)
    await ok(ada('POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'published' }))
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  const open = async (width: keyof typeof WIDTHS): Promise<Page> => {
    const page = await journey.newPage({ viewport: WIDTHS[width] })
    await journey.goto(page, `/g/${SLUG}/redline/1/2`)
    // The unchanged run at the top is folded away; the reader opens it.
    await page.locator('.redline-fold > summary').first().click()
    return page
  }

  for (const width of ['desktop', 'phone'] as const) {
    it(`reads the unchanged heading, table and list as the guide does (${width})`, async () => {
      const page = await open(width)
      const text = page.locator('.redline-text')
      await expect
        .poll(() => text.getByRole('heading', { name: 'Before you build', level: 3 }).isVisible())
        .toBe(true)
      const table = text.getByRole('table')
      expect(await table.getByRole('columnheader').allInnerTexts()).toEqual([
        'Work',
        'Notice needed',
        'Who to tell',
        'What to keep afterwards',
      ])
      expect(await text.getByRole('listitem').filter({ hasText: 'Keep the drawings.' }).isVisible()).toBe(
        true,
      )
      // Headings look like the guide's headings, not body text.
      const size = (selector: string) =>
        page.evaluate<number>(
          `parseFloat(getComputedStyle(document.querySelector(${JSON.stringify(selector)})).fontSize)`,
        )
      expect(await size('.redline-html h3')).toBeGreaterThan(await size('.redline-html p'))
      // The changed paragraph keeps its word-level redline.
      expect(await page.locator('.redline-edited ins').first().innerText()).toContain('a week')
      expect(await scrollsSideways(page), 'nothing is wider than the window').toBe(false)
      await shot(page, `redline-as-read-${width}`, true)
      expect(journey.errors).toEqual([])
    })
  }

  it('follows a footnote call to the footnote here, and a changed one to the reading page', async () => {
    const page = await open('phone')
    await page.getByRole('link', { name: '1', exact: true }).click()
    await page.waitForURL(/#user-content-fn-receipt$/)
    const footnote = page.locator('[id="user-content-fn-receipt"]')
    expect(await footnote.innerText()).toContain('A receipt may be digital.')
    expect(await footnote.isVisible()).toBe(true)
    await page.goBack()
    await page.getByRole('link', { name: '2', exact: true }).click()
    await page.waitForURL(`**/g/${SLUG}/2#user-content-fn-letters`)
    expect(await page.locator('[id="user-content-fn-letters"]').innerText()).toContain(
      'Letters come by post or by email.',
    )
    expect(journey.errors).toEqual([])
  })
})
