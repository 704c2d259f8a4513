import { mkdir } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import type { GuideServer } from '../support/browser-server.ts'
import {
  openConsultation,
  blocksOf,
  commentByApi,
  commentsButton,
  focused,
  Journey,
  longParagraph,
  openThread,
  selectWords,
  SLUG,
  tabTo,
  type Block,
} from '../support/journeys.ts'

/** Where this journey's pictures go, to be looked at by a person as well as checked here. */
const SHOTS = '/tmp/shots'
const look = async (page: Page, name: string, fullPage = false) => {
  await mkdir(SHOTS, { recursive: true })
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage })
}

/**
 * A reviewer's first visit, on a phone, by keyboard and without script: the guide's words come first,
 * the margins say where people have commented and nothing where they have not, and the thread panel
 * says how to take part.
 */
describeInBrowser('journey 2d: a first visit to a consultation', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let blocks: Block[]
  let discussed: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey } = consultation)
    blocks = await blocksOf(server.url, SLUG, 1)
    discussed = longParagraph(blocks, 1)
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('shows no "0 comments" anywhere while nobody has commented, only a quiet button', async () => {
    const page = await journey.newPage()
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const button = commentsButton(page, discussed.key)
    await button.waitFor()
    expect(await button.innerText()).toBe('Comment')
    expect(await button.getAttribute('aria-label')).toBe(`Comment on paragraph ${discussed.number}`)
    expect(await page.locator('body').innerText()).not.toMatch(/\b0 comments\b/)
    await look(page, 'first-visit-desktop-no-comments')
    expect(journey.errors).toEqual([])
  })

  it('shows the counts without JavaScript, and a new comment at once', async () => {
    await commentByApi(consultation.bea, discussed.key, { kind: 'comment', body: 'Say who chairs it.' })
    await commentByApi(consultation.bea, discussed.key, { kind: 'example', body: 'Harrowby names them.' })
    const page = await journey.newPage({ javaScriptEnabled: false })
    await journey.goto(page, `/g/${SLUG}`)
    const link = page.locator(`gloss-block[id="${discussed.key}"] a.thread-link`)
    // The count shows; a screen reader hears which paragraph it is for.
    expect(await link.textContent()).toBe(`2 comments on paragraph ${discussed.number}`)
    expect(await page.locator('body').innerText()).not.toMatch(/\b0 comments\b/)

    // The page is kept and shared, but a comment posted since shows on the next visit.
    await commentByApi(consultation.bea, discussed.key, { kind: 'comment', body: 'And who minutes it.' })
    await journey.goto(page, `/g/${SLUG}`)
    expect(await link.textContent()).toBe(`3 comments on paragraph ${discussed.number}`)
    await link.scrollIntoViewIfNeeded()
    await look(page, 'first-visit-desktop-no-script')
    expect(journey.errors).toEqual([])
  })

  it('puts the guide’s words on the first screen of a phone, with the contents folded', async () => {
    const page = await journey.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    })
    await journey.goto(page, `/g/${SLUG}`)
    await page.locator('gloss-block').first().waitFor()
    expect(await page.locator('details.toc-details').getAttribute('open')).toBeNull()
    const paragraph = page.locator('gloss-block:has(> p)').first()
    const box = await paragraph.boundingBox()
    // Its first lines, not only its title, are on the first screen.
    expect(box?.y).toBeLessThan(844 * 0.7)
    // The title reads first: a heading's number and buttons follow it rather than stand above it.
    const title = page.locator('gloss-block:has(> h1)').first()
    const heading = await title.locator('h1').boundingBox()
    const margin = await title.locator('gloss-margin').boundingBox()
    expect(heading && margin && margin.y).toBeGreaterThan(heading?.y ?? Infinity)
    await look(page, 'first-visit-phone')
    expect(journey.errors).toEqual([])
  })

  it('lets the keyboard skip to the text and reach the first comments button in a few presses', async () => {
    const page = await journey.newPage()
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const first = blocks[0] as Block
    await commentsButton(page, first.key).waitFor()
    await page.keyboard.press('Tab')
    expect((await focused(page)).text).toBe('Skip to the text')
    await page.keyboard.press('Enter')
    let presses = 0
    while (presses < 3) {
      await page.keyboard.press('Tab')
      presses++
      const now = await focused(page)
      if (now.host === first.key && now.className === 'comments') break
    }
    const now = await focused(page)
    expect(now.host).toBe(first.key)
    expect(now.className).toBe('comments')
    // The next block's button follows its number, after the copy button of the block before.
    const second = blocks[1] as Block
    const between = await tabTo(page, (f) => f.host === second.key && f.className === 'comments', {
      most: 10,
    })
    expect(between).toBeLessThanOrEqual(3)

    // Where the contents are folded, plain Tab from the top gets there soon too.
    const narrow = await journey.newPage({ viewport: { width: 800, height: 900 } })
    await signInAs(narrow, server.url, 'rita@example.org')
    await journey.goto(narrow, `/g/${SLUG}`)
    await commentsButton(narrow, first.key).waitFor()
    const fromTop = await tabTo(narrow, (f) => f.host === first.key && f.className === 'comments', {
      most: 15,
    })
    expect(fromTop).toBeLessThanOrEqual(15)
    expect(journey.errors).toEqual([])
  })

  it('tells a first-time reviewer how to take part, and quotes words selected with a Quote button', async () => {
    const page = await journey.newPage()
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const quiet = longParagraph(blocks, 4)
    await commentsButton(page, quiet.key).waitFor()
    const words = quiet.text.split(' ').slice(3, 8).join(' ')
    expect(await page.getByRole('button', { name: 'Quote' }).count()).toBe(0)
    expect(await selectWords(page, quiet.key, words)).toBe(true)
    const quote = page.getByRole('button', { name: 'Quote', exact: true })
    await quote.waitFor()
    await look(page, 'first-visit-desktop-quote-button')
    await quote.click()
    const thread = page.locator('gloss-thread')
    await thread.locator('h2').waitFor()
    expect(await thread.locator('h2').innerText()).toBe(`Comments on paragraph ${quiet.number}`)
    expect(await thread.getByLabel(/^Words you are responding to/).inputValue()).toBe(words)
    // What each kind is for, beside its choice.
    await thread.getByText('what it makes you think, or how it reads to you').waitFor()
    await thread.getByText('something from your own experience that shows it').waitFor()
    await thread.getByText(/select them in the paragraph/i).waitFor()
    await look(page, 'first-visit-desktop-panel')
    expect(journey.errors).toEqual([])
  })

  it('replies without choosing a kind, shows replies as replies, and confirms a flag where it was raised', async () => {
    const page = await journey.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    })
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const thread = await openThread(page, discussed.key)
    const bea = thread.locator('article', { hasText: 'Say who chairs it.' })
    await bea.getByRole('button', { name: 'Reply' }).click()
    const form = bea.locator('gloss-composer.reply-form')
    await form.getByLabel('Your reply').waitFor()
    // No kind to choose; only whether the reply may be published, as for any comment.
    expect(await form.getByRole('group', { name: 'Kind' }).count()).toBe(0)
    expect(await form.getByRole('radio').count()).toBe(2)
    expect(await form.getByRole('radio', { name: /It may be published/ }).isChecked()).toBe(true)
    await form.getByLabel('Your reply').fill('The mayor, usually.')
    await form.getByRole('button', { name: 'Post reply' }).click()
    const reply = thread.locator('.replies article', { hasText: 'The mayor, usually.' })
    await reply.waitFor()
    expect(await reply.getAttribute('aria-label')).toBe('Reply by Rita Reviewer')
    expect(await reply.locator('.kind').innerText()).toBe('REPLY')

    const other = thread.locator('article', { hasText: 'Harrowby names them.' })
    await other.locator('summary', { hasText: 'Flag' }).click()
    await other.getByLabel('What is wrong with it?').fill('It names a member of staff.')
    await other.getByRole('button', { name: 'Send to the editors' }).click()
    await other.getByText('Flagged: the editors will look at it.').waitFor()
    expect(await other.getByRole('button', { name: 'Send to the editors' }).count()).toBe(0)
    await reply.scrollIntoViewIfNeeded()
    await look(page, 'first-visit-phone-thread')
    expect(journey.errors).toEqual([])
  })

  it('says what "pending" means on a comment waiting for a moderator', async () => {
    const { ada } = consultation
    expect((await ada('PATCH', `/api/guides/${SLUG}/settings`, { moderation: 'pre' })).status).toBe(200)
    const page = await journey.newPage()
    await signInAs(page, server.url, 'rita@example.org')
    await journey.goto(page, `/g/${SLUG}`)
    const thread = await openThread(page, discussed.key)
    await thread.getByLabel('Your comment').fill('Waiting to be seen.')
    await thread.getByRole('button', { name: 'Post', exact: true }).click()
    const mine = thread.locator('article', { hasText: 'Waiting to be seen.' })
    await mine.waitFor()
    await mine.getByText(/only you and the guide’s editors can see it/).waitFor()
    await look(page, 'first-visit-desktop-pending')
    expect(journey.errors).toEqual([])
  })
})
