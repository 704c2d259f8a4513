import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { consultationAt } from '../support/consultation.ts'
import {
  acceptInvitation,
  ADA,
  commentsButton,
  computedStyle,
  Journey,
  makeInvitationLink,
  shot,
} from '../support/journeys.ts'

const PERMITS = `---
title: Residents' Parking Permits
summary: Who can have a permit, and how to apply.
---

# Residents' Parking Permits

## Who can apply

Anyone whose main home is in a permit zone can apply for one permit per vehicle.

Businesses in a zone may apply for up to two permits.

## How to apply

- Apply online with proof of address.
- Pay the yearly fee.
`

const BUS_LANES = `# Bus Lanes

Bus lanes keep buses on time.

They are enforced by camera from seven in the morning until seven at night.
`

const ALLOTMENTS = `---
title: Allotments
slug: allotments
---

# Allotments

Every resident may ask for a plot.
`

/**
 * Journey 1: an editor imports guides by upload and by paste, sees how each splits into numbered
 * blocks, creates them, sets the consultation window, and makes invitation links; a guide imported
 * with \`gloss import\` on the server shows in the browser too.
 */
describeInBrowser('journey 1: an editor imports a guide and prepares its consultation', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let editor: Page

  beforeAll(async () => {
    server = await startGuideServer({ empty: true })
    // No guide yet: importing one is the journey.
    await consultationAt(server.url, { admin: ADA, guides: [] })
    browser = await launchChromium()
    journey = new Journey(browser, server)
    editor = await journey.newPage()
    await signInAs(editor, server.url, 'ada@example.org')
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  it('uploads a file, previews the split and imports it as a draft', async () => {
    await journey.goto(editor, '/')
    await editor.getByRole('link', { name: 'Import a guide' }).click()
    const file = join(server.folder, 'parking-permits.md')
    await writeFile(file, PERMITS)
    await editor.getByLabel('Upload a Markdown file').setInputFiles(file)
    await editor.getByRole('button', { name: 'Preview the split' }).click()
    await editor.getByRole('heading', { name: "“Residents' Parking Permits” splits into 7 blocks" }).waitFor()
    const split = editor.locator('ol.split-preview li')
    expect(await split.count()).toBe(7)
    expect(await split.locator('.draft-number').allInnerTexts()).toEqual([
      '0',
      '1',
      '1.1',
      '1.2',
      '2',
      '2.1',
      '2.2',
    ])
    expect(await split.nth(2).innerText()).toContain('Paragraph')
    expect(await split.nth(5).innerText()).toContain('List item')
    await shot(editor, 'journey-1-split-preview')

    await editor.getByRole('button', { name: 'Import as a draft' }).click()
    await editor.waitForURL('**/g/residents-parking-permits/manage?done=imported')
    await editor.getByText('The guide is imported as edition 1, a draft').waitFor()
    expect(await editor.locator('#edition-1 .badge').innerText()).toMatch(/draft/i)
    // The draft reads as it will for reviewers, to its editors only.
    await editor.getByRole('link', { name: 'Read edition 1' }).click()
    expect(await editor.locator('[data-block]').count()).toBe(7)
    const stranger = await journey.newPage()
    expect((await journey.goto(stranger, '/g/residents-parking-permits'))?.status()).toBe(404)
    await stranger.context().close()
    expect(journey.errors).toEqual([])
  })

  it('sets the consultation window, refusing one that closes before it opens', async () => {
    await journey.goto(editor, '/g/residents-parking-permits/manage')
    const card = editor.locator('#edition-1')
    await card.getByLabel('Comments open at (optional)').fill('2031-02-01T09:00')
    await card.getByLabel('Comments close at (optional)').fill('2031-01-31T17:00')
    await card.getByRole('button', { name: /Open for consultation/ }).click()
    const summary = editor.getByRole('alert')
    await summary.waitFor()
    expect(await summary.innerText()).toContain('A consultation closes after it opens.')
    // What was typed is kept, and the summary leads to the field to correct.
    expect(await card.getByLabel('Comments open at (optional)').inputValue()).toBe('2031-02-01T09:00')
    await summary.getByRole('link').first().click()
    expect(await editor.evaluate('document.activeElement?.id')).toBe('e1-closesAt')

    // Open now, closing at the end of a fixed date: reviewers can comment until then.
    await card.getByLabel('Comments open at (optional)').fill('')
    await card.getByLabel('Comments close at (optional)').fill('2099-03-31T17:00')
    await card.getByRole('button', { name: /Open for consultation/ }).click()
    await editor.getByText('Edition 1 is open for consultation.').waitFor()
    expect(await card.locator('.edition-facts').innerText()).toMatch(
      /(GMT|BST) to 31 March 2099 at 17:00 BST/,
    )
    expect(await card.locator('.badge').innerText()).toMatch(/open/i)
    await shot(editor, 'journey-1-window-set')
    await card.getByRole('link', { name: 'Read edition 1' }).click()
    expect(await editor.locator('.guide-meta').innerText()).toMatch(/comments close/)
    expect(journey.errors).toEqual([])
  })

  it('makes an invitation link that a reviewer joins by', async () => {
    await journey.goto(editor, '/g/residents-parking-permits/manage')
    await editor.getByRole('link', { name: 'Invitations' }).click()
    const link = await makeInvitationLink(editor, 'Reviewer')
    expect(link).toMatch(new RegExp(`^${server.url}/invitations/\\S+$`))
    await editor.getByRole('cell', { name: 'Open' }).waitFor()
    await shot(editor, 'journey-1-invitation-link')

    const reviewer = await journey.newPage()
    await reviewer.goto(link)
    expect(await reviewer.getByRole('heading', { level: 1 }).innerText()).toBe(
      "Join “Residents' Parking Permits”",
    )
    await acceptInvitation(reviewer, link, { name: 'Rita Reviewer', email: 'rita@example.org' })
    expect(new URL(reviewer.url()).pathname).toBe('/g/residents-parking-permits')
    const first = (await reviewer.locator('gloss-block:has(> p)').first().getAttribute('id')) ?? ''
    await expect.poll(() => commentsButton(reviewer, first).innerText()).toBe('Comment')
    await journey.goto(editor, '/g/residents-parking-permits/invitations')
    expect(await editor.locator('tbody tr').first().innerText()).toMatch(/1 of 50/)
    // On a phone each invitation is a card, every fact named and within the screen (no column out of
    // sight past the edge of a scrolling table).
    await editor.setViewportSize({ width: 390, height: 844 })
    const row = editor.locator('tbody tr').first()
    const labels = await Promise.all(
      (await row.locator('td[data-label]').all()).map((cell) => computedStyle(cell, 'content', '::before')),
    )
    expect(labels).toEqual(['"For: "', '"State: "', '"Used: "', '"Expires: "', '"Made by: "'])
    expect(await row.innerText()).toMatch(/Open[\s\S]*1 of 50/)
    for (const cell of await row.locator('th, td').all()) {
      const box = await cell.boundingBox()
      expect(box && box.x + box.width, await cell.innerText()).toBeLessThanOrEqual(390)
    }
    await shot(editor, 'journey-1-invitations-phone')
    await editor.setViewportSize({ width: 1280, height: 900 })
    await reviewer.context().close()
    expect(journey.errors).toEqual([])
  })

  it('pastes a guide under an address of its own and schedules its consultation', async () => {
    await journey.goto(editor, '/guides/new')
    await editor.getByLabel('Or paste it').fill(BUS_LANES)
    await editor.getByRole('button', { name: 'Preview the split' }).click()
    await editor.getByRole('heading', { name: '“Bus Lanes” splits into 3 blocks' }).waitFor()
    await editor.getByLabel('Address (optional)').fill('bus-lanes-2026')
    await editor.getByRole('button', { name: 'Import as a draft' }).click()
    await editor.waitForURL('**/g/bus-lanes-2026/manage?done=imported')
    const card = editor.locator('#edition-1')
    await card.getByLabel('Comments open at (optional)').fill('2098-09-01T09:00')
    await card.getByLabel('Comments close at (optional)').fill('2098-10-31T17:00')
    await card.getByRole('button', { name: /Open for consultation/ }).click()
    await editor.getByText('Edition 1 is open for consultation.').waitFor()
    expect(await card.locator('.edition-facts').innerText()).toContain(
      '1 September 2098 at 09:00 BST to 31 October 2098 at 17:00 GMT',
    )
    expect(journey.errors).toEqual([])
  })

  it('shows a guide imported with `gloss import` on the server', async () => {
    const file = join(server.folder, 'allotments.md')
    await writeFile(file, ALLOTMENTS)
    // On the embedded database the server stops while the command runs (the database is one
    // process's at a time): the editor leaves the manage page first, as an operator would, so its
    // live stream is not left knocking at a closed port.
    await editor.goto('about:blank')
    const run = await server.gloss(['import', file])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Imported "Allotments" as /g/allotments/1: 2 blocks')
    await journey.goto(editor, '/')
    const guides = editor.locator('main')
    for (const title of ["Residents' Parking Permits", 'Bus Lanes', 'Allotments'])
      await guides.getByRole('link', { name: title, exact: true }).waitFor()
    await guides.getByRole('link', { name: 'Allotments', exact: true }).click()
    await editor.getByText('Every resident may ask for a plot.').waitFor()
    await shot(editor, 'journey-1-cli-import')
    expect(journey.errors).toEqual([])
  })
})
