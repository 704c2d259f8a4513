import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations } from '../support/axe.ts'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { consultSample, Journey, shot, SLUG } from '../support/journeys.ts'
import { ROOT } from '../support/process.ts'

const ADDED = 'Ward surgeries held online reach people who cannot travel.'

/**
 * A member of the public comes to a guide whose next edition is out for consultation: they read the
 * published text, told by a banner that a revised draft is open, and the banner takes them to it.
 */
describeInBrowser('the public lands on the published guide and is shown the open consultation', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey

  beforeAll(async () => {
    server = await startGuideServer({ state: 'published' })
    const ada = (await consultSample(server, {})).admin.send
    const source = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
    const revised = await ada('POST', `/api/guides/${SLUG}/editions`, { markdown: `${source}\n${ADDED}\n` })
    expect(revised.status).toBe(201)
    const opened = await ada('POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'open' })
    expect(opened.status).toBe(200)
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('reads edition 1 at the guide’s address, follows the banner to edition 2 and back', async () => {
    const page = await journey.newPage()
    await journey.goto(page, '/')
    await page.getByRole('link', { name: 'Councillors Online' }).click()
    expect(new URL(page.url()).pathname).toBe(`/g/${SLUG}`)
    expect(await page.locator('.guide-meta .badge').innerText()).toMatch(/published/i)
    expect(await page.locator('.guide-meta').innerText()).toContain('Edition 1')
    expect(await page.getByText(ADDED).count()).toBe(0)

    const banner = page.getByRole('note')
    expect(await banner.innerText()).toContain('Edition 2 of this guide is open for consultation')
    expect(describeViolations('landing', await axeViolations(page))).toBe('')
    await shot(page, 'public-landing-banner')

    await banner.getByRole('link', { name: 'Read edition 2 and its comments' }).click()
    expect(new URL(page.url()).pathname).toBe(`/g/${SLUG}/2`)
    expect(await page.locator('.guide-meta .badge').innerText()).toMatch(/open for comment/i)
    await page.getByText(ADDED).waitFor()
    const note = page.getByRole('note')
    // Open for comment, edition 2 is a proposed revision, not a draft.
    expect(await note.innerText()).toContain(
      'This edition is a proposed revision, open for consultation: it is not yet the current text of this guide.',
    )
    await note.getByRole('link', { name: 'Read the current edition, edition 1' }).click()
    expect(new URL(page.url()).pathname).toBe(`/g/${SLUG}/1`)
    expect(journey.errors).toEqual([])
  })
})
