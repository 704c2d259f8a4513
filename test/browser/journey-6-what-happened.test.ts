import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { consultAndPublish, type Consulted } from '../support/consultation-story.ts'
import { Journey, openThread, scrollsSideways, shot, SLUG } from '../support/journeys.ts'

/**
 * Journey 6: a reviewer comes back after the consultation and sees what happened to each of their
 * comments: the decision, the editors' response, and a redline of the paragraph between the editions.
 */
describeInBrowser('journey 6: a reviewer sees what happened to their comments', () => {
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

  it('finds “my comments” from the account, each with its decision, response and redline', async () => {
    const page = await journey.newPage({
      viewport: { width: 375, height: 800 },
      isMobile: true,
      hasTouch: true,
    })
    await signInAs(page, server.url, 'rita@example.org')
    await page.getByRole('link', { name: 'Account' }).first().click()
    await page.getByRole('link', { name: 'My comments' }).click()
    await page.waitForURL('**/me/comments')
    const cards = page.locator('article.my-comment')
    expect(await cards.count()).toBe(3)

    const edited = cards.filter({ hasText: 'Say it covers personal accounts.' })
    expect(await edited.locator('.my-decision-label').innerText()).toMatch(/^Decision: Accepted/)
    expect(await edited.locator('.my-response').innerText()).toBe('We now say it covers personal accounts.')
    expect(await edited.locator('.my-change').innerText()).toContain(
      'In edition 2 (published) the paragraph was edited',
    )
    expect(await edited.locator('ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('personal accounts too'),
    )
    await edited.locator('ins').first().scrollIntoViewIfNeeded()
    await shot(page, 'journey-6-my-comments-phone')

    const removed = cards.filter({ hasText: 'This paragraph repeats another.' })
    expect(await removed.locator('.my-response').innerText()).toBe('We took the paragraph out.')
    expect(await removed.locator('.my-change').innerText()).toContain(
      'The paragraph was removed in edition 2.',
    )

    const kept = cards.filter({ hasText: 'Could this be shorter?' })
    expect(await kept.locator('.my-decision-label').innerText()).toMatch(/^Decision: Not accepted/)
    expect(await kept.locator('.my-response').innerText()).toBe('Readers told us they want the detail.')
    expect(await kept.locator('.my-change').innerText()).toContain('the paragraph is unchanged')
    expect(await kept.locator('ins, del').count()).toBe(0)
    expect(await scrollsSideways(page)).toBe(false)

    // From the comment to the paragraph as it now reads.
    await edited.getByRole('link', { name: `See paragraph ${story.edited.number} in edition 2` }).tap()
    await page.waitForURL(`**/g/${SLUG}/2#${story.edited.key}`)
    expect(await page.locator(`[id="${story.edited.key}"]`).innerText()).toContain(
      'This applies to personal accounts too.',
    )
    expect(journey.errors).toEqual([])
  })

  it('follows a decision in the thread of edition 1 to the change it made, with script and without', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await journey.newPage({ javaScriptEnabled })
      await journey.goto(page, `/g/${SLUG}/1`)
      if (javaScriptEnabled) await openThread(page, story.edited.key)
      else await page.goto(`${server.url}/g/${SLUG}/1/b/${story.edited.key}`)
      const comment = page.locator('article', { hasText: 'Say it covers personal accounts.' })
      await comment.getByText("Editors' decision: Accepted.").waitFor()
      const link = comment.getByRole('link', {
        name: `See how it changed: paragraph ${story.edited.number} in edition 2 (edited).`,
      })
      await link.scrollIntoViewIfNeeded()
      await shot(page, `journey-6-decision-change-${javaScriptEnabled ? 'script' : 'no-script'}`)
      await link.click()
      await page.waitForURL(`**/g/${SLUG}/2#${story.edited.key}`)
      expect(await page.locator(`[id="${story.edited.key}"]`).innerText()).toContain(
        'This applies to personal accounts too.',
      )
      // A paragraph that stayed the same has nothing to link to.
      if (!javaScriptEnabled) {
        await page.goto(`${server.url}/g/${SLUG}/1/b/${story.kept.key}`)
        const kept = page.locator('article', { hasText: 'Could this be shorter?' })
        await kept.getByText("Editors' decision: Not accepted.").waitFor()
        expect(await kept.locator('.decision-change').count()).toBe(0)
      }
      await page.close()
    }
    expect(journey.errors).toEqual([])
  })
})
