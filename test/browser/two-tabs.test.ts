import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import {
  blocksOf,
  commentsButton,
  consultSample,
  RITA,
  Journey,
  longParagraph,
  openThread,
  postInPanel,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * The same reviewer with the guide open in two tabs: a comment posted in one shows in the other's open
 * thread and margin without reloading, and is counted once in each.
 */
describeInBrowser('one person, two tabs', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let target: Block

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    await consultSample(server, { rita: RITA })
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 2)
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('shows a comment posted in one tab in the other, counted once in each', async () => {
    const first = await journey.newPage()
    await signInAs(first, server.url, 'rita@example.org')
    // A second tab of the same browser: the same session cookie.
    const second = await first.context().newPage()
    for (const page of [first, second]) {
      await journey.goto(page, `/g/${SLUG}`)
      await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('Comment')
      await page.locator('html[data-live="open"]').waitFor({ state: 'attached' })
    }
    const watching = await openThread(second, target.key)
    const writing = await openThread(first, target.key)

    const body = 'Posted in one tab, and the other should know.'
    await postInPanel(writing, 'Comment', body)

    await watching.locator('article', { hasText: body }).waitFor({ timeout: 5_000 })
    expect(await watching.locator('article', { hasText: body }).count()).toBe(1)
    await expect.poll(() => commentsButton(second, target.key).innerText()).toBe('1 comment')
    // The tab that posted counts it once, though it hears of it both from its own post and the stream.
    await second.waitForTimeout(1_000)
    expect(await commentsButton(first, target.key).innerText()).toBe('1 comment')
    expect(await writing.locator('article', { hasText: body }).count()).toBe(1)
    expect(journey.errors).toEqual([])
  })
})
