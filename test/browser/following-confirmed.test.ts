import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations } from '../support/axe.ts'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { PASSWORD } from '../support/session.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import type { RemoteConsultation } from '../support/consultation.ts'
import {
  blocksOf,
  computedStyle,
  consultSample,
  Journey,
  longParagraph,
  openThread,
  RITA,
  scrollsSideways,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/** A phone's width: the list and its buttons must fit it. */
const PHONE = { viewport: { width: 390, height: 844 } }

/**
 * Following from the public reading page, which is the same for everyone, on a phone: without script
 * the form lands on what the person follows, saying what they now follow with the way back, and the
 * list stops it; with script the thread's button says in words that the paragraph is followed, and the
 * page's form lands on the list with both.
 */
describeInBrowser('following from the reading page, and seeing it', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let fixture: RemoteConsultation<'rita'>
  let title: string
  let target: Block

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    fixture = await consultSample(server, { rita: RITA })
    ;({ title } = await fixture.admin.expect<{ title: string }>(200, 'GET', `/api/guides/${SLUG}`))
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 2)
    browser = await launchChromium()
    journey = new Journey(browser, server)
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  const status = (page: Page) => page.locator('.status-message[role="status"]')
  const listed = (page: Page) => page.locator('li.following-item')

  it('without script: follows the guide, is told so with the way back, and stops from the list', async () => {
    const page = await journey.newPage({ ...PHONE, javaScriptEnabled: false })
    await signInAs(page, server.url, RITA.email)
    await journey.goto(page, `/g/${SLUG}/1`)
    await page.getByRole('button', { name: 'Follow this guide' }).click()
    await page.waitForURL('**/me/following?**')
    expect(await status(page).innerText()).toBe(`You now follow ${title}. Back to where you were`)
    expect(await listed(page).count()).toBe(1)
    expect(await listed(page).innerText()).toContain(`${title} · The whole guide`)
    expect(await scrollsSideways(page)).toBe(false)
    await shot(page, 'following-no-script')

    await page.getByRole('link', { name: 'Back to where you were' }).click()
    await page.waitForURL(`**/g/${SLUG}/1`)

    await journey.goto(page, '/me/following')
    await page.getByRole('button', { name: `Stop following ${title}` }).click()
    await page.waitForURL('**/me/following?done=unfollowed**')
    expect(await status(page).innerText()).toBe(`You no longer follow ${title}.`)
    expect(await listed(page).count()).toBe(0)
    await page.getByText('You do not follow anything yet.').waitFor()
    expect(journey.errors).toEqual([])
  }, 120_000)

  it('with script: the thread’s button says it follows; the page’s form lands on the list with both', async () => {
    const page = await journey.newPage(PHONE)
    await signInAs(page, server.url, RITA.email)
    await journey.goto(page, `/g/${SLUG}/1`)
    const thread = await openThread(page, target.key)
    const toggle = thread.getByRole('button', { name: 'Follow this paragraph' })
    await toggle.waitFor()
    expect(await toggle.getAttribute('aria-pressed')).toBe('false')
    const said = thread.locator('gloss-follow-toggle .said')
    expect(await said.count()).toBe(0)
    await toggle.click()
    // Said in words beside the button, not only by its colour.
    await expect.poll(() => said.innerText()).toBe('You follow this paragraph.')
    expect(await toggle.getAttribute('aria-pressed')).toBe('true')
    // On, it looks chosen (a tick, a tint), not like the filled button still to press that Post is.
    expect(await computedStyle(toggle, 'content', '::before')).toContain('✓')
    expect(await computedStyle(toggle, 'background-color')).not.toBe(
      await computedStyle(toggle, 'border-top-color'),
    )
    expect(await scrollsSideways(page)).toBe(false)
    await shot(page, 'following-script-toggle')
    expect(describeViolations('the thread with its follow line', await axeViolations(page))).toBe('')

    await page.getByRole('button', { name: 'Follow this guide' }).click()
    await page.waitForURL('**/me/following?**')
    expect(await status(page).innerText()).toBe(`You now follow ${title}. Back to where you were`)
    const rows = await listed(page).allInnerTexts()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toContain(`${title} · The whole guide`)
    expect(rows[1]).toContain(`Paragraph ${target.number} · ${title}`)
    expect(rows[1]).toContain(target.text.split(' ').slice(0, 6).join(' '))
    expect(await scrollsSideways(page)).toBe(false)
    await shot(page, 'following-script-list', true)
    expect(describeViolations('what you follow', await axeViolations(page))).toBe('')
    expect(journey.errors).toEqual([])
  }, 120_000)

  it('without script, signed out: Follow leads through signing in to one more press, which follows', async () => {
    expect((await fixture.people.rita.send('DELETE', `/api/guides/${SLUG}/follow`)).status).toBe(200)
    const page = await journey.newPage({ ...PHONE, javaScriptEnabled: false })
    await journey.goto(page, `/g/${SLUG}/1`)
    await page.getByRole('button', { name: 'Follow this guide' }).click()
    await page.waitForURL('**/sign-in?**')
    await page.getByLabel(/email/i).fill(RITA.email)
    await page.getByLabel(/password/i).fill(PASSWORD)
    await page.getByRole('button', { name: /sign in/i }).click()
    await page.waitForURL('**/me/following?done=offer**')
    // Nothing is followed until the person says so again, signed in.
    expect(await status(page).innerText()).toContain(`Follow ${title}? You pressed Follow before signing in`)
    const guideRow = listed(page).filter({ hasText: 'The whole guide' })
    expect(await guideRow.count()).toBe(0)
    await shot(page, 'following-offer-phone')
    await page.getByRole('button', { name: 'Follow this guide' }).click()
    await page.waitForURL('**/me/following?done=followed**')
    expect(await status(page).innerText()).toBe(`You now follow ${title}. Back to where you were`)
    expect(await guideRow.count()).toBe(1)
    expect(await scrollsSideways(page)).toBe(false)
    expect(journey.errors).toEqual([])
  }, 120_000)
})
