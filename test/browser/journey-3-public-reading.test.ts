import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { blocksOf, Journey, shot, SLUG, type Block } from '../support/journeys.ts'

/**
 * Journey 3: a member of the public reads the published guide: contents, a permalink on every
 * paragraph, print-friendly, and complete without JavaScript.
 */
describeInBrowser('journey 3: the public reads the published guide', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let blocks: Block[]

  beforeAll(async () => {
    server = await startGuideServer({ state: 'published' })
    browser = await launchChromium()
    journey = new Journey(browser, server)
    blocks = await blocksOf(server.url, SLUG, 1)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('reads from the home page through the contents, and copies a paragraph link by keyboard', async () => {
    const page = await journey.newPage()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await journey.goto(page, '/')
    await page.getByRole('link', { name: 'Councillors Online' }).click()
    // Its elements are defined once a block's copy-link button has rendered in its shadow root (a published
    // edition has no comments buttons; a locator, not a string for waitForFunction, which is polled by
    // eval and the page's CSP refuses it).
    await page.locator('gloss-block button.copy').first().waitFor()
    // On a wide screen the contents sit open beside the text.
    const contents = page.getByRole('navigation', { name: 'Contents' })
    expect(await page.locator('details.toc-details').getAttribute('open')).toBe('')
    const heading = blocks.find((b) => b.kind === 'heading' && b.text === 'Why bother?')
    await contents.getByRole('link', { name: 'Why bother?' }).click()
    expect(new URL(page.url()).hash).toBe(`#${heading?.key ?? ''}`)
    const top = (await page.locator(`[id="${heading?.key ?? ''}"]`).boundingBox())?.y ?? -1
    expect(top).toBeGreaterThanOrEqual(0)
    expect(top).toBeLessThan(200)
    await shot(page, 'journey-3-reading-desktop')

    const paragraph = page.locator('gloss-block:has(> p)').first()
    const key = (await paragraph.getAttribute('id')) ?? ''
    const copy = paragraph.getByRole('button', { name: /Copy link to paragraph/ })
    await copy.focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await copy.textContent())?.trim()).toBe('Copied')
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(
      `${server.url}/g/${SLUG}/p/${key}`,
    )
    // A published edition takes no comments: no comment buttons, no thread links.
    expect(await page.locator('gloss-block button.comments').count()).toBe(0)
    expect(journey.errors).toEqual([])
  })

  it('has a permalink on every paragraph, and following one lands on it', async () => {
    const page = await journey.newPage({ viewport: { width: 1024, height: 700 } })
    await journey.goto(page, `/g/${SLUG}`)
    const numbers = await page.locator('gloss-margin a.permalink').allInnerTexts()
    expect(numbers).toEqual(blocks.map((b) => b.number))
    const target = blocks.filter((b) => b.kind === 'paragraph')[12]
    if (!target) throw new Error('The sample guide has fewer paragraphs than expected')
    await page.locator(`gloss-block[id="${target.key}"] > gloss-margin a.permalink`).click()
    await page.waitForURL(`**/g/${SLUG}/1#${target.key}`)
    const box = await page.locator(`[id="${target.key}"]`).boundingBox()
    expect(box?.y).toBeGreaterThanOrEqual(0)
    expect(box?.y).toBeLessThan(200)
    expect(await page.locator(`[id="${target.key}"]`).innerText()).toContain(target.text.slice(0, 40))
    await shot(page, 'journey-3-permalink')
    expect(journey.errors).toEqual([])
  })

  it('prints the text alone: no navigation, contents, margins or buttons', async () => {
    const page = await journey.newPage()
    await journey.goto(page, `/g/${SLUG}`)
    // Its elements are defined once a block's copy-link button has rendered in its shadow root (a published
    // edition has no comments buttons; a locator, not a string for waitForFunction, which is polled by
    // eval and the page's CSP refuses it).
    await page.locator('gloss-block button.copy').first().waitFor()
    await page.emulateMedia({ media: 'print' })
    for (const hidden of ['header.site-header', 'nav.toc', 'gloss-margin', '.search-box', '.follow-feeds'])
      for (const element of await page.locator(hidden).all())
        expect(await element.isVisible(), hidden).toBe(false)
    for (const button of await page.locator('gloss-block').first().getByRole('button').all())
      expect(await button.isVisible()).toBe(false)
    const paragraph = blocks.find((b) => b.kind === 'paragraph')
    expect(await page.locator(`[id="${paragraph?.key ?? ''}"]`).isVisible()).toBe(true)
    expect(await page.locator('article.guide-text').innerText()).toContain(paragraph?.text.slice(0, 60))
    await shot(page, 'journey-3-print')
    expect(journey.errors).toEqual([])
  })

  it('shows the contents beside the text without JavaScript on a wide screen', async () => {
    const page = await journey.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } })
    await journey.goto(page, `/g/${SLUG}`)
    const link = page.locator('nav.toc a', { hasText: 'Why bother?' })
    expect(await link.isVisible()).toBe(true)
    const heading = blocks.find((b) => b.kind === 'heading' && b.text === 'Why bother?')
    await link.click()
    expect(new URL(page.url()).hash).toBe(`#${heading?.key ?? ''}`)
    await shot(page, 'journey-3-desktop-no-js')
    expect(journey.errors).toEqual([])
  })

  it('is complete without JavaScript, at phone width', async () => {
    const page = await journey.newPage({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } })
    await journey.goto(page, `/g/${SLUG}`)
    expect(await page.locator('[data-block]').count()).toBe(blocks.length)
    const last = blocks[blocks.length - 1]
    expect(await page.locator(`[id="${last?.key ?? ''}"]`).innerText()).toContain(last?.text.slice(0, 30))
    // The contents fold away on a phone and open with a tap, no script needed.
    await page.getByText('Contents', { exact: true }).click()
    const links = page.locator('nav.toc a')
    expect(await links.count()).toBe(blocks.filter((b) => b.kind === 'heading').length)
    const link = links.nth(4)
    const href = (await link.getAttribute('href')) ?? ''
    await link.click()
    expect(new URL(page.url()).hash).toBe(href)
    const box = await page.locator(href).boundingBox()
    expect(box?.y).toBeGreaterThanOrEqual(0)
    expect(box?.y).toBeLessThan(150)
    expect(await page.locator('a.permalink').count()).toBe(blocks.length)
    expect(await page.evaluate('document.documentElement.scrollWidth <= 375').catch(() => true)).toBe(true)
    await shot(page, 'journey-3-phone-no-js')
    expect(journey.errors).toEqual([])
  })
})
