import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser } from '../support/browser.ts'
import { type Api, type GuideServer } from '../support/browser-server.ts'
import { PASSWORD } from '../support/session.ts'
import {
  openConsultation,
  blocksOf,
  commentByApi,
  commentsButton,
  focused,
  Journey,
  longParagraph,
  shot,
  SLUG,
  tabTo,
  type Block,
} from '../support/journeys.ts'

/**
 * Journey 2 by keyboard alone: Tab, Shift+Tab, Enter, typing and Escape, never a click. The reviewer
 * signs in, reaches a paragraph's comments button, opens the thread, posts, replies, hears new comments
 * announced, and closes the thread with focus back on the button it came from.
 */
describeInBrowser('journey 2a: a reviewer comments by keyboard alone', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let bea: Api
  let target: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey } = consultation)
    bea = consultation.bea
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 2)
    await commentByApi(bea, target.key, { kind: 'comment', body: 'Name the monitoring officer here.' })
  })
  afterAll(async () => {
    await consultation.close()
  })

  /** Typing into the field that has focus, as a person at a keyboard does. */
  const type = (page: Page, text: string) => page.keyboard.type(text)

  it('signs in, opens a thread, posts, replies and closes it without touching the mouse', async () => {
    const page = await journey.newPage()
    await journey.goto(page, '/sign-in')
    await tabTo(page, (f) => f.tag === 'input' && f.id.includes('email'))
    await type(page, 'rita@example.org')
    await tabTo(page, (f) => f.tag === 'input' && f.id.includes('password'))
    await type(page, PASSWORD)
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))

    await journey.goto(page, `/g/${SLUG}`)
    // Its elements are defined once a comments button has rendered in a block's shadow root (a locator, not
    // a string for waitForFunction, which is polled by eval and the page's CSP refuses it).
    await page.locator('gloss-block button.comments').first().waitFor()
    await commentsButton(page, target.key).waitFor()
    const presses = await tabTo(page, (f) => f.host === target.key && f.className === 'comments')
    expect(presses).toBeGreaterThan(0)
    const onButton = await focused(page)
    expect(onButton.label).toBe(`1 comment on paragraph ${target.number}: open`)
    // Where the keyboard is shows plainly.
    expect(onButton.outline).not.toBe('none')
    await shot(page, 'journey-2a-focus-on-button')

    await page.keyboard.press('Enter')
    const thread = page.locator('gloss-thread')
    await thread.getByText('Name the monitoring officer here.').waitFor()
    expect((await focused(page)).tag).toBe('h2')
    expect((await focused(page)).text).toBe(`Comments on paragraph ${target.number}`)

    await tabTo(page, (f) => f.id === 'body-new')
    await type(page, 'Say what to do when the officer is away.')
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Post')
    await page.keyboard.press('Enter')
    await thread.locator('article', { hasText: 'Say what to do when the officer is away.' }).waitFor()
    const live = thread.locator('[aria-live="polite"]')
    expect(await live.innerText()).toBe('Your comment is posted.')

    // Back up to Bea's comment and answer it.
    await tabTo(page, (f) => f.text === 'Reply' && f.article === 'Comment by Bea Reviewer', { back: true })
    await page.keyboard.press('Enter')
    // The reply box takes the focus as it opens; once the reply is posted the focus is back on Reply.
    await expect.poll(async () => (await focused(page)).tag).toBe('textarea')
    expect((await focused(page)).article).toBe('Comment by Bea Reviewer')
    await type(page, 'Ours is named on the council website.')
    await tabTo(page, (f) => f.text === 'Post reply')
    await page.keyboard.press('Enter')
    await thread.locator('.replies article', { hasText: 'Ours is named on the council website.' }).waitFor()
    await expect.poll(async () => (await focused(page)).text).toBe('Reply')
    expect((await focused(page)).article).toBe('Comment by Bea Reviewer')
    await shot(page, 'journey-2a-thread-keyboard')

    // Someone else's comment arriving is announced without moving the focus.
    const before = await focused(page)
    await commentByApi(bea, target.key, { kind: 'example', body: 'Harrowby lists a deputy too.' })
    await thread.getByText('Harrowby lists a deputy too.').waitFor({ timeout: 5_000 })
    await expect.poll(() => live.innerText()).toBe('New example from Bea Reviewer.')
    expect(await live.getAttribute('role')).toBe('status')
    expect((await focused(page)).tag).toBe(before.tag)

    await page.keyboard.press('Escape')
    expect(await thread.count()).toBe(0)
    const back = await focused(page)
    expect(back.host).toBe(target.key)
    expect(back.className).toBe('comments')
    expect(back.label).toBe(`4 comments on paragraph ${target.number}: open`)
    expect(await commentsButton(page, target.key).getAttribute('aria-expanded')).toBe('false')
    // Enter opens it again from where the focus came back to.
    await page.keyboard.press('Enter')
    await thread.getByText('Harrowby lists a deputy too.').waitFor()
    await page.keyboard.press('Escape')
    expect((await focused(page)).className).toBe('comments')
    expect(journey.errors).toEqual([])
  })
})
