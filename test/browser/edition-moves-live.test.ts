import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
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
 * A consultation that closes, opens or is published while its page is open: every open page says so at
 * once, stops offering to comment, and keeps what a reviewer was writing; a window that closes by its
 * time does the same when the time comes. (A page read before must never go on looking open.)
 */
describeInBrowser('an edition that moves while its page is open', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let quiet: Block
  let discussed: Block
  const transition = async (body: Record<string, string>) => {
    const answer = await consultation.ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, body)
    if (answer.status !== 200) throw new Error(`${String(answer.status)}: ${await answer.text()}`)
  }
  /** A reviewer's page and a member of the public's, both live. */
  const pages = async (): Promise<[Page, Page]> => {
    const reviewer = await consultation.journey.newPage({ locale: 'en-GB' })
    await signInAs(reviewer, consultation.server.url, 'rita@example.org')
    const reader = await consultation.journey.newPage({ locale: 'en-GB' })
    for (const page of [reviewer, reader]) {
      await consultation.journey.goto(page, `/g/${SLUG}/1`)
      await page.locator('html[data-live="open"]').waitFor({ state: 'attached' })
      await expect.poll(() => commentsButton(page, quiet.key).innerText()).toBe('Comment')
    }
    return [reviewer, reader]
  }
  const badge = (page: Page) => page.locator('.guide-meta .badge').innerText()
  const notice = (page: Page) => page.locator('#edition-moved[role="status"]')

  beforeAll(async () => {
    consultation = await openConsultation()
    const blocks = await blocksOf(consultation.server.url, SLUG, 1)
    quiet = longParagraph(blocks, 2)
    discussed = longParagraph(blocks, 3)
    await commentByApi(consultation.bea, discussed.key, { kind: 'comment', body: 'One to read later.' })
  }, 120_000)
  afterAll(async () => {
    await consultation.close()
  })

  it('says at once that it closed, keeps the words being written, and offers no more comments', async () => {
    const [reviewer, reader] = await pages()
    const thread = await openThread(reviewer, quiet.key)
    const writing = 'Half a thought about this paragraph, not yet posted'
    await thread.locator('form').last().getByLabel('Your comment').fill(writing)

    await transition({ to: 'closed' })
    for (const page of [reviewer, reader]) {
      await expect.poll(() => badge(page), { timeout: 5_000 }).toBe('CONSULTATION CLOSED')
      await expect(notice(page).innerText()).resolves.toContain('This consultation has closed')
      // A paragraph nobody commented on has nothing to open now; one with comments still shows them.
      await expect.poll(() => commentsButton(page, quiet.key).count()).toBe(0)
      expect(await commentsButton(page, discussed.key).innerText()).toBe('1 comment')
    }
    await reviewer.screenshot({ path: 'artifacts/screenshots/edition-closed-live.png' })
    // The open panel keeps what she was writing; posting it says why it cannot be.
    const box = thread.locator('form').last().getByLabel('Your comment')
    expect(await box.inputValue()).toBe(writing)
    await thread.locator('form').last().getByLabel('Comment', { exact: true }).check()
    await thread.locator('form').last().getByRole('button', { name: 'Post', exact: true }).click()
    await thread.getByText('not open for comments').first().waitFor()
    expect(await box.inputValue()).toBe(writing)
    // Closed and opened again on another paragraph, the panel no longer offers to comment.
    await reviewer.keyboard.press('Escape')
    await commentsButton(reviewer, discussed.key).click()
    const other = reviewer.locator('gloss-thread')
    await other.getByText('One to read later.').waitFor()
    await other.getByText('You cannot comment on this edition now.').waitFor()
    expect(await other.locator('gloss-composer').count()).toBe(0)
    // The one error the browser saw is the refused post's 409.
    expect(consultation.journey.errors.map(String)).toEqual([
      expect.stringMatching(/status of 409 \(Conflict\)$/),
    ])
    await reviewer.context().close()
    await reader.context().close()
  }, 60_000)

  it('says it opened again, and closes by itself when its window’s time comes', async () => {
    const reviewer = await consultation.journey.newPage({ locale: 'en-GB' })
    const reader = await consultation.journey.newPage({ locale: 'en-GB' })
    await signInAs(reviewer, consultation.server.url, 'rita@example.org')
    for (const page of [reviewer, reader]) {
      await consultation.journey.goto(page, `/g/${SLUG}/1`)
      await page.locator('html[data-live="open"]').waitFor({ state: 'attached' })
      expect(await badge(page)).toBe('CONSULTATION CLOSED')
    }
    const closesAt = new Date(Date.now() + 6_000)
    await transition({ to: 'open', closesAt: closesAt.toISOString() })
    for (const page of [reviewer, reader]) {
      await expect.poll(() => badge(page), { timeout: 5_000 }).toBe('OPEN FOR COMMENT')
      await expect(notice(page).innerText()).resolves.toContain('open for comments now')
      await expect.poll(() => commentsButton(page, quiet.key).innerText()).toBe('Comment')
    }
    // The reviewer may comment again: the panel offers its form.
    const thread = await openThread(reviewer, quiet.key)
    await thread.locator('gloss-composer').waitFor()
    await reviewer.keyboard.press('Escape')
    // Nobody closes it: its time does.
    expect(Date.now()).toBeLessThan(closesAt.getTime())
    for (const page of [reviewer, reader]) {
      await expect.poll(() => badge(page), { timeout: 15_000 }).toBe('CONSULTATION CLOSED')
      expect(Date.now()).toBeGreaterThanOrEqual(closesAt.getTime())
      await expect(notice(page).innerText()).resolves.toContain('This consultation has closed')
      await expect.poll(() => commentsButton(page, quiet.key).count()).toBe(0)
    }
    expect(consultation.journey.errors).toHaveLength(1)
  }, 60_000)
})
