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
 * the network is back stores it once, even when the first try reached the server. Withdrawing it asks first.
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

  it('says it is posting, says a lost connection plainly, stores the comment once when sent again, and asks before withdrawing it', async () => {
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

    // Withdrawing asks once more: kept, then withdrawn, by keyboard, the status saying so.
    const mine = thread.locator('article', { hasText: body })
    const id = (
      (await (
        await fetch(`${world.server.url}/api/guides/${SLUG}/editions/1/blocks/${target.key}/comments`)
      ).json()) as { items: { id: string; body: string }[] }
    ).items.find((c) => c.body === body)?.id
    const state = async () =>
      ((await (await fetch(`${world.server.url}/api/comments/${id ?? ''}`)).json()) as { state: string })
        .state
    await mine.getByRole('button', { name: 'Withdraw', exact: true }).click()
    await thread.getByText('Withdraw this comment?').waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => thread.getByText('Withdraw this comment?').count()).toBe(0)
    expect(await state()).toBe('published')
    await mine.getByRole('button', { name: 'Withdraw', exact: true }).click()
    // The keyboard's focus is on "Withdraw it".
    await page.keyboard.press('Enter')
    await expect.poll(state).toBe('withdrawn')
    await expect.poll(() => thread.locator('[role="status"]').innerText()).toBe('Your comment is withdrawn.')
  }, 60_000)
})
