import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium } from '../support/browser.ts'
import { startGuideServer, type Api, type GuideServer } from '../support/browser-server.ts'
import { ROOT } from '../support/process.ts'
import {
  blocksOf,
  commentByApi,
  consultSample,
  Journey,
  RITA,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * Quotes that stay anchored, as a reader meets them: the words a comment quoted are highlighted in the
 * paragraph, the highlight opens the thread with those comments first (by keyboard too), the next
 * edition highlights the same words after an edit elsewhere in the paragraph, and a quote whose words
 * were deleted says so in its thread.
 */
describeInBrowser('quoted words highlighted in the text and found again in the next edition', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let reader: Page
  let ada: Api
  let target: Block
  let source: string
  /** Words near the paragraph's start, kept in edition 2, and its last words, deleted there. */
  let kept: string
  let deleted: string

  const marks = (page: Page, key: string) =>
    page.locator(`gloss-block[id="${key}"] mark.quoted[role="button"]`)

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    const consultation = await consultSample(server, { rita: RITA })
    ada = consultation.admin.send
    const rita = consultation.people.rita.send
    source = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
    const blocks = await blocksOf(server.url, SLUG, 1)
    // A plain paragraph whose text is its Markdown, so that edition 2 can edit its words in the source.
    const found = blocks.find(
      (b) => b.kind === 'paragraph' && b.text.split(' ').length > 25 && source.includes(b.text),
    )
    if (!found) throw new Error('The guide has no long plain paragraph')
    target = found
    const words = target.text.split(' ')
    kept = words.slice(2, 7).join(' ')
    deleted = words
      .slice(-4)
      .join(' ')
      .replace(/[.:;]$/, '')
    await commentByApi(rita, target.key, { kind: 'comment', body: 'A comment that quotes nothing.' })
    await commentByApi(rita, target.key, {
      kind: 'comment',
      body: 'About the opening words.',
      quote: { exact: kept },
    })
    // Overlapping the first quote: one highlight for both.
    const overlap = words.slice(4, 9).join(' ')
    await commentByApi(rita, target.key, {
      kind: 'comment',
      body: 'About the words after them.',
      quote: { exact: overlap },
    })
    await commentByApi(rita, target.key, {
      kind: 'comment',
      body: 'About the closing words.',
      quote: { exact: deleted },
    })
    browser = await launchChromium()
    journey = new Journey(browser, server)
    reader = await journey.newPage()
    // Starting a server and Chromium on a shared, loaded machine has taken most of a minute.
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('highlights the quoted words, overlapping quotes as one, and opens their thread by keyboard', async () => {
    await journey.goto(reader, `/g/${SLUG}/1`)
    const highlight = marks(reader, target.key).first()
    await expect.poll(() => marks(reader, target.key).count()).toBe(2)
    expect(await highlight.getAttribute('aria-label')).toMatch(/quoted by 2 comments/)
    expect(await marks(reader, target.key).last().getAttribute('aria-label')).toMatch(/quoted by 1 comment:/)
    const merged = await reader.locator(`gloss-block[id="${target.key}"] mark.quoted`).first().innerText()
    expect(target.text).toContain(merged)
    expect(merged.length).toBeGreaterThan(kept.length)
    // The served page is the document's own: the highlights come from the element.
    const served = await (await fetch(`${server.url}/g/${SLUG}/1`)).text()
    expect(served).not.toContain('<mark')

    await highlight.focus()
    await reader.keyboard.press('Enter')
    const thread = reader.locator('gloss-thread')
    await thread.locator('gloss-comment').first().waitFor()
    const bodies = await thread.locator('gloss-comment .body').allInnerTexts()
    // The comments quoting the highlight come first, though one without a quote was written before them.
    expect(bodies.slice(0, 2).sort()).toEqual(['About the opening words.', 'About the words after them.'])
    expect(bodies).toContain('A comment that quotes nothing.')
  })

  it('highlights the same words in the next edition after an edit elsewhere in the paragraph, and says when words are gone', async () => {
    expect((await ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'closed' })).status).toBe(
      200,
    )
    const edited = target.text.replace(deleted, 'the rest of it').replace(/^(\S+ \S+)/, '$1 always')
    expect(edited).not.toContain(deleted)
    const created = await ada('POST', `/api/guides/${SLUG}/editions`, {
      markdown: source.replace(target.text, edited),
    })
    expect(created.status).toBe(201)
    expect((await ada('POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'open' })).status).toBe(200)
    const next = (await blocksOf(server.url, SLUG, 2)).find((b) => b.text === edited)
    expect(next).toBeDefined()

    await journey.goto(reader, `/g/${SLUG}/2`)
    await expect.poll(() => marks(reader, next?.key ?? '').count()).toBe(1)
    const words = await reader
      .locator(`gloss-block[id="${next?.key ?? ''}"] mark.quoted`)
      .first()
      .innerText()
    expect(words).toContain(kept)
    await marks(reader, next?.key ?? '')
      .first()
      .click()
    const thread = reader.locator('gloss-thread')
    await thread.getByText('About the closing words.').waitFor()
    await thread.getByText('The words quoted are no longer in this paragraph.').waitFor()
    expect(journey.errors).toEqual([])
  })
})
