import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { consultAndPublish, type Consulted } from '../support/consultation-story.ts'
import { Journey, shot, SLUG } from '../support/journeys.ts'

/**
 * Journey 7: the public reads the "you said, we did" report published with the final edition, and
 * the redline between the consulted draft and the final text, following the links from the edition.
 */
describeInBrowser('journey 7: the public reads what was said and what changed', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let story: Consulted

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    story = await consultAndPublish(server)
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  /** The report and the redline, reached from the guide's page as a visitor would. */
  async function readBoth(page: Page, moment: string) {
    await journey.goto(page, '/')
    await page.getByRole('link', { name: 'Councillors Online' }).click()
    expect(await page.locator('.guide-meta').innerText()).toMatch(/Published\s+Edition 2/i)

    await page.getByRole('link', { name: 'You said, we did' }).click()
    await page.waitForURL(`**/g/${SLUG}/2/report`)
    const report = page.locator('main')
    expect(await report.getByRole('heading', { level: 1 }).innerText()).toBe('You said, we did')
    const rita = page.locator(`article#c${story.comments.edited}`)
    expect(await rita.innerText()).toContain('Say it covers personal accounts.')
    expect(await rita.innerText()).toMatch(/Decision:\s+Accepted/)
    expect(await rita.locator('.report-response').innerText()).toBe(
      'Response: We now say it covers personal accounts.',
    )
    const kept = page.locator(`article#c${story.comments.kept}`)
    expect(await kept.innerText()).toMatch(/Decision:\s+Not accepted/)
    expect(await page.locator(`article#c${story.comments.removed}`).innerText()).toContain(
      'We took the paragraph out.',
    )
    expect(await page.locator('figure.decision-chart svg').count()).toBe(1)
    expect(await report.innerText()).toContain('General discussion of edition 1')
    expect(await page.locator(`article#c${story.comments.general}`).innerText()).toContain(
      'A clear guide overall.',
    )
    await shot(page, `journey-7-report-${moment}`)

    await page.getByRole('link', { name: 'Councillors Online' }).first().click()
    await page.getByRole('link', { name: 'Changes since edition 1' }).click()
    await page.waitForURL(`**/g/${SLUG}/redline/1/2`)
    expect(await page.locator('ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('This applies to personal accounts too.'),
    )
    const gone = page.locator('.redline-removed')
    expect(await gone.innerText()).toContain(story.removed.text.slice(0, 60))
    expect(
      await page
        .locator('.redline-entry', { hasText: story.kept.text.slice(0, 60) })
        .locator('ins, del')
        .count(),
    ).toBe(0)
    await page.locator('ins', { hasText: 'personal accounts too' }).first().scrollIntoViewIfNeeded()
    await shot(page, `journey-7-redline-${moment}`)
    // The redline leads back to what was decided.
    await page.getByRole('link', { name: 'What people said and what was decided' }).click()
    await page.waitForURL(`**/g/${SLUG}/2/report`)
  }

  it('follows the links from the published edition to the report and the redline', async () => {
    await readBoth(await journey.newPage(), 'desktop')
    expect(journey.errors).toEqual([])
  })

  it('reads both complete without JavaScript, on a phone', async () => {
    await readBoth(
      await journey.newPage({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } }),
      'phone-no-js',
    )
    expect(journey.errors).toEqual([])
  })
})
