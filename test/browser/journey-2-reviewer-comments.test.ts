import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type Api, type GuideServer } from '../support/browser-server.ts'
import {
  acceptInvitation,
  blocksOf,
  commentByApi,
  commentsButton,
  BEA,
  consultSample,
  Journey,
  longParagraph,
  openThread,
  postInPanel,
  replyInPanel,
  selectWords,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * Journey 2: a reviewer joins from an invitation, reads the draft with comment counts in the margin,
 * opens a paragraph's thread with its button, posts a comment quoting a phrase, a reflection and an
 * example, replies to someone else, and sees another person's comment arrive without reloading.
 * The keyboard, no-script and phone variants are in journey-2a/2b/2c.
 */
describeInBrowser('journey 2: a reviewer comments on the draft', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let bea: Api
  let link = ''
  let target: Block
  let other: Block
  let quiet: Block

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    const consultation = await consultSample(server, { bea: BEA })
    const ada = consultation.admin.send
    bea = consultation.people.bea.send
    const blocks = await blocksOf(server.url, SLUG, 1)
    target = longParagraph(blocks, 1)
    other = longParagraph(blocks, 4)
    quiet = longParagraph(blocks, 0)
    await commentByApi(bea, target.key, { kind: 'comment', body: 'Most councils have a policy on this.' })
    await commentByApi(bea, other.key, { kind: 'example', body: 'Fenmoor did this in 2022.' })
    const made = await ada('POST', `/api/guides/${SLUG}/invitations`, { role: 'reviewer' })
    link = ((await made.json()) as { url: string }).url
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('joins, reads the counts, posts each kind with a quote, replies, and sees others live', async () => {
    const page = await journey.newPage()
    await acceptInvitation(page, link, { name: 'Rita Reviewer', email: 'rita@example.org' })
    expect(new URL(page.url()).pathname).toBe(`/g/${SLUG}`)
    await page.getByText('Open for comment').first().waitFor()

    // The margin shows how much each paragraph has drawn, before anything is opened.
    await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('1 comment')
    expect(await commentsButton(page, other.key).innerText()).toBe('1 comment')
    expect(await commentsButton(page, quiet.key).innerText()).toBe('Comment')
    // "1 comment" stays on one line in the rail, as tall as a quiet "Comment".
    const height = async (key: string) => (await commentsButton(page, key).boundingBox())?.height
    expect(await height(target.key)).toBe(await height(quiet.key))
    expect(await commentsButton(page, target.key).getAttribute('aria-label')).toBe(
      `1 comment on paragraph ${target.number}: open`,
    )
    await shot(page, 'journey-2-counts')

    // Select a phrase, press the paragraph's button: the thread opens with the phrase to quote.
    const phrase = target.text.split(' ').slice(3, 9).join(' ')
    expect(await selectWords(page, target.key, phrase)).toBe(true)
    const thread = await openThread(page, target.key)
    expect(await commentsButton(page, target.key).getAttribute('aria-expanded')).toBe('true')
    expect(await thread.getByRole('heading', { level: 2 }).innerText()).toBe(
      `Comments on paragraph ${target.number}`,
    )
    await thread.getByText('Most councils have a policy on this.').waitFor()
    expect(await thread.getByLabel('Words you are responding to (optional)').inputValue()).toBe(phrase)
    await postInPanel(thread, 'Comment', 'Please say which policy applies to group accounts.')
    const quoted = thread.locator('article', { hasText: 'Please say which policy applies' })
    expect(await quoted.locator('blockquote').innerText()).toBe(phrase)
    // Its time reads as every server page writes times: in the instance's zone, which it names.
    expect(await quoted.locator('time').innerText()).toMatch(
      /^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d (GMT|BST)$/,
    )
    expect(await thread.locator('[aria-live="polite"]').innerText()).toBe('Your comment is posted.')
    // The quote is used once: the next comment starts without it.
    expect(await thread.getByLabel('Words you are responding to (optional)').inputValue()).toBe('')

    await postInPanel(thread, 'Reflection', 'This reads as if social media were optional.')
    await postInPanel(thread, 'Example', 'In our ward we post the surgery times every week.')
    const kinds = await thread.locator('article .kind').allInnerTexts()
    expect(kinds.map((k) => k.toLowerCase())).toEqual(['comment', 'comment', 'reflection', 'example'])
    await replyInPanel(thread, 'Most councils have a policy on this.', 'Ours does not, which is the point.')
    const reply = thread.locator('.replies article', { hasText: 'Ours does not' })
    // A reply is marked as one, not as a new comment of a kind.
    expect(await reply.getAttribute('aria-label')).toBe('Reply by Rita Reviewer')
    await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('5 comments')
    await shot(page, 'journey-2-thread-desktop')

    // A reader with the page open sees the new counts arrive; so does Rita, in her open thread.
    const reader = await journey.newPage({ viewport: { width: 1024, height: 800 } })
    await journey.goto(reader, `/g/${SLUG}`)
    await expect.poll(() => commentsButton(reader, target.key).innerText()).toBe('5 comments')
    // Bea posts at once: a comment committed before the reader's stream has started still reaches it.
    await commentByApi(bea, target.key, { kind: 'reflection', body: 'Group accounts are a good point.' })
    await thread.getByText('Group accounts are a good point.').waitFor({ timeout: 5_000 })
    await expect
      .poll(() => thread.locator('[aria-live="polite"]').innerText())
      // A new guide shows reviewers to each other by a stable pseudonym, never by name.
      .toMatch(/^New reflection from Reviewer \d+\.$/)
    await expect
      .poll(() => commentsButton(reader, target.key).innerText(), { timeout: 5_000 })
      .toBe('6 comments')
    await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('6 comments')
    await shot(page, 'journey-2-live')

    // Closing the thread: the counts agree with a fresh load of the page.
    await thread.getByRole('button', { name: 'Close the comments' }).click()
    expect(await page.locator('gloss-thread').count()).toBe(0)
    await page.reload()
    await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('6 comments')
    expect(journey.errors).toEqual([])
  })

  it('opens another paragraph’s thread from the same page, closing the first', async () => {
    const page = await journey.newPage()
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const first = await openThread(page, target.key)
    await first.getByText('Group accounts are a good point.').waitFor()
    await commentsButton(page, other.key).click()
    await page.locator('gloss-thread').getByText('Fenmoor did this in 2022.').waitFor()
    expect(await page.locator('gloss-thread').count()).toBe(1)
    expect(await commentsButton(page, target.key).getAttribute('aria-expanded')).toBe('false')
    expect(await commentsButton(page, other.key).getAttribute('aria-expanded')).toBe('true')
    // Someone else's comment can be flagged for the editors, but not edited.
    const bea = page.locator('gloss-thread article', { hasText: 'Fenmoor did this' })
    expect(await bea.getByRole('button', { name: 'Edit' }).count()).toBe(0)
    expect(await bea.getByText('Flag').count()).toBe(1)
    expect(journey.errors).toEqual([])
  })
})
