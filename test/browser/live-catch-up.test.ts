import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser } from '../support/browser.ts'
import {
  blocksOf,
  commentByApi,
  commentsButton,
  longParagraph,
  openConsultation,
  openThread,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * A comment committed after a page has read its margin counts but before its live stream has started
 * still reaches that page: the stream picks up from where the counts were taken.
 */
describeInBrowser('a page catches up from its counts', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let target: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    target = longParagraph(await blocksOf(consultation.server.url, SLUG, 1), 4)
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('shows a comment posted between the counts and the stream’s start', async () => {
    const { journey, bea } = consultation
    const page = await journey.newPage()
    // Bea posts while the reader's stream is on its way, after the counts have been answered.
    let posted = false
    await page.route('**/editions/1/events*', async (route) => {
      if (!posted) {
        posted = true
        await commentByApi(bea, target.key, { kind: 'comment', body: 'Posted while the page started.' })
      }
      await route.continue()
    })
    await journey.goto(page, `/g/${SLUG}`)
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached' })
    expect(posted).toBe(true)
    await expect
      .poll(() => commentsButton(page, target.key).innerText(), { timeout: 2_000 })
      .toBe('1 comment')
    const thread = await openThread(page, target.key)
    await thread.getByText('Posted while the page started.').waitFor()
    expect(journey.errors).toEqual([])
  })
})
