import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import {
  ADA,
  BEA,
  blocksOf,
  longParagraph,
  openConsultation,
  openThread,
  RITA,
  selectWords,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * Journey 10: a reviewer selects a phrase and suggests new words for it, two others agree (one by
 * keyboard), the editor accepts it from triage, creates the next edition, and the reviewer sees on
 * their page that their wording went in.
 */
describeInBrowser('journey 10: suggested wording, agreed and accepted', () => {
  /** The edition open for comment once the first case has opened edition 2, which closed edition 1. */
  const OPEN = 2
  let world: Awaited<ReturnType<typeof openConsultation>>
  let target: Block
  let phrase = ''

  beforeAll(async () => {
    world = await openConsultation()
    target = longParagraph(await blocksOf(world.server.url, SLUG, 1), 1)
    phrase = target.text.split(' ').slice(2, 5).join(' ')
  }, 180_000)
  afterAll(async () => {
    await world.close()
  })

  it('suggests, agrees, accepts and shows the wording in the next edition', async () => {
    const url = world.server.url
    const rita = await world.journey.newPage()
    await signInAs(rita, url, RITA.email)
    await rita.goto(`${url}/g/${SLUG}/1`)
    expect(await selectWords(rita, target.key, phrase)).toBe(true)
    const thread = await openThread(rita, target.key)
    const form = thread.locator('form').last()
    await form.getByLabel('Suggested wording', { exact: true }).check()
    const wording = form.getByLabel('Your wording for the words quoted')
    expect(await wording.inputValue()).toBe(phrase)
    await wording.fill('our plainer words')
    // The preview redlines the paragraph as it would read.
    await expect.poll(() => form.locator('gloss-redline ins').first().innerText()).toBe('our plainer words')
    await form.getByLabel('Why this wording').fill('Easier to read.')
    await form.getByRole('button', { name: 'Post', exact: true }).click()
    const suggestion = thread.locator('article', { hasText: 'Easier to read.' })
    await suggestion.waitFor()
    await suggestion.scrollIntoViewIfNeeded()
    await shot(rita, 'journey-10-suggestion')
    await rita.setViewportSize({ width: 375, height: 800 })
    await suggestion.scrollIntoViewIfNeeded()
    await shot(rita, 'journey-10-suggestion-phone')

    // Bea agrees with the mouse, Ada by keyboard; Rita sees the count rise without reloading.
    for (const [who, keyboard] of [
      [BEA, false],
      [ADA, true],
    ] as const) {
      const page = await world.journey.newPage()
      await signInAs(page, url, who.email)
      await page.goto(`${url}/g/${SLUG}/1`)
      const panel = await openThread(page, target.key)
      const agree = panel
        .locator('article', { hasText: 'Easier to read.' })
        .getByRole('button', { name: /^Agree/ })
      if (keyboard) {
        await agree.focus()
        await page.keyboard.press('Enter')
      } else await agree.click()
      await expect.poll(() => agree.getAttribute('aria-pressed')).toBe('true')
      await page.close()
    }
    await expect.poll(() => suggestion.locator('.agreements').innerText()).toBe('2 people agree')

    // Ada accepts it from triage, most agreed first, and makes the next edition from the draft.
    const ada = await world.journey.newPage()
    await signInAs(ada, url, ADA.email)
    await ada.goto(`${url}/g/${SLUG}/1/triage?sort=agreed`)
    await ada.getByRole('button', { name: 'Accept this wording into the working draft' }).first().click()
    await ada.getByText('The suggested wording is in the working draft').first().waitFor()
    await ada.goto(`${url}/g/${SLUG}/revise/preview`)
    await ada
      .getByRole('button', { name: /Create edition 2/ })
      .last()
      .click()
    await ada.waitForURL(/\/manage/)
    await world.ada('POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'open' })

    await rita.goto(`${url}/me/comments`)
    await rita.getByText('Your wording was taken into edition 2.').waitFor()
    expect(await rita.locator('.my-suggestion ins').first().innerText()).toBe('our plainer words')
  }, 300_000)

  it('starts wording for a whole paragraph from its words, without the number of a footnote call in it', async () => {
    const url = world.server.url
    // The paragraph that cites the Nolan principles in a footnote ("…known as the Nolan principles[^nolan], …").
    const cited = (await blocksOf(url, SLUG, OPEN)).find((b) => b.text.includes('Nolan principles'))
    if (!cited) throw new Error('The sample guide has no paragraph with a footnote call')
    const bea = await world.journey.newPage()
    await signInAs(bea, url, BEA.email)
    await bea.goto(`${url}/g/${SLUG}/${String(OPEN)}`)
    // The page shows the call's number after the words…
    await expect
      .poll(() => bea.locator(`gloss-block[id="${cited.key}"] [data-footnote-ref]`).first().innerText())
      .toMatch(/^\d+$/)
    const thread = await openThread(bea, cited.key)
    const form = thread.locator('form').last()
    await form.getByLabel('Suggested wording', { exact: true }).check()
    // …but the paragraph's words, which a suggestion replaces, do not hold it.
    expect(await form.getByLabel('Your wording for the paragraph').inputValue()).toBe(cited.text)
    expect(cited.text).toContain('Nolan principles, apply')
    await bea.close()
  }, 60_000)

  it('quotes words selected across a footnote call without its number, and the quote is taken', async () => {
    const url = world.server.url
    const cited = (await blocksOf(url, SLUG, OPEN)).find((b) => b.text.includes('Nolan principles, apply'))
    if (!cited) throw new Error('The sample guide has no paragraph with a footnote call')
    const bea = await world.journey.newPage()
    await signInAs(bea, url, BEA.email)
    await bea.goto(`${url}/g/${SLUG}/${String(OPEN)}`)
    await bea.locator(`gloss-block[id="${cited.key}"] [data-footnote-ref]`).first().waitFor()
    // From "Nolan" before the call to "apply" after it, as a reader's drag selects: the call's number in between.
    const selected = await bea.evaluate(`(([key]) => {
      const block = document.getElementById(key)
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
      let start, end
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!start && node.data.includes('Nolan principles')) start = [node, node.data.indexOf('Nolan principles')]
        else if (start && !end && node.data.includes(', apply')) end = [node, node.data.indexOf(', apply') + 7]
      }
      const range = document.createRange()
      range.setStart(...start)
      range.setEnd(...end)
      getSelection().removeAllRanges()
      getSelection().addRange(range)
      return getSelection().toString()
    })(${JSON.stringify([cited.key])})`)
    expect(selected).toMatch(/^Nolan principles\d+, apply$/)
    await bea.getByRole('button', { name: 'Quote', exact: true }).click()
    const thread = bea.locator('gloss-thread')
    const quoted = thread.getByLabel(/^Words you are responding to/)
    await expect.poll(() => quoted.inputValue()).toBe('Nolan principles, apply')
    const form = thread.locator('form').last()
    await form.getByLabel('Comment', { exact: true }).check()
    await form.getByLabel('Your comment').fill('Name the seven principles here.')
    await form.getByRole('button', { name: 'Post', exact: true }).click()
    const posted = thread.locator('article', { hasText: 'Name the seven principles here.' })
    await posted.waitFor()
    expect(await posted.innerText()).toContain('Nolan principles, apply')
    expect(world.journey.errors).toEqual([])
    await bea.close()
  }, 60_000)
})
