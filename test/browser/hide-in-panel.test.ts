import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations } from '../support/axe.ts'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import type { Api } from '../support/browser-server.ts'
import {
  BEA,
  blocksOf,
  commentByApi,
  commentsButton,
  consultSample,
  focused,
  Journey,
  longParagraph,
  openThread,
  RITA,
  shot,
  SLUG,
  tabTo,
  type Block,
} from '../support/journeys.ts'

/** Within a second, as SPEC.md promises for live changes. */
const LIVE = { timeout: 1_000 }

const RUDE = 'The clerk at no. 4 is useless and lives on Elm Road.'
const FINE = 'Our ward posts its surgery times on the noticeboard.'
const BY_BEA = 'Comment by Bea Reviewer'

/**
 * Post-moderation from where an editor reads (SPEC.md, Moderation): in the thread panel, an editor of
 * the guide hides a comment with a reason code and words, with the keyboard alone; the public reader's
 * open page loses it at once, the editor's other tab shows it hidden with Restore, and restoring brings
 * it back for everyone. A reviewer's panel offers no Hide, and the server refuses them.
 */
describeInBrowser('hiding a comment from the thread panel', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let target: Block
  let rude = ''
  let bea: Api

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    const fixture = await consultSample(
      server,
      { bea: BEA, rita: RITA, eve: { email: 'eve@example.org', name: 'Eve Editor', role: 'editor' } },
      { namesPublic: true },
    )
    bea = fixture.people.bea.send
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 1)
    rude = await commentByApi(bea, target.key, { kind: 'comment', body: RUDE })
    await commentByApi(bea, target.key, { kind: 'example', body: FINE })
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  /** The guide open on a page, its live stream connected, the target's thread open. */
  const readingThread = async (page: Page) => {
    await journey.goto(page, `/g/${SLUG}`)
    await page.locator('html[data-live="open"]').waitFor({ state: 'attached' })
    await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('2 comments')
    return openThread(page, target.key)
  }

  it('lets an editor hide a comment with the keyboard, gone live from a public reader, and restore it; never a reviewer', async () => {
    const editor = await journey.newPage()
    await signInAs(editor, server.url, 'eve@example.org')
    const otherTab = await editor.context().newPage()
    const reader = await journey.newPage()
    const editorThread = await readingThread(editor)
    const otherThread = await readingThread(otherTab)
    const readerThread = await readingThread(reader)
    await readerThread.getByText(RUDE).waitFor()
    // The public reader is offered nothing to moderate with.
    expect(await readerThread.getByText('Hide', { exact: true }).count()).toBe(0)
    // Nor is a reviewer: Flag is theirs to use, Hide is not, on any comment.
    const reviewer = await journey.newPage()
    await signInAs(reviewer, server.url, 'rita@example.org')
    const reviewerThread = await readingThread(reviewer)
    await reviewerThread.getByText('Flag').first().waitFor()
    // The editor's panel shows a Hide on each comment, the reviewer's none.
    await editorThread.locator('gloss-hide-form').nth(1).waitFor()
    expect(await reviewerThread.locator('gloss-hide-form').count()).toBe(0)
    expect(await reviewerThread.getByText('Hide', { exact: true }).count()).toBe(0)
    await reviewerThread.locator('article', { hasText: RUDE }).scrollIntoViewIfNeeded()
    await shot(reviewer, 'hide-in-panel-reviewer')

    // From the thread's heading, the keyboard reaches the rude comment's Hide and opens its form.
    await tabTo(editor, (f) => f.tag === 'summary' && f.text === 'Hide' && f.article === BY_BEA)
    await editor.keyboard.press('Enter')
    await expect.poll(async () => (await focused(editor)).text).toBe('Hide')
    await editor.keyboard.press('Tab')
    const onCode = await focused(editor)
    expect(onCode.tag).toBe('select')
    expect(onCode.article).toBe(BY_BEA)
    // Both fields have their labels, read out with them.
    const form = editorThread.locator('article', { hasText: RUDE }).locator('gloss-hide-form form')
    await form.getByLabel('Reason', { exact: true }).waitFor()
    await form.getByLabel('Why it is hidden').waitFor()
    await editor.keyboard.press('ArrowDown')
    await editor.keyboard.press('ArrowDown')
    await editor.keyboard.press('ArrowDown')
    expect(await form.getByLabel('Reason', { exact: true }).inputValue()).toBe('personal-data')
    await editor.keyboard.press('Tab')
    await editor.keyboard.type('It gives a member of staff’s street.')
    await shot(editor, 'hide-in-panel-form')
    // The open form passes axe, inside the panel's shadow roots too.
    expect(describeViolations('the thread panel with Hide open', await axeViolations(editor))).toBe('')
    await editor.keyboard.press('Tab')
    expect((await focused(editor)).text).toBe('Hide comment')
    await editor.keyboard.press('Enter')

    // The public reader's open page loses it, thread and margin, without reloading.
    await readerThread.getByText(RUDE).waitFor({ state: 'detached', ...LIVE })
    await expect.poll(() => commentsButton(reader, target.key).innerText(), LIVE).toBe('1 comment')
    expect(await readerThread.getByText(FINE).count()).toBe(1)
    await shot(reader, 'hide-in-panel-reader-after')

    // The editor sees it hidden, with its reason, and the focus on Restore; so does their other tab.
    const hidden = editorThread.locator('article', { hasText: RUDE })
    await hidden.getByText('Hidden by a moderator: It gives a member of staff’s street.').waitFor()
    expect(await hidden.locator('.badge').innerText()).toBe('hidden')
    await expect.poll(async () => (await focused(editor)).text).toBe('Restore')
    expect((await focused(editor)).article).toBe(BY_BEA)
    await shot(editor, 'hide-in-panel-hidden')
    const elsewhere = otherThread.locator('article', { hasText: RUDE })
    await elsewhere.getByText('Hidden by a moderator: It gives a member of staff’s street.').waitFor(LIVE)
    await elsewhere.getByRole('button', { name: 'Restore' }).waitFor()

    // The public moderation log records it.
    const log = (await (await fetch(`${server.url}/api/guides/${SLUG}/moderation-log`)).json()) as {
      items: { reasonCode: string; reason: string }[]
    }
    expect(log.items[0]).toMatchObject({
      reasonCode: 'personal-data',
      reason: 'It gives a member of staff’s street.',
    })

    // Restore, from the keyboard: back for the reader, live, and Hide offered again.
    await editor.keyboard.press('Enter')
    await readerThread.getByText(RUDE).waitFor(LIVE)
    await expect.poll(() => commentsButton(reader, target.key).innerText(), LIVE).toBe('2 comments')
    await expect.poll(async () => (await focused(editor)).text).toBe('Hide')
    expect(await hidden.locator('.badge').count()).toBe(0)
    await elsewhere.locator('gloss-hide-form').first().waitFor(LIVE)

    // And the server refuses the reviewer and the public, whatever their page shows.
    const hideBody = { reasonCode: 'other', reason: 'Not theirs to hide.' }
    const asRita = await server.api('rita@example.org')
    expect((await asRita('POST', `/api/comments/${rude}/hide`, hideBody)).status).toBe(403)
    const asPublic = await fetch(`${server.url}/api/comments/${rude}/hide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(hideBody),
    })
    expect(asPublic.status).toBe(401)
    expect(journey.errors).toEqual([])
  })
})
