import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import {
  blocksOf,
  consultSample,
  Journey,
  longParagraph,
  openThread,
  RITA,
  SLUG,
  type Block,
} from '../support/journeys.ts'
import type { RemoteConsultation } from '../support/consultation.ts'

/**
 * A reviewer follows a paragraph; the editor revises it into a new edition and opens it; the reviewer,
 * reading all the while, sees the count of notices in the header rise without reloading, and opens the
 * notice to the redline at that paragraph.
 */
describeInBrowser('a followed paragraph revised, told live', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let fixture: RemoteConsultation<'rita'>
  let target: Block

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    fixture = await consultSample(server, { rita: RITA })
    // A paragraph written without markup, so its text is its source and the revision can find it.
    const source = await (await fixture.admin.send('GET', `/g/${SLUG}/revise/source.md`)).text()
    const plain = (await blocksOf(server.url, SLUG, 1)).filter(
      (b) => b.kind === 'paragraph' && source.includes(`\n${b.text}\n`),
    )
    target = longParagraph(plain, 1)
    browser = await launchChromium()
    journey = new Journey(browser, server)
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('follows a paragraph from its thread panel by keyboard, the button pressed as the server has it, and shows the public no button', async () => {
    const other = (await blocksOf(server.url, SLUG, 1)).find(
      (b) => b.kind === 'paragraph' && b.key !== target.key,
    )
    if (!other) throw new Error('No second paragraph')
    const statePath = `/api/guides/${SLUG}/blocks/${other.key}/follow`
    const followed = async () =>
      (await fixture.people.rita.expect<{ following: boolean }>(200, 'GET', statePath)).following

    const visitor = await journey.newPage()
    await journey.goto(visitor, `/g/${SLUG}/1`)
    const publicThread = await openThread(visitor, other.key)
    await publicThread.getByText('Sign in to comment').waitFor()
    expect(await publicThread.getByRole('button', { name: 'Follow this paragraph' }).count()).toBe(0)

    const page = await journey.newPage()
    await signInAs(page, server.url, RITA.email)
    await journey.goto(page, `/g/${SLUG}/1`)
    let thread = await openThread(page, other.key)
    const toggle = () => thread.getByRole('button', { name: 'Follow this paragraph' })
    await toggle().waitFor()
    expect(await toggle().getAttribute('aria-pressed')).toBe('false')
    await toggle().focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => toggle().getAttribute('aria-pressed')).toBe('true')
    expect(await followed()).toBe(true)
    await thread
      .getByRole('status')
      .getByText(/You follow this paragraph/)
      .waitFor({ state: 'attached' })

    // Opened again on a fresh page, the button says what the server holds.
    await journey.goto(page, `/g/${SLUG}/1`)
    thread = await openThread(page, other.key)
    await toggle().waitFor()
    expect(await toggle().getAttribute('aria-pressed')).toBe('true')
    await toggle().focus()
    await page.keyboard.press('Space')
    await expect.poll(() => toggle().getAttribute('aria-pressed')).toBe('false')
    expect(await followed()).toBe(false)
    expect(journey.errors).toEqual([])
  }, 120_000)

  it('shows the count rise and leads to the redline', async () => {
    const page = await journey.newPage()
    await signInAs(page, server.url, RITA.email)
    // Following without script: the paragraph's thread page has the form.
    await journey.goto(page, `/g/${SLUG}/1/b/${target.key}`)
    await page.getByRole('button', { name: 'Follow this paragraph' }).click()
    await page.getByText(`You now follow paragraph ${target.number} of`).waitFor()
    await journey.goto(page, `/g/${SLUG}/1`)
    await page.locator('html[data-notices="open"]').waitFor({ state: 'attached' })
    const link = page.getByRole('link', { name: /^Notices/ })
    const linkText = async () => ((await link.textContent()) ?? '').replace(/\s+/g, ' ').trim()
    expect(await linkText()).toBe('Notices')

    const source = await (await fixture.admin.send('GET', `/g/${SLUG}/revise/source.md`)).text()
    const revised = source.replace(
      `\n${target.text}\n`,
      `\n${target.text} Councils publish this each year.\n`,
    )
    expect(revised).not.toBe(source)
    await fixture.admin.expect(201, 'POST', `/api/guides/${SLUG}/editions`, { markdown: revised })
    await fixture.admin.expect(200, 'POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'closed' })
    await fixture.admin.expect(200, 'POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'open' })

    // Two notices: the paragraph changed, and the consultation on edition 2 opened.
    await expect.poll(linkText, { timeout: 10_000 }).toBe('Notices2 unread')
    await link.click()
    const notice = page.getByRole('link', { name: /which you follow, was edited in edition 2/ })
    await notice.click()
    await page.waitForURL(new RegExp(`/g/${SLUG}/redline/1/2#${target.key}$`))
    await expect.poll(() => page.locator(`[id="${target.key}"]`).count()).toBe(1)
    // Opening it read it: one left.
    await expect.poll(linkText, { timeout: 10_000 }).toBe('Notices1 unread')
    expect(journey.errors).toEqual([])
  }, 120_000)
})
