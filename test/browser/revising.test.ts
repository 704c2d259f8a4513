import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { ROOT, startGlossServer, type ServerProcess } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'

const SHOTS = join(ROOT, 'artifacts', 'screenshots')
const SLUG = 'councillors-online'

/**
 * Journeys 4 to 6 in Chromium: an editor decides on a reviewer's comment, revises the sample guide
 * block by block, previews the lineage, creates edition 2 and publishes it; the reviewer then sees
 * what happened to the comment, with the decision and the redline.
 */
describeInBrowser('revising the sample guide into a published second edition, in Chromium', () => {
  let folder: string
  let server: ServerProcess
  let browser: Browser
  let target = { key: '', text: '' }
  let commentId = ''

  /** A signed-in API client for the setup a browser test need not click through. */
  const signedIn = async (email: string) => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    })
    expect(response.status).toBe(200)
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    return (method: string, path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-revise-'))
    await mkdir(join(folder, 'content'))
    await mkdir(SHOTS, { recursive: true })
    const guide = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
    await writeFile(
      join(folder, 'content', 'guide.md'),
      guide.replace('lang: en-GB', 'lang: en-GB\nstate: open'),
    )
    server = await startGlossServer({
      DATA_DIR: join(folder, 'data'),
      CONTENT_DIR: join(folder, 'content'),
      DATABASE_URL: undefined,
    })
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@example.org', password: PASSWORD, displayName: 'Ada Editor' }),
    })
    expect(setup.status).toBe(201)
    const ada = await signedIn('ada@example.org')
    const { token } = (await (
      await ada('POST', `/api/guides/${SLUG}/invitations`, { role: 'reviewer' })
    ).json()) as { token: string }
    const joined = await fetch(`${server.url}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'rita@example.org', password: PASSWORD, displayName: 'Rita Reviewer' }),
    })
    expect(joined.status).toBe(200)
    const edition = (await (await ada('GET', `/api/guides/${SLUG}/editions/1`)).json()) as {
      blocks: { key: string; kind: string; text: string }[]
    }
    const paragraph = edition.blocks.find((b) => b.kind === 'paragraph' && b.text.split(' ').length > 20)
    target = { key: paragraph?.key ?? '', text: paragraph?.text ?? '' }
    const rita = await signedIn('rita@example.org')
    const posted = await rita('POST', `/api/guides/${SLUG}/editions/1/blocks/${target.key}/comments`, {
      kind: 'comment',
      body: 'Say plainly that this applies to personal accounts too.',
    })
    expect(posted.status).toBe(201)
    commentId = ((await posted.json()) as { id: string }).id
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser.close()
    await server.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('lets an editor decide, revise, preview, create and publish, and the reviewer see the outcome', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await signInAs(page, server.url, 'ada@example.org')

    // Close the consultation from the editions page.
    await page.goto(`${server.url}/g/${SLUG}/manage`)
    await page.getByRole('button', { name: /close the consultation now/i }).click()
    await page
      .getByText(/closed/i)
      .first()
      .waitFor()

    // Triage: decide on Rita's comment with a response.
    await page.goto(`${server.url}/g/${SLUG}/1/triage`)
    const decide = page.locator(`form.triage-decide:has(input[name="commentId"][value="${commentId}"])`)
    await decide.getByLabel('Decision', { exact: true }).selectOption('accepted')
    await decide.getByLabel(/response/i).fill('We now say it covers personal accounts.')
    await decide.getByRole('button', { name: 'Save decision' }).click()
    await page.getByText('We now say it covers personal accounts.').first().waitFor()
    await page.screenshot({ path: join(SHOTS, 'triage-desktop.png'), fullPage: false })

    // Revise: edit the commented paragraph in the working draft.
    await page.goto(`${server.url}/g/${SLUG}/revise`)
    const words = target.text.split(' ')
    const block = page.locator('li.draft-block', { hasText: words.slice(0, 8).join(' ') }).first()
    await block.locator('summary', { hasText: 'Edit' }).click()
    const editor = block.locator('textarea[name="markdown"]').first()
    const markdown = await editor.inputValue()
    await editor.fill(`${markdown.trimEnd()} This applies to personal accounts too.`)
    await block.getByRole('button', { name: 'Save', exact: true }).click()
    await page.waitForLoadState('load')

    // Preview: the paragraph is edited and Rita's comment lands on it.
    await page.goto(`${server.url}/g/${SLUG}/revise/preview`)
    const edited = page
      .locator('.lineage-block', { hasText: 'This applies to personal accounts too.' })
      .first()
    await edited.waitFor()
    expect(await edited.innerText()).toMatch(/edited/i)
    expect(await edited.locator('ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('personal accounts'),
    )
    expect(await edited.innerText()).toContain('Say plainly that this applies')
    await page.screenshot({ path: join(SHOTS, 'lineage-preview-desktop.png') })
    await page.getByRole('button', { name: 'Create edition 2' }).first().click()
    await page.waitForURL(`**/g/${SLUG}/manage**`)

    // Publish edition 2 straight from draft.
    await page.getByRole('button', { name: /publish without consultation/i }).click()
    await page.waitForLoadState('load')
    const published = await fetch(`${server.url}/api/guides/${SLUG}`)
    const guide = (await published.json()) as { editions: { number: number; state: string }[] }
    expect(guide.editions.map((e) => [e.number, e.state])).toEqual([
      [1, 'closed'],
      [2, 'published'],
    ])
    // The permalink of the paragraph follows it to edition 2.
    const permalink = await fetch(`${server.url}/g/${SLUG}/p/${target.key}`, { redirect: 'manual' })
    expect(permalink.headers.get('location')).toBe(`/g/${SLUG}/2#${target.key}`)

    // Rita sees what happened to her comment: the decision, the response and the redline.
    const reviewer = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage()
    reviewer.on('pageerror', (error) => errors.push(error.message))
    await signInAs(reviewer, server.url, 'rita@example.org')
    await reviewer.goto(`${server.url}/me/comments`)
    const mine = reviewer.locator('main')
    await mine.getByText('Accepted').first().waitFor()
    expect(await mine.innerText()).toContain('We now say it covers personal accounts.')
    expect(await reviewer.locator('ins').allInnerTexts()).toContainEqual(
      expect.stringContaining('personal accounts'),
    )
    await reviewer.screenshot({ path: join(SHOTS, 'my-comments-phone.png'), fullPage: true })

    // The public report of edition 2, linked from the edition, lists the comment with its decision.
    const report = await (await browser.newContext()).newPage()
    await report.goto(`${server.url}/g/${SLUG}/2`)
    await report.getByRole('link', { name: 'You said, we did' }).click()
    await report.waitForURL(`**/g/${SLUG}/2/report`)
    expect(await report.locator('main').innerText()).toContain('Say plainly that this applies')
    expect(await report.locator('svg').count()).toBeGreaterThan(0)
    await report.screenshot({ path: join(SHOTS, 'report-desktop.png') })
    expect(errors).toEqual([])
  })
})
