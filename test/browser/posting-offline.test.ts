import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import {
  blocksOf,
  longParagraph,
  openConsultation,
  openThread,
  RITA,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * Posting on a slow or failing network: the button says it is posting and a second press sends nothing;
 * a dropped connection is said in the reader's words, keeps what they wrote, and posting it again once
 * the network is back stores it once, even when the first try reached the server.
 */
describeInBrowser('posting a comment on a slow or failing network', () => {
  let world: Awaited<ReturnType<typeof openConsultation>>
  let target: Block

  beforeAll(async () => {
    world = await openConsultation()
    target = longParagraph(await blocksOf(world.server.url, SLUG, 1), 4)
  }, 180_000)
  afterAll(async () => {
    await world.close()
  })

  it('says it is posting, says a lost connection plainly, and stores the comment once when sent again', async () => {
    const page = await world.journey.newPage({ locale: 'en-GB' })
    await signInAs(page, world.server.url, RITA.email)
    await world.journey.goto(page, `/g/${SLUG}/1`)
    const thread = await openThread(page, target.key)
    const form = thread.locator('form').last()
    const body = 'Written on a train, between two tunnels.'
    await form.getByLabel('Comment', { exact: true }).check()
    await form.getByLabel('Your comment').fill(body)
    const post = form.getByRole('button', { name: /^Post/ })

    // The first try reaches the server, but its answer is lost on the way back.
    let reached = 0
    await page.route('**/comments', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      reached++
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      await route.fetch()
      await route.abort('internetdisconnected')
    })
    await post.click()
    await expect.poll(() => post.innerText()).toBe('Posting…')
    // Pressed again while posting (it is aria-disabled, which Playwright would wait out): nothing more is sent.
    expect(await post.getAttribute('aria-disabled')).toBe('true')
    await post.click({ force: true })
    await thread.getByText('Gloss could not be reached').waitFor()
    expect(reached).toBe(1)
    expect(await thread.getByText('Failed to fetch').count()).toBe(0)
    expect(await form.getByLabel('Your comment').inputValue()).toBe(body)
    expect(await post.innerText()).toBe('Post')

    // The network is back: posting again answers with the comment the first try stored.
    await page.unroute('**/comments')
    await post.click()
    await thread.locator('article', { hasText: body }).waitFor()
    const stored = (await (
      await fetch(`${world.server.url}/api/guides/${SLUG}/editions/1/blocks/${target.key}/comments`)
    ).json()) as { items: { body: string }[] }
    expect(stored.items.filter((c) => c.body === body)).toHaveLength(1)
    expect(await thread.locator('article', { hasText: body }).count()).toBe(1)
  }, 60_000)
})
