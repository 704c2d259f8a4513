import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser } from '../support/browser.ts'
import type { GuideServer } from '../support/browser-server.ts'
import { PASSWORD } from '../support/session.ts'
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
 * Journey 2 with JavaScript disabled: the margin's "Comments" link leads to the paragraph's thread
 * page, whose plain forms sign in, post a quoted reflection and reply, and show both.
 */
describeInBrowser('journey 2b: a reviewer comments without JavaScript', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let target: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey } = consultation)
    const { bea } = consultation
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 3)
    await commentByApi(bea, target.key, { kind: 'comment', body: 'This needs a worked example.' })
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('follows the thread link, signs in from the thread, posts, replies and sees both', async () => {
    const page = await journey.newPage({ javaScriptEnabled: false })
    await journey.goto(page, `/g/${SLUG}`)
    // Without script the margin has no counts and no buttons, but a link to every paragraph's thread.
    expect(await page.locator('gloss-block button').count()).toBe(0)
    await page.locator(`gloss-block[id="${target.key}"] a.thread-link`).click()
    await page.waitForURL(`**/g/${SLUG}/1/b/${target.key}`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      `Comments on paragraph ${target.number}`,
    )
    expect(await page.locator('.thread-paragraph').innerText()).toContain(target.text.slice(0, 50))
    await page.getByText('This needs a worked example.').waitFor()

    // Signed out, the thread says how to take part; signing in comes back to it.
    await page.getByRole('link', { name: 'Sign in to comment' }).click()
    await page.getByLabel(/email/i).fill('rita@example.org')
    await page.getByLabel(/password/i).fill(PASSWORD)
    await page.getByRole('button', { name: /sign in/i }).click()
    await page.waitForURL(`**/g/${SLUG}/1/b/${target.key}`)

    const phrase = target.text.split(' ').slice(2, 7).join(' ')
    const form = page.locator('form.comment-form')
    await form.getByLabel(/^Reflection/).check()
    await form.getByLabel('Your comment').fill('It would help to say *why* this matters.')
    await form.getByLabel(/^Words you are responding to/).fill(phrase)
    await form.getByRole('button', { name: 'Post comment' }).click()
    const mine = page.locator('article', { hasText: 'It would help to say why this matters.' })
    await mine.waitFor()
    expect(await mine.getAttribute('aria-label')).toBe('Reflection by Rita Reviewer')
    expect(await mine.locator('blockquote').innerText()).toBe(phrase)
    expect(await mine.locator('em').innerText()).toBe('why')
    // The page comes back at the comment just posted.
    expect(new URL(page.url()).hash).toBe(`#${(await mine.getAttribute('id')) ?? ''}`)

    const bea = page.locator('article', { hasText: 'This needs a worked example.' })
    await bea.getByText('Reply', { exact: false }).first().click()
    await bea.getByLabel('Your reply').fill('Harrowby would make a good one.')
    await bea.getByRole('button', { name: 'Post reply' }).click()
    const reply = page.locator('.replies article', { hasText: 'Harrowby would make a good one.' })
    await reply.waitFor()
    expect(await reply.getAttribute('aria-label')).toBe('Reply by Rita Reviewer')
    await shot(page, 'journey-2b-thread-no-js', true)

    // Reloading sends nothing twice; the reading page leads back to the same thread.
    await page.reload()
    expect(await page.locator('article', { hasText: 'Harrowby would make a good one.' }).count()).toBe(1)
    await page.getByRole('link', { name: `Back to paragraph ${target.number} in the text` }).click()
    await page.waitForURL(`**/g/${SLUG}/1#${target.key}`)
    const box = await page.locator(`[id="${target.key}"]`).boundingBox()
    expect(box?.y).toBeGreaterThanOrEqual(0)
    expect(box?.y).toBeLessThan(200)
    expect(journey.errors).toEqual([])
  })
})
