import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import {
  blocksOf,
  commentByApi,
  commentsButton,
  longParagraph,
  openConsultation,
  postInPanel,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * On a slow connection (a phone), a reader opens one paragraph's comments and, before they arrive,
 * another's (#16 item 3): the thread shows the second paragraph's comments under its heading, never the
 * first's when their late answer comes, and what the reader posts there goes to the second paragraph.
 */
describeInBrowser('opening two threads quickly', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let first: Block
  let second: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    const blocks = await blocksOf(consultation.server.url, SLUG, 1)
    first = longParagraph(blocks, 2)
    second = longParagraph(blocks, 7)
    await commentByApi(consultation.bea, first.key, { kind: 'comment', body: 'About the first paragraph.' })
    await commentByApi(consultation.bea, second.key, { kind: 'example', body: 'About the second paragraph.' })
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('shows the second thread’s comments, not the first’s late answer, and posts to the second', async () => {
    const { journey, server, rita } = consultation
    const page = await journey.newPage()
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    await expect.poll(() => commentsButton(page, second.key).innerText()).toBe('1 comment')

    // The first thread's answer takes two seconds to come; the second's comes at once.
    let late: Promise<void> | undefined
    await page.route(`**/blocks/${first.key}/comments*`, async (route) => {
      late = new Promise((resolve) => setTimeout(resolve, 2_000))
      await late
      await route.continue()
    })
    const answered = page.waitForResponse((r) => r.url().includes(`/blocks/${first.key}/comments`))
    await commentsButton(page, first.key).click()
    await commentsButton(page, second.key).click()
    const thread = page.locator('gloss-thread')
    expect(await thread.locator('h2').innerText()).toBe(`Comments on paragraph ${second.number}`)
    await thread.getByText('About the second paragraph.').waitFor()

    // The first paragraph's answer arrives after all: it is not shown under the second's heading.
    await answered
    await page.waitForTimeout(300)
    expect(await thread.locator('h2').innerText()).toBe(`Comments on paragraph ${second.number}`)
    expect(await thread.getByText('About the first paragraph.').count()).toBe(0)
    expect(await thread.getByText('About the second paragraph.').count()).toBe(1)

    await postInPanel(thread, 'Comment', 'Posted under the second heading.')
    await expect.poll(() => commentsButton(page, second.key).innerText()).toBe('2 comments')
    expect(await commentsButton(page, first.key).innerText()).toBe('1 comment')
    const stored = (await (
      await rita('GET', `/api/guides/${SLUG}/editions/1/blocks/${second.key}/comments`)
    ).json()) as { items: { body: string }[] }
    expect(stored.items.map((c) => c.body)).toContain('Posted under the second heading.')
    expect(late).toBeDefined()
    expect(journey.errors).toEqual([])
  })
})
