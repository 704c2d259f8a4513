import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import type { GuideServer } from '../support/browser-server.ts'
import {
  openConsultation,
  blocksOf,
  commentByApi,
  commentsButton,
  Journey,
  longParagraph,
  scrollsSideways,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/** A target a fingertip can hit: at least 44 by 44 CSS pixels (WCAG 2.5.5). */
async function expectTouchSized(target: Locator) {
  const box = await target.boundingBox()
  expect(box?.width).toBeGreaterThanOrEqual(44)
  expect(box?.height).toBeGreaterThanOrEqual(44)
}

/**
 * Journey 2 on a 375 px phone, by touch: fingertip-sized buttons, the thread as a drawer under its
 * paragraph and within the screen, and nothing that scrolls sideways.
 */
describeInBrowser('journey 2c: a reviewer comments from a phone', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let target: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey } = consultation)
    const { bea } = consultation
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 5)
    await commentByApi(bea, target.key, { kind: 'example', body: 'We tried this in Fenmoor and it worked.' })
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('taps open a drawer under the paragraph, posts from it and taps it shut', async () => {
    const page = await journey.newPage({
      viewport: { width: 375, height: 800 },
      hasTouch: true,
      isMobile: true,
    })
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const button = commentsButton(page, target.key)
    await expect.poll(() => button.innerText()).toBe('1 comment')
    expect(await scrollsSideways(page)).toBe(false)
    await expectTouchSized(button)
    await button.scrollIntoViewIfNeeded()
    await shot(page, 'journey-2c-phone-reading')

    await button.tap()
    const thread = page.locator('gloss-thread')
    await thread.getByText('We tried this in Fenmoor and it worked.').waitFor()
    // A drawer: under the paragraph it belongs to, as wide as the screen allows and no wider.
    const paragraph = await page.locator(`gloss-block[id="${target.key}"]`).boundingBox()
    const drawer = await thread.boundingBox()
    if (!paragraph || !drawer) throw new Error('The paragraph or the thread has no box')
    expect(drawer.y).toBeGreaterThanOrEqual(paragraph.y + paragraph.height)
    expect(drawer.x).toBeGreaterThanOrEqual(0)
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(375)
    expect(drawer.width).toBeGreaterThan(300)
    expect(await scrollsSideways(page)).toBe(false)
    const close = thread.getByRole('button', { name: 'Close the comments' })
    const post = thread.getByRole('button', { name: 'Post', exact: true })
    await expectTouchSized(close)
    await expectTouchSized(post)
    await expectTouchSized(thread.getByRole('button', { name: 'Reply' }))
    await expectTouchSized(thread.locator('summary', { hasText: 'Flag' }))

    await thread.getByLabel('Example', { exact: true }).tap()
    await thread.getByLabel('Your comment').fill('Ours was similar, but with a weekly slot.')
    await post.tap()
    const mine = thread.locator('article', { hasText: 'Ours was similar, but with a weekly slot.' })
    await mine.waitFor()
    expect(await mine.getAttribute('aria-label')).toBe('Example by Rita Reviewer')
    await expect.poll(() => button.innerText()).toBe('2 comments')
    expect(await scrollsSideways(page)).toBe(false)
    await mine.scrollIntoViewIfNeeded()
    await shot(page, 'journey-2c-phone-drawer')

    await close.tap()
    expect(await thread.count()).toBe(0)
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    expect(await scrollsSideways(page)).toBe(false)
    expect(journey.errors).toEqual([])
  })
})
