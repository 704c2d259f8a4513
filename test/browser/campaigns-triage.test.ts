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

const TEXT =
  'Please keep the monitoring officer out of routine complaints. Residents deserve a reply from their own councillor first, within two working days.'

/**
 * Part of journey 11: an editor facing a campaign sees it in triage as one item with its headcount and
 * its text, opens its members, and answers all of them with one decision, by keyboard.
 */
describeInBrowser('journey 11 (campaigns): an editor answers a campaign once', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let journey: Journey
  let editor: Page

  beforeAll(async () => {
    consultation = await openConsultation()
    journey = consultation.journey
    const blocks = await blocksOf(consultation.server.url, SLUG, 1)
    const cai = await consultation.fixture.join({ email: 'cai@example.org', name: 'Cai Reviewer' })
    await commentByApi(consultation.rita, longParagraph(blocks, 2).key, {
      kind: 'comment',
      body: `Dear editors,\n\n${TEXT}\n\nRegards,\nRita`,
    })
    await commentByApi(consultation.bea, longParagraph(blocks, 6).key, {
      kind: 'comment',
      body: TEXT.toLowerCase(),
    })
    await commentByApi(cai.send, null, { kind: 'comment', body: `${TEXT} Thanks` })
    await commentByApi(consultation.bea, longParagraph(blocks, 6).key, {
      kind: 'example',
      body: 'Fenmoor answered every complaint within a week.',
    })
    editor = await journey.newPage()
    await signInAs(editor, consultation.server.url, 'ada@example.org')
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('shows the campaign as one item, its members on demand, and decides them all at once', async () => {
    await journey.goto(editor, `/g/${SLUG}/1/triage`)
    const campaign = editor.locator('.triage-campaign')
    await expect.poll(() => campaign.count()).toBe(1)
    expect(await campaign.locator('h3').innerText()).toBe('Campaign: 3 people')
    // The counts say where the campaign's three went, so they add up to the filters' totals.
    expect(await editor.locator('.triage-counts').innerText()).toBe(
      'Showing 1 comment, in 1 place. 3 comments are in 1 campaign, answered once for all under Campaigns below and not listed again.',
    )
    await campaign.locator('summary').focus()
    await editor.keyboard.press('Enter')
    expect(await campaign.locator('details li').count()).toBe(3)
    await shot(editor, 'journey-11-campaign-triage', true)
    await campaign.getByLabel('Decision', { exact: true }).selectOption({ label: 'Not accepted' })
    await campaign
      .getByLabel('Response, for the reviewer and the report')
      .fill('The monitoring officer stays.')
    await campaign.getByRole('button', { name: 'Save the decision for all 3 comments' }).press('Enter')
    await editor.waitForURL(/done=campaign-decided/)
    expect(await editor.locator('.triage-campaign-decision').innerText()).toBe(
      'Decision for all: Not accepted',
    )
    await editor.setViewportSize({ width: 375, height: 800 })
    await editor.locator('#campaigns').scrollIntoViewIfNeeded()
    await shot(editor, 'journey-11-campaign-triage-phone')
    expect(journey.errors).toEqual([])
  })
})
