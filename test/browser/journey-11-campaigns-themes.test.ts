import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import {
  blocksOf,
  commentByApi,
  Journey,
  longParagraph,
  openConsultation,
  shot,
  SLUG,
} from '../support/journeys.ts'

const CAMPAIGN =
  'Please keep the monitoring officer out of routine complaints. Residents deserve a reply from their own councillor first, within two working days.'

/**
 * Journey 11: an editor facing a campaign and other feedback sees the campaign as one item with its
 * headcount and answers it once; creates a theme, tags every comment a filter shows with it, answers
 * the theme; publishes; and the public report lists the theme with its response and its paragraphs.
 */
describeInBrowser(
  'journey 11: a campaign answered once, a theme tagged in bulk and answered in the report',
  () => {
    let consultation: Awaited<ReturnType<typeof openConsultation>>
    let journey: Journey
    let editor: Page
    const examples: string[] = []
    let numbers: string[] = []

    beforeAll(async () => {
      consultation = await openConsultation()
      journey = consultation.journey
      const blocks = await blocksOf(consultation.server.url, SLUG, 1)
      const first = longParagraph(blocks, 2)
      const second = longParagraph(blocks, 6)
      numbers = [first.number, second.number]
      const cai = await consultation.fixture.join({ email: 'cai@example.org', name: 'Cai Reviewer' })
      await commentByApi(consultation.rita, first.key, {
        kind: 'comment',
        body: `Dear editors,\n\n${CAMPAIGN}\n\nRegards,\nRita`,
      })
      await commentByApi(consultation.bea, second.key, { kind: 'comment', body: CAMPAIGN.toLowerCase() })
      await commentByApi(cai.send, null, { kind: 'comment', body: `${CAMPAIGN} Thanks` })
      examples.push(
        await commentByApi(consultation.bea, first.key, {
          kind: 'example',
          body: 'Fenmoor answered every complaint within a week.',
        }),
        await commentByApi(cai.send, second.key, {
          kind: 'example',
          body: 'Our council replies to residents in three days, and says so on its site.',
        }),
      )
      await commentByApi(consultation.rita, second.key, { kind: 'comment', body: 'This paragraph is clear.' })
      editor = await journey.newPage()
      await signInAs(editor, consultation.server.url, 'ada@example.org')
    })
    afterAll(async () => {
      await consultation.close()
    })

    it('answers the campaign once, themes the filtered comments, answers the theme, and the report shows it', async () => {
      await journey.goto(editor, `/g/${SLUG}/1/triage`)
      const campaign = editor.locator('.triage-campaign')
      await expect.poll(() => campaign.count()).toBe(1)
      expect(await campaign.locator('h3').innerText()).toBe('Campaign: 3 people')
      await campaign.getByLabel('Decision', { exact: true }).selectOption({ label: 'Not accepted' })
      await campaign
        .getByLabel('Response, for the reviewer and the report')
        .fill('The monitoring officer stays, for now.')
      await campaign.getByRole('button', { name: 'Save the decision for all 3 comments' }).click()
      await editor.waitForURL(/done=campaign-decided/)

      // A theme of its own.
      const themes = editor.locator('#themes')
      await themes.locator('#theme-new-name').fill('Response times')
      await themes.getByLabel('Description (optional)').fill('How quickly councils answer residents.')
      await themes.getByRole('button', { name: 'Create the theme', exact: true }).click()
      await editor.waitForURL(/done=theme-created/)
      expect(await editor.locator('.status-message, [role="status"]').first().innerText()).toContain(
        'The theme is created.',
      )

      // Only the examples, then every one of them under the theme at once.
      await editor.getByLabel('Kind', { exact: true }).selectOption('example')
      await editor.getByRole('button', { name: 'Show', exact: true }).click()
      await editor.waitForURL(/kind=example/)
      await themes.locator('#theme-tag-themeId').selectOption({ label: 'Response times' })
      await themes.getByRole('button', { name: 'Tag all 2 comments' }).click()
      // Tagging many at once is asked about first, on a page of its own; the first press changes nothing.
      await editor.getByRole('heading', { name: 'Tag all 2 comments with “Response times”?' }).waitFor()
      await editor.getByRole('button', { name: 'Tag all 2 comments' }).click()
      await editor.waitForURL(/done=theme-tagged/)
      const theme = editor.locator('.theme', { hasText: 'Response times' })
      expect(await theme.locator('h3').innerText()).toBe('Response times (2 comments)')
      expect(await theme.locator('.theme-places').innerText()).toContain(
        `On this edition: ¶ ${numbers[0] ?? ''} (1), ¶ ${numbers[1] ?? ''} (1)`,
      )
      for (const id of examples)
        expect(await editor.locator(`#c${id} .comment-themes .badge`).textContent()).toBe('Response times')

      // Its one response.
      await theme
        .getByLabel('Response to everyone “Response times” gathers')
        .fill('The guide now asks councillors to reply within five working days.')
      await theme.getByRole('button', { name: 'Save the response' }).click()
      await editor.waitForURL(/done=theme-answered/)
      // The panel from the heat strip's heading: each theme's row of bars under the strip's.
      await editor.evaluate("document.getElementById('heat-title').scrollIntoView()")
      await shot(editor, 'journey-11-themes-triage')
      await editor.setViewportSize({ width: 390, height: 900 })
      await editor.evaluate("document.getElementById('themes-title').scrollIntoView()")
      await shot(editor, 'journey-11-themes-triage-phone')

      // Published, with the next edition.
      const ada = consultation.ada
      const status = async (answer: Promise<Response>) => (await answer).status
      expect(await status(ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'closed' }))).toBe(
        200,
      )
      const source = await readFile(join(process.cwd(), 'content', 'councillors-online.md'), 'utf8')
      expect(await status(ada('POST', `/api/guides/${SLUG}/editions`, { markdown: source }))).toBe(201)
      expect(
        await status(ada('POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'published' })),
      ).toBe(200)

      const reader = await journey.newPage()
      await journey.goto(reader, `/g/${SLUG}/2/report`)
      const reported = reader.locator('.report-theme', { hasText: 'Response times' })
      expect(await reported.locator('h3').innerText()).toBe('Response times (2 comments)')
      expect(await reported.locator('.report-decision').innerText()).toBe(
        'Response: The guide now asks councillors to reply within five working days.',
      )
      expect(await reported.locator('.report-theme-places').innerText()).toBe(
        `Its comments are on ¶ ${numbers[0] ?? ''} of edition 1 (1), ¶ ${numbers[1] ?? ''} of edition 1 (1)`,
      )
      expect(await reader.locator('.report-campaign h3').innerText()).toContain('3 people sent this')
      await reported.scrollIntoViewIfNeeded()
      await shot(reader, 'journey-11-report-themes')
      expect(journey.errors).toEqual([])
    })
  },
)
