import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type Api, type GuideServer } from '../support/browser-server.ts'
import {
  blocksOf,
  computedStyle,
  commentByApi,
  consultSample,
  RITA,
  Journey,
  longParagraph,
  openThread,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/** How many blocks the preview's summary counts for one kind of change. */
const changed = (page: Page, label: string) =>
  page
    .locator('ul.change-summary li', {
      has: page.locator('.change-badge', { hasText: new RegExp(`^${label}$`) }),
    })
    .locator('strong')
    .innerText()

/**
 * Journey 5: an editor revises an edition, first paragraph by paragraph in the browser, then by
 * uploading revised Markdown; each time the lineage preview says what changed and where every open
 * comment lands. Edition 2 opens a second consultation; edition 3 is published.
 */
describeInBrowser('journey 5: an editor revises the guide into new editions', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let editor: Page
  let ada: Api
  let target: Block
  let doomed: Block

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    const consultation = await consultSample(server, { rita: RITA })
    ada = consultation.admin.send
    const rita = consultation.people.rita.send
    const blocks = await blocksOf(server.url, SLUG, 1)
    target = longParagraph(blocks, 6)
    doomed = longParagraph(blocks, 9)
    await commentByApi(rita, target.key, { kind: 'comment', body: 'Say it covers personal accounts.' })
    await commentByApi(rita, doomed.key, { kind: 'comment', body: 'This paragraph repeats the last one.' })
    browser = await launchChromium()
    journey = new Journey(browser, server)
    editor = await journey.newPage()
    await signInAs(editor, server.url, 'ada@example.org')
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('closes the consultation, edits and deletes paragraphs, and previews the lineage', async () => {
    await journey.goto(editor, `/g/${SLUG}/manage`)
    // The editors' pages speak in one type: the line leading to the settings is not the guide's serif.
    const fontOf = (selector: string) => computedStyle(editor.locator(selector), 'font-family')
    expect(await fontOf('main > .sub-nav ~ p')).toBe(await fontOf('main h1'))
    await editor.getByRole('button', { name: /Close the consultation now/ }).click()
    // Closing before the window ends is asked about first, on a page of its own.
    await editor.getByRole('heading', { name: 'Close the consultation on edition 1 now?' }).waitFor()
    expect(await fontOf('main > .sub-nav ~ p')).toBe(await fontOf('main h1'))
    await editor.getByRole('button', { name: 'Close the consultation now' }).click()
    await editor.getByText('The consultation on edition 1 is closed.').waitFor()
    await editor.getByRole('link', { name: 'Revise into edition 2' }).click()
    await editor.waitForURL(`**/g/${SLUG}/revise`)

    const block = editor.locator('li.draft-block', { hasText: target.text.slice(0, 60) })
    await block.locator('summary', { hasText: 'Edit' }).click()
    const markdown = block.getByLabel(/^Markdown of block/)
    await markdown.fill(`${(await markdown.inputValue()).trimEnd()} This applies to personal accounts too.`)
    await block.getByRole('button', { name: 'Save', exact: true }).click()
    await editor.getByText('The block is saved.').waitFor()
    await editor
      .locator('li.draft-block', { hasText: doomed.text.slice(0, 60) })
      .getByRole('button', { name: /^Delete/ })
      .click()
    await editor.getByRole('button', { name: /^Delete block/ }).click()
    await editor.getByText('The block is deleted.').waitFor()

    await editor.getByRole('link', { name: 'Lineage preview' }).first().click()
    await editor.waitForURL(`**/g/${SLUG}/revise/preview`)
    expect(await changed(editor, 'Edited')).toBe('1')
    expect(await changed(editor, 'Removed')).toBe('1')
    expect(await changed(editor, 'New')).toBe('0')
    const edited = editor.locator('.lineage-block.change-edited')
    expect(await edited.locator('ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('personal accounts'),
    )
    expect(await edited.locator('.landing').innerText()).toContain('Say it covers personal accounts.')
    const removed = editor.locator('.lineage-block.change-removed')
    expect(await removed.innerText()).toContain('This paragraph repeats the last one.')
    expect(await editor.locator('#summary-title + ul + p').innerText()).toMatch(
      /1 comment shows .*; 1 under “comments on removed text”/,
    )
    await shot(editor, 'journey-5-lineage-preview')
    expect(journey.errors).toEqual([])
  })

  it('creates edition 2 and opens a second consultation, where the comments carried show', async () => {
    await journey.goto(editor, `/g/${SLUG}/revise/preview`)
    await editor.getByRole('button', { name: 'Create edition 2' }).first().click()
    await editor.waitForURL(`**/g/${SLUG}/manage**`)
    await editor.getByText('Edition 2 created as a draft.').waitFor()
    const card = editor.locator('#edition-2')
    await card.getByRole('button', { name: /Open for consultation/ }).click()
    await editor.getByText('Edition 2 is open for consultation.').waitFor()

    await card.getByRole('link', { name: 'Read edition 2' }).click()
    await editor.waitForURL(`**/g/${SLUG}/2`)
    await editor
      .getByRole('link', { name: /Comments on removed text/ })
      .first()
      .waitFor()
    const thread = await openThread(editor, target.key)
    const carried = thread.locator('article', { hasText: 'Say it covers personal accounts.' })
    await carried.getByText(`Written on edition 1, paragraph ${target.number}`).click()
    expect(await carried.locator('.redline ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('personal accounts'),
    )
    await shot(editor, 'journey-5-second-consultation')
    await editor
      .getByRole('link', { name: /Comments on removed text/ })
      .first()
      .click()
    await editor.getByText('This paragraph repeats the last one.').waitFor()
    // The words the comment was about are shown with it, and the page names the guide.
    expect(await editor.locator('.removed-words').innerText()).toContain(doomed.text.slice(0, 60))
    expect(await editor.locator('.guide-name').innerText()).toBe('Councillors Online')
    expect(journey.errors).toEqual([])
  })

  it('uploads a revised Markdown file instead, previews it, creates edition 3 and publishes it', async () => {
    await journey.goto(editor, `/g/${SLUG}/manage`)
    await editor
      .locator('#edition-2')
      .getByRole('button', { name: /Close the consultation now/ })
      .click()
    await editor.getByRole('button', { name: 'Close the consultation now' }).click()
    await editor.getByRole('link', { name: 'Revise into edition 3' }).click()
    // The editor's own copy of the text, revised elsewhere: a new paragraph, and one moved to the end.
    const source = await (await ada('GET', `/g/${SLUG}/revise/source.md`)).text()
    const blocks = await blocksOf(server.url, SLUG, 2)
    const moving = blocks.find(
      (b) => b.kind === 'paragraph' && source.includes(`\n${b.text}\n`) && b.text.length > 120,
    )
    if (!moving) throw new Error('No plain paragraph to move')
    const revised = `${source.replace(`\n${moving.text}\n`, '\nWard surgeries held online reach people who cannot travel.\n')}\n${moving.text}\n`
    const file = join(server.folder, 'revised.md')
    await writeFile(file, revised)
    await editor.getByLabel('Upload a Markdown file').setInputFiles(file)
    await editor.getByRole('button', { name: 'Replace the text' }).click()
    await editor.getByText('The whole text is replaced.').waitFor()

    await editor.getByRole('link', { name: 'Lineage preview' }).first().click()
    expect(await changed(editor, 'New')).toBe('1')
    expect(await changed(editor, 'Moved')).toBe('1')
    expect(await changed(editor, 'Removed')).toBe('0')
    expect(await editor.locator('.lineage-block.change-new').innerText()).toContain(
      'Ward surgeries held online',
    )
    await editor.getByRole('button', { name: 'Create edition 3' }).first().click()
    await editor.getByText('Edition 3 created as a draft.').waitFor()
    await editor
      .locator('#edition-3')
      .getByRole('button', { name: /Publish without consultation/ })
      .click()
    await editor.getByRole('button', { name: 'Publish edition 3' }).click()
    await editor.getByText('Edition 3 is published.').waitFor()
    await shot(editor, 'journey-5-published')

    const reader = await journey.newPage()
    await journey.goto(reader, `/g/${SLUG}`)
    expect(await reader.locator('.guide-meta .badge').innerText()).toMatch(/published/i)
    expect(await reader.locator('.guide-meta').innerText()).toContain('Edition 3')
    await reader.getByText('Ward surgeries held online reach people who cannot travel.').waitFor()
    // A paragraph's permanent link follows it into the newest edition.
    await journey.goto(reader, `/g/${SLUG}/p/${target.key}`)
    expect(reader.url()).toBe(`${server.url}/g/${SLUG}/3#${target.key}`)
    expect(await reader.locator(`[id="${target.key}"]`).innerText()).toContain(
      'This applies to personal accounts too.',
    )
    expect(journey.errors).toEqual([])
  })
})
