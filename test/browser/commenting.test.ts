import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { ROOT, startGlossServer, type ServerProcess } from '../support/process.ts'
import { PASSWORD } from '../support/session.ts'

const SHOTS = join(ROOT, 'artifacts', 'screenshots')

/** Journey 2 in part: a reviewer comments on a paragraph by keyboard while another reader watches it arrive. */
describeInBrowser('commenting on an open consultation in Chromium', () => {
  let folder: string
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-comment-'))
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
      body: JSON.stringify({ email: 'ada@example.org', password: PASSWORD, displayName: 'Ada Admin' }),
    })
    expect(setup.status).toBe(201)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser.close()
    await server.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('opens a thread by keyboard, posts, announces it to another reader live, and returns focus on Escape', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await signInAs(page, server.url, 'ada@example.org')
    const reader = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage()
    await reader.goto(`${server.url}/g/councillors-online`)
    await page.goto(`${server.url}/g/councillors-online`)

    const button = page.locator('gloss-block button.comments').nth(3)
    await button.waitFor()
    expect(await button.getAttribute('aria-label')).toMatch(/^0 comments on paragraph 1\.2: open$/)
    await button.focus()
    await page.keyboard.press('Enter')
    const thread = page.locator('gloss-thread')
    await thread.locator('h2').waitFor()
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('GLOSS-THREAD')
    await thread.getByLabel('Your comment').fill('Mention ward surgeries here, please.')
    await thread.getByRole('button', { name: 'Post', exact: true }).click()
    await thread.getByText('Mention ward surgeries here, please.').waitFor()
    await page.screenshot({ path: join(SHOTS, 'thread-desktop.png') })

    await page.keyboard.press('Escape')
    expect(await thread.count()).toBe(0)
    expect(await page.evaluate('document.activeElement?.shadowRoot?.activeElement?.className')).toBe(
      'comments',
    )

    const readerButton = reader.locator('gloss-block button.comments').nth(3)
    await expect
      .poll(async () => (await readerButton.textContent())?.trim(), { timeout: 5_000 })
      .toBe('1 comment')
    await readerButton.click()
    const readerThread = reader.locator('gloss-thread')
    await readerThread.getByText('Mention ward surgeries here, please.').waitFor()
    const box = await readerButton.boundingBox()
    expect(box?.height).toBeGreaterThanOrEqual(44)
    const threadBox = await readerThread.boundingBox()
    expect(threadBox?.width).toBeLessThanOrEqual(375)
    await reader.screenshot({ path: join(SHOTS, 'thread-phone.png') })

    await page.goto(`${server.url}/g/councillors-online`)
    await page.locator('gloss-block button.comments').nth(3).click()
    await page.locator('gloss-thread h2').waitFor()
    await readerThread
      .getByLabel('Your comment')
      .waitFor({ state: 'detached', timeout: 100 })
      .catch(() => undefined)
    // A second comment, posted through the API, reaches the open panel and is announced politely.
    const edition = (await (
      await fetch(`${server.url}/api/guides/councillors-online/editions/1`)
    ).json()) as { blocks: { key: string }[] }
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
    const posted = await fetch(
      `${server.url}/api/guides/councillors-online/editions/1/blocks/${edition.blocks[3]?.key ?? ''}/comments`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ kind: 'example', body: 'In Fenmoor we did this.' }),
      },
    )
    expect(posted.status).toBe(201)
    await readerThread.getByText('In Fenmoor we did this.').waitFor()
    const live = readerThread.locator('[aria-live="polite"]')
    await expect.poll(async () => live.textContent(), { timeout: 5_000 }).toBe('New example from Ada Admin.')
    expect(errors).toEqual([])
  })
})
