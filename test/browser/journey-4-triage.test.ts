import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import type { GuideServer } from '../support/browser-server.ts'
import {
  openConsultation,
  blocksOf,
  commentByApi,
  Journey,
  longParagraph,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * Journey 4: an editor triages the feedback on an open edition: all of it by paragraph, the heat strip
 * showing where it concentrates, filters by kind, decision and state, a decision with its response,
 * a comment hidden by moderation, and the whole as a CSV download.
 */
describeInBrowser('journey 4: an editor triages the feedback', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let editor: Page
  let busy: Block
  let quiet: Block
  let rudeId = ''
  let ritaId = ''

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey } = consultation)
    const { rita, bea } = consultation
    const blocks = await blocksOf(server.url, SLUG, 1)
    busy = longParagraph(blocks, 6)
    quiet = longParagraph(blocks, 20)
    ritaId = await commentByApi(rita, busy.key, { kind: 'comment', body: 'Say it covers personal accounts.' })
    await commentByApi(bea, busy.key, { kind: 'example', body: 'Fenmoor had this exact problem.' })
    await commentByApi(bea, busy.key, { kind: 'reflection', body: 'This part made me rethink my page.' })
    await commentByApi(bea, busy.key, { kind: 'comment', body: 'Agreed.', parentId: ritaId })
    rudeId = await commentByApi(bea, quiet.key, { kind: 'comment', body: 'Whoever wrote this is an idiot.' })
    await commentByApi(rita, null, { kind: 'reflection', body: 'A useful guide overall.' })
    editor = await journey.newPage()
    await signInAs(editor, server.url, 'ada@example.org')
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('sees every comment by paragraph, and the heat strip leads to where most of it is', async () => {
    await journey.goto(editor, `/g/${SLUG}`)
    await editor.getByRole('link', { name: 'Triage feedback' }).click()
    await editor.waitForURL(`**/g/${SLUG}/1/triage`)
    expect(await editor.locator('.triage-counts').innerText()).toBe('Showing 5 comments, in 3 places.')
    const sections = editor.locator('section.triage-section h2')
    const heads = await sections.allInnerTexts()
    expect(heads.map((h) => h.split(/\s/)[0])).toEqual(['General', busy.number, quiet.number])
    const strip = editor.locator('svg.heat-bars')
    expect(await strip.getAttribute('aria-label')).toMatch(
      /^Comments per paragraph: 2 of \d+ paragraphs have comments$/,
    )
    expect(await editor.locator('svg.heat-bars a').count()).toBe(2)
    await shot(editor, 'journey-4-triage-heat-strip')
    await editor
      .locator('.heat-summary')
      .getByRole('link', { name: `${busy.number} (3)` })
      .click()
    const busySection = editor.locator('section.triage-section').nth(1)
    expect(new URL(editor.url()).hash).toBe(`#${(await busySection.getAttribute('id')) ?? ''}`)
    expect(journey.errors).toEqual([])
  })

  it('filters by kind, by decision and by state', async () => {
    await journey.goto(editor, `/g/${SLUG}/1/triage`)
    await editor.getByLabel('Kind', { exact: true }).selectOption('example')
    await editor.getByRole('button', { name: 'Show' }).click()
    expect(await editor.locator('.triage-counts').innerText()).toBe('Showing 1 comment of 5, in 1 place.')
    expect(await editor.locator('article.triage-comment').innerText()).toContain(
      'Fenmoor had this exact problem.',
    )
    await editor.getByRole('link', { name: 'Clear the filters' }).click()
    await editor.getByLabel('Decision', { exact: true }).first().selectOption('accepted')
    await editor.getByRole('button', { name: 'Show' }).click()
    expect(await editor.locator('.triage-counts').innerText()).toMatch(/^No comments match these filters/)
    expect(journey.errors).toEqual([])
  })

  it('records a decision with its response, and one for several comments at once', async () => {
    await journey.goto(editor, `/g/${SLUG}/1/triage`)
    const card = editor.locator(`#c${ritaId}`)
    await card.getByLabel('Decision', { exact: true }).selectOption('accepted')
    await card
      .getByLabel('Response, for the reviewer and the report')
      .fill('We now say it covers personal accounts.')
    await card.getByRole('button', { name: 'Save decision' }).click()
    const saved = editor.locator(`#c${ritaId}`)
    await saved.getByText('We now say it covers personal accounts.').first().waitFor()
    expect(await saved.locator('.triage-current').innerText()).toContain('Accepted')

    // Two at once: tick them, choose, apply.
    for (const text of ['Fenmoor had this exact problem.', 'This part made me rethink my page.'])
      await editor.locator('article.triage-comment', { hasText: text }).getByText('Select').check()
    const bulk = editor.locator('form#bulk')
    await bulk.getByLabel('Decision', { exact: true }).selectOption('noted')
    await bulk.getByRole('button', { name: 'Apply to selected' }).click()
    await editor.getByLabel('Decision', { exact: true }).first().waitFor()
    await editor.getByLabel('Kind', { exact: true }).selectOption('')
    await editor.locator('form.triage-filters').getByLabel('Decision', { exact: true }).selectOption('noted')
    await editor.getByRole('button', { name: 'Show' }).click()
    expect(await editor.locator('.triage-counts').innerText()).toBe('Showing 2 comments of 5, in 1 place.')
    await shot(editor, 'journey-4-triage-decided')
    expect(journey.errors).toEqual([])
  })

  it('hides an abusive comment from its thread, and the public no longer sees it', async () => {
    await journey.goto(editor, `/g/${SLUG}/1/triage`)
    await editor
      .locator(`#c${rudeId}`)
      .getByRole('link', { name: /in its thread/ })
      .click()
    const comment = editor.locator(`article#c${rudeId}`)
    await comment.getByText('Hide', { exact: false }).first().click()
    await comment.getByLabel('Reason', { exact: true }).selectOption('abusive')
    await comment.getByLabel('Why it is hidden').fill('A personal attack.')
    await comment.getByRole('button', { name: 'Hide comment' }).click()
    await editor.locator(`article#c${rudeId}`).getByText('Hidden by a moderator (Abusive):').waitFor()

    await journey.goto(editor, `/g/${SLUG}/1/triage?state=hidden`)
    expect(await editor.locator('article.triage-comment').innerText()).toContain('A personal attack.')
    const publicPage = await journey.newPage()
    await journey.goto(publicPage, `/g/${SLUG}/1/b/${quiet.key}`)
    await publicPage.getByText('No comments yet.').waitFor()
    expect(await publicPage.getByText('Whoever wrote this').count()).toBe(0)
    await publicPage.context().close()
    expect(journey.errors).toEqual([])
  })

  it('downloads every comment with its decision as a CSV', async () => {
    await journey.goto(editor, `/g/${SLUG}/1/triage`)
    const [download] = await Promise.all([
      editor.waitForEvent('download'),
      editor.getByRole('link', { name: 'CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`${SLUG}-edition-1-feedback.csv`)
    const file = join(server.folder, download.suggestedFilename())
    await download.saveAs(file)
    const rows = parse<Record<string, string>>(await readFile(file, 'utf8'), { columns: true, bom: true })
    expect(rows).toHaveLength(6)
    const rita = rows.find((r) => r.body === 'Say it covers personal accounts.')
    expect(rita).toMatchObject({ decision: 'accepted', response: 'We now say it covers personal accounts.' })
    expect(rita?.['block number']).toBe(busy.number)
    expect(rows.find((r) => r.body === 'Agreed.')?.['parent id']).toBe(ritaId)
    expect(rows.find((r) => r.body === 'Whoever wrote this is an idiot.')?.state).toBe('hidden')
    expect(journey.errors).toEqual([])
  })
})
