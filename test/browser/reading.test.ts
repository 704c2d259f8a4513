import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { ROOT, startGlossServer, type ServerProcess } from '../support/process.ts'

const SHOTS = join(ROOT, 'artifacts', 'screenshots')

/** A member of the public reading the sample guide (journey 3), in Debian's Chromium. */
describeInBrowser('reading the published sample guide in Chromium', () => {
  let folder: string
  let server: ServerProcess
  let browser: Browser
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-browser-'))
    await mkdir(SHOTS, { recursive: true })
    server = await startGlossServer({ DATA_DIR: join(folder, 'data'), DATABASE_URL: undefined })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser.close()
    await server.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('shows contents, numbered paragraphs and a copy-link button reachable by keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`${server.url}/g/councillors-online`)
    await page.waitForFunction("customElements.get('gloss-block') !== undefined")
    expect(await page.locator('details.toc-details').getAttribute('open')).toBe('')
    await page.screenshot({ path: join(SHOTS, 'reading-desktop.png') })

    const firstParagraph = page.locator('gloss-block:has(> p)').first()
    const key = (await firstParagraph.getAttribute('id')) ?? ''
    const button = firstParagraph.getByRole('button', { name: /Copy link to paragraph/ })
    await button.focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await button.textContent())?.trim()).toBe('Copied')
    const copied = await page.evaluate<string>('navigator.clipboard.readText()')
    expect(copied).toBe(`${server.url}/g/councillors-online/p/${key}`)
    expect(errors).toEqual([])
    await context.close()
  })

  it('follows a permalink to its paragraph', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/g/councillors-online`)
    const key = (await page.locator('gloss-block:has(> p)').nth(3).getAttribute('id')) ?? ''
    await page.goto(`${server.url}/g/councillors-online/p/${key}`)
    expect(page.url()).toBe(`${server.url}/g/councillors-online/1#${key}`)
    const top = (await page.locator(`[id="${key}"]`).boundingBox())?.y ?? -1
    expect(top).toBeGreaterThanOrEqual(0)
    expect(top).toBeLessThan(200)
    await page.close()
  })

  it('is complete without JavaScript, at phone width', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 375, height: 800 },
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/g/councillors-online`)
    expect(await page.locator('[data-block]').count()).toBeGreaterThanOrEqual(60)
    await page.getByText('Contents').click()
    const link = page.locator('nav.toc a').nth(2)
    const target = (await link.getAttribute('href')) ?? ''
    await link.click()
    expect(page.url()).toContain(target)
    expect(await page.locator('a.permalink').count()).toBeGreaterThanOrEqual(60)
    await page.screenshot({ path: join(SHOTS, 'reading-phone-no-js.png'), fullPage: false })
    await context.close()
  })
})
