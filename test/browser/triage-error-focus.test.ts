import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import { blocksOf, commentByApi, longParagraph, openConsultation, SLUG } from '../support/journeys.ts'

/**
 * A refused triage form comes back with its error summary focused, so a screen reader reads it and the
 * keyboard starts there, and with the triage page's own address rather than the form's.
 */
describeInBrowser('triage: a refused form takes the editor to what to correct', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let editor: Page
  let id = ''
  const triage = `/g/${SLUG}/1/triage`

  beforeAll(async () => {
    consultation = await openConsultation()
    const blocks = await blocksOf(consultation.server.url, SLUG, 1)
    id = await commentByApi(consultation.rita, longParagraph(blocks, 6).key, {
      kind: 'comment',
      body: 'Say it covers personal accounts.',
    })
    editor = await consultation.journey.newPage()
    await signInAs(editor, consultation.server.url, 'ada@example.org')
  }, 180_000)
  afterAll(async () => {
    await consultation.close()
  })

  const summaryFocused = () =>
    editor.evaluate<boolean>("document.activeElement?.classList.contains('error-summary') ?? false")

  it('focuses the summary of a duplicate that names no comment, saying so as an error', async () => {
    await consultation.journey.goto(editor, triage)
    const form = editor.locator(`form.triage-decide:has(input[name="commentId"][value="${id}"])`)
    await form.locator('select[name="decision"]').selectOption('duplicate')
    await form.getByRole('button', { name: 'Save decision' }).click()
    await editor.waitForSelector('.error-summary')
    expect(await summaryFocused()).toBe(true)
    expect(await editor.locator('.error-summary').innerText()).toContain(
      'Say which comment this duplicates: its number.',
    )
    expect(new URL(editor.url()).pathname).toBe(triage)
  })

  it('focuses the summary of a bulk decision with nothing ticked', async () => {
    await consultation.journey.goto(editor, triage)
    const bulk = editor.locator('form#bulk')
    await bulk.locator('select[name="decision"]').selectOption('noted')
    await bulk.locator('button.button:not(.button-secondary)').click()
    await editor.waitForSelector('.error-summary')
    expect(await summaryFocused()).toBe(true)
    expect(new URL(editor.url()).pathname).toBe(triage)
  })
})
