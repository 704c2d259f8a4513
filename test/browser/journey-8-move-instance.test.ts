import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import { PASSWORD } from '../support/session.ts'
import { consultAndPublish, type Consulted } from '../support/consultation-story.ts'
import { Journey, shot, SLUG } from '../support/journeys.ts'

/**
 * The audit log's actions, newest first, as the admin's browser session reads them from the API (the
 * page itself reads them as sentences).
 */
const auditActions = async (page: Page) => {
  const answer = await page.context().request.get(new URL('/api/audit', page.url()).href)
  expect(answer.status()).toBe(200)
  return ((await answer.json()) as { items: { action: string }[] }).items.map((item) => item.action)
}

/** What a person can see of an instance's content, page by page, to compare two instances by. */
async function whatShows(page: Page, url: string) {
  await page.goto(`${url}/g/${SLUG}/1/triage`)
  const triage = await page.locator('.triage-counts').innerText()
  const decided = await page.locator('.triage-current').allInnerTexts()
  await page.goto(`${url}/admin/people`)
  const people = await page.locator('tbody th[scope="row"]').allInnerTexts()
  await page.goto(`${url}/g/${SLUG}/redline/1/2`)
  const changes = await page.locator('.redline-entry .change-badge').allInnerTexts()
  await page.goto(`${url}/g/${SLUG}/2/report`)
  const report = await page.locator('.report-summary').innerText()
  return { triage, decided, people: people.map((p) => p.trim()).sort(), changes, report }
}

/**
 * Journey 8: an admin moves the whole instance to a new server: downloads the instance file, sets up
 * a new, empty instance, restores the file there, and finds guides, editions, lineage, comments,
 * decisions, people and the audit log as they were; a reviewer signs in there with the same password.
 */
describeInBrowser('journey 8: an admin moves the instance to a new server', () => {
  let old: GuideServer
  let fresh: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let story: Consulted
  let file = ''
  let before: Awaited<ReturnType<typeof whatShows>>
  let audit: string[] = []

  beforeAll(async () => {
    old = await startGuideServer({ state: 'open' })
    story = await consultAndPublish(old)
    fresh = await startGuideServer({ empty: true })
    browser = await launchChromium()
    journey = new Journey(browser, old)
  })
  afterAll(async () => {
    await browser?.close()
    await old.close()
    await fresh.close()
  })

  it('downloads the instance file from the old server’s admin pages', async () => {
    const admin = await journey.newPage()
    await signInAs(admin, old.url, 'ada@example.org')
    await admin.getByRole('link', { name: 'Account' }).first().click()
    await admin.getByRole('link', { name: 'people' }).click()
    await admin
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Instance' })
      .click()
    await admin.waitForURL('**/admin/instance')
    await admin.goto(`${old.url}/admin/audit`)
    audit = await auditActions(admin)
    await admin.goBack()
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('link', { name: 'Download the instance file' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.jsonl\.gz$/)
    file = join(old.folder, download.suggestedFilename())
    await download.saveAs(file)
    const bytes = await readFile(file)
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b])
    await admin.goto(`${old.url}/admin/audit`)
    expect(await auditActions(admin)).toContain('instance.exported')
    before = await whatShows(admin, old.url)
    expect(before.people).toEqual(['Ada Editor (you)', 'Bea Reviewer', 'Rita Reviewer'])
    expect(journey.errors).toEqual([])
  })

  it('sets up the new, empty instance and restores the file through its admin page', async () => {
    const admin = await journey.newPage()
    await admin.goto(fresh.url)
    expect(await admin.locator('main').innerText()).toContain('No guide has been published yet.')
    await admin.getByRole('link', { name: 'Set up Gloss' }).click()
    await admin.getByLabel('Your name').fill('Olu Operator')
    await admin.getByLabel('Email address').fill('olu@example.org')
    await admin.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await admin.getByRole('button', { name: 'Create the admin account' }).click()
    await admin.waitForURL('**/guides/new?done=setup')
    await admin.goto(`${fresh.url}/admin/instance`)
    await admin.getByLabel('Instance file').setInputFiles(file)
    await admin.getByLabel(/^Replace 0 guides and my account/).check()
    await shot(admin, 'journey-8-restore-form')
    await admin.getByRole('button', { name: 'Restore the file' }).click()
    await admin.getByRole('heading', { name: 'The instance is restored' }).waitFor()
    expect(await admin.locator('main').innerText()).toMatch(
      /rows from the file exported .* are in place, and you are signed out/,
    )
    // The account made for the move is gone with what it replaced; the old admin's works.
    await admin.getByRole('link', { name: 'Sign in' }).click()
    await admin.getByLabel(/email/i).fill('olu@example.org')
    await admin.getByLabel(/password/i).fill(PASSWORD)
    await admin.getByRole('button', { name: /sign in/i }).click()
    await admin.getByRole('alert').waitFor()
    await signInAs(admin, fresh.url, 'ada@example.org')
    const after = await whatShows(admin, fresh.url)
    expect(after).toEqual(before)
    await admin.goto(`${fresh.url}/admin/audit`)
    // The old log comes along whole, in order, after what happened here since (newest first).
    const actions = await auditActions(admin)
    expect(audit).toEqual(
      expect.arrayContaining(['comment.decided', 'edition.transition', 'edition.created']),
    )
    expect(actions.join(' ')).toContain(audit.join(' '))
    expect(actions).toContain('instance.restored')
    await shot(admin, 'journey-8-audit-after-move')
    expect(journey.errors).toEqual([])
  })

  it('lets a reviewer sign in on the new server with the same password and find everything', async () => {
    const reviewer = await journey.newPage()
    const counted: number[] = []
    for (const url of [old.url, fresh.url]) {
      await signInAs(reviewer, url, 'rita@example.org')
      await reviewer.goto(`${url}/me/comments`)
      counted.push(await reviewer.locator('article.my-comment').count())
      const edited = reviewer.locator('article.my-comment', { hasText: 'Say it covers personal accounts.' })
      expect(await edited.locator('.my-response').innerText()).toBe('We now say it covers personal accounts.')
      expect(await edited.locator('ins').allInnerTexts()).toContainEqual(
        expect.stringContaining('personal accounts too'),
      )
    }
    expect(counted).toEqual([3, 3])
    await shot(reviewer, 'journey-8-my-comments-after-move')
    // The permalink of a paragraph resolves on the new host exactly as on the old one.
    await reviewer.goto(`${fresh.url}/g/${SLUG}/p/${story.edited.key}`)
    expect(new URL(reviewer.url()).pathname).toBe(`/g/${SLUG}/2`)
    expect(await reviewer.locator(`[id="${story.edited.key}"]`).innerText()).toContain(
      'personal accounts too',
    )
    expect(journey.errors).toEqual([])
  })
})
