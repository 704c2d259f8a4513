import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import { axeViolations } from '../support/axe.ts'
import {
  ADA,
  blocksOf,
  commentByApi,
  longParagraph,
  openConsultation,
  openThread,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

/**
 * A reviewer responds for an organisation and keeps a comment for the editors; the public reads the
 * consented record under pseudonyms; the editor sees everything, names and all.
 */
describeInBrowser('privacy: consent, organisations and pseudonyms in Chromium', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let target: Block

  beforeAll(async () => {
    consultation = await openConsultation()
    const settings = await consultation.ada('PATCH', `/api/guides/${SLUG}/settings`, { names: 'pseudonym' })
    expect(settings.status).toBe(200)
    target = longParagraph(await blocksOf(consultation.server.url, SLUG, 1), 2)
    await commentByApi(consultation.bea, target.key, { kind: 'comment', body: 'Out in the open, from Bea.' })
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('keeps a comment for the editors, names its organisation, and shows the public pseudonyms only', async () => {
    const { journey, server } = consultation
    const rita = await journey.newPage()
    await signInAs(rita, server.url, 'rita@example.org')
    await journey.goto(rita, `/g/${SLUG}`)
    const thread = await openThread(rita, target.key)
    const form = thread.locator('form').last()
    await form.getByLabel('Comment', { exact: true }).check()
    await form.getByLabel('Your comment').fill('Between us: the depot floods every winter.')
    await form.getByLabel(/Only for the editors/).check()
    await form.getByLabel(/On behalf of an organisation/).fill('Harrowby Residents')
    // The composer says where to read how words and names are used.
    expect(
      await form.getByRole('link', { name: /How your words and name are used/ }).getAttribute('href'),
    ).toBe(`/g/${SLUG}/privacy`)
    await shot(rita, 'privacy-composer')
    await form.getByRole('button', { name: 'Post', exact: true }).click()
    const mine = thread.locator('article', { hasText: 'the depot floods' })
    await mine.waitFor()
    const meta = await mine.locator('.meta').innerText()
    expect(meta).toContain('on behalf of Harrowby Residents')
    expect(meta).toContain('only for the editors')
    await mine.scrollIntoViewIfNeeded()
    await shot(rita, 'privacy-panel-posted')
    // A reply in the panel asks the same; under her own kept comment it says the reply is kept too.
    const bea = thread.locator('article', { hasText: 'Out in the open, from Bea.' })
    await bea.getByRole('button', { name: 'Reply' }).click()
    const reply = thread.locator('gloss-composer.reply-form')
    await reply.getByLabel('Your reply').fill('A quiet word about the depot, Bea.')
    await reply.getByLabel(/Only for the editors/).check()
    await reply.getByRole('button', { name: 'Post reply' }).click()
    await thread.locator('article', { hasText: 'A quiet word about the depot' }).waitFor()
    await mine.getByRole('button', { name: 'Reply' }).click()
    await thread
      .locator('gloss-composer.reply-form')
      .getByText('Your reply is only for the editors, like the comment it answers.')
      .waitFor()
    expect(await thread.locator('gloss-composer.reply-form input[name="public"]').count()).toBe(0)

    // The public, without script: Bea under her pseudonym, Rita's words nowhere.
    const visitor = await journey.newPage({ javaScriptEnabled: false })
    await journey.goto(visitor, `/g/${SLUG}/1/b/${target.key}`)
    const open = visitor.locator('article', { hasText: 'Out in the open, from Bea.' })
    await open.waitFor()
    expect(await open.locator('.comment-author').innerText()).toMatch(/^Reviewer \d+$/)
    expect(await visitor.content()).not.toContain('depot floods')
    expect(await visitor.content()).not.toContain('A quiet word about the depot')
    expect(await visitor.content()).not.toContain('Bea Reviewer')
    await shot(visitor, 'privacy-public-thread', true)

    // The editor sees it all: the name, the pseudonym, the organisation and that it is kept back.
    const ada = await journey.newPage({ javaScriptEnabled: false })
    await signInAs(ada, server.url, ADA.email)
    await journey.goto(ada, `/g/${SLUG}/1/b/${target.key}`)
    const kept = ada.locator('article', { hasText: 'the depot floods' })
    await kept.waitFor()
    const author = await kept.locator('.comment-author').innerText()
    expect(author).toContain('Rita Reviewer')
    expect(author).toMatch(/Reviewer \d+ to the public/)
    expect(author).toContain('on behalf of Harrowby Residents')
    expect(await kept.locator('.badge-private').textContent()).toBe('only for the editors')
    await shot(ada, 'privacy-editor-thread', true)
    expect(journey.errors).toEqual([])
  })

  it('leads the public from any page of the guide to its privacy notice, which passes axe at desktop and phone width', async () => {
    const { journey } = consultation
    const visitor = await journey.newPage({ javaScriptEnabled: false })
    await journey.goto(visitor, `/g/${SLUG}/1/b/${target.key}`)
    await visitor
      .locator('footer')
      .getByRole('link', { name: /Privacy notice/ })
      .click()
    await visitor.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor()
    expect(await visitor.locator('main').innerText()).toContain('numbered pseudonym')
    expect(
      await visitor
        .locator('footer')
        .getByRole('link', { name: /Moderation log/ })
        .count(),
    ).toBe(1)
    // axe runs as script in the page: the notice again, in a browser with script.
    const reader = await journey.newPage()
    await journey.goto(reader, `/g/${SLUG}/privacy`)
    for (const [name, size] of [
      ['desktop', { width: 1366, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await reader.setViewportSize(size)
      expect(await axeViolations(reader)).toEqual([])
      expect(await reader.evaluate<number>('document.scrollingElement.scrollWidth')).toBeLessThanOrEqual(
        size.width,
      )
      await shot(reader, `privacy-notice-${name}`, true)
    }
    expect(journey.errors).toEqual([])
  })
})
