import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import type { Api, GuideServer } from '../support/browser-server.ts'
import { PASSWORD } from '../support/session.ts'
import {
  blocksOf,
  commentByApi,
  commentsButton,
  focused,
  Journey,
  longParagraph,
  openConsultation,
  openThread,
  shot,
  SLUG,
  tabTo,
  type Block,
} from '../support/journeys.ts'

/**
 * What a reviewer meets in the thread panel with scripts on, as the page without them does it: the
 * keyboard's focus kept after Flag and Withdraw, Follow pressed once they have written, signing in
 * coming back to the paragraph's thread, and a reply called a reply.
 */
describeInBrowser('the thread panel, as a reviewer uses it', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let bea: Api
  let rita: Api
  let blocks: Block[]

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey, bea, rita } = consultation)
    blocks = await blocksOf(server.url, SLUG, 1)
  })
  afterAll(async () => {
    await consultation.close()
  })

  const signedIn = async () => {
    const page = await journey.newPage({ viewport: { width: 390, height: 844 } })
    await signInAs(page, server.url, 'rita@example.org')
    return page
  }

  const reading = async (page: Page, key: string) => {
    await journey.goto(page, `/g/${SLUG}`)
    await commentsButton(page, key).waitFor()
    return openThread(page, key)
  }

  it('keeps the focus on the comment after Flag, and says it was sent', async () => {
    const target = longParagraph(blocks, 0)
    await commentByApi(bea, target.key, { kind: 'comment', body: 'Flag me if you must.' })
    const page = await signedIn()
    const thread = await reading(page, target.key)
    await thread.getByText('Flag me if you must.').waitFor()
    await tabTo(page, (f) => f.tag === 'summary' && f.article === 'Comment by Bea Reviewer')
    await page.keyboard.press('Enter')
    await tabTo(page, (f) => f.tag === 'input' && f.article === 'Comment by Bea Reviewer')
    await page.keyboard.type('It names a clerk.')
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Send to the editors')
    await page.keyboard.press('Enter')
    await thread.getByText('Flagged: the editors will look at it.').waitFor()
    await expect.poll(async () => (await focused(page)).className).toBe('flagged')
    expect((await focused(page)).article).toBe('Comment by Bea Reviewer')
    expect(await thread.locator('[aria-live="polite"]').innerText()).toBe(
      'Thank you: the editors will look at it.',
    )
    await shot(page, 'reviewer-panel-flagged')
  })

  it('keeps the focus on the comment after Withdraw, and says it is withdrawn', async () => {
    const target = longParagraph(blocks, 1)
    await commentByApi(rita, target.key, { kind: 'comment', body: 'I take this back later.' })
    const page = await signedIn()
    const thread = await reading(page, target.key)
    await thread.getByText('I take this back later.').waitFor()
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Withdraw')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await focused(page)).text).toBe('Withdraw it')
    await page.keyboard.press('Enter')
    await thread.getByText('Withdrawn by its author.').waitFor()
    await expect.poll(async () => (await focused(page)).className).toBe('withdrawn')
    expect((await focused(page)).article).toBe('Comment by Rita Reviewer')
    expect(await thread.locator('[aria-live="polite"]').innerText()).toBe('Your comment is withdrawn.')
    await shot(page, 'reviewer-panel-withdrawn')
  })

  it('shows Follow pressed once the reader has written in the thread', async () => {
    const target = longParagraph(blocks, 2)
    const page = await signedIn()
    const thread = await reading(page, target.key)
    const follow = thread.getByRole('button', { name: 'Follow this paragraph' })
    await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('false')
    await thread.getByLabel('Your comment').fill('Following this one now.')
    await thread.getByRole('button', { name: 'Post', exact: true }).click()
    await thread.locator('article', { hasText: 'Following this one now.' }).waitFor()
    await expect.poll(() => follow.getAttribute('aria-pressed'), { timeout: 2_000 }).toBe('true')
    await thread.getByText('You follow this paragraph.').waitFor()
    // As the server has it.
    const asked = await rita('GET', `/api/guides/${SLUG}/blocks/${target.key}/follow`)
    expect(((await asked.json()) as { following: boolean }).following).toBe(true)
    await shot(page, 'reviewer-panel-following')
  })

  it('brings a reader who signs in from a thread back to that paragraph’s thread', async () => {
    const target = longParagraph(blocks, 3)
    await commentByApi(bea, target.key, { kind: 'comment', body: 'Sign in and answer me.' })
    const page = await journey.newPage({ viewport: { width: 390, height: 844 } })
    const thread = await reading(page, target.key)
    const link = thread.getByRole('link', { name: 'Sign in to comment' })
    expect(await link.getAttribute('href')).toBe(
      `/sign-in?next=${encodeURIComponent(`/g/${SLUG}/1/b/${target.key}`)}`,
    )
    await link.click()
    await page.getByLabel(/email/i).fill('rita@example.org')
    await page.getByLabel(/password/i).fill(PASSWORD)
    await page.getByRole('button', { name: /sign in/i }).click()
    await page.waitForURL((url) => url.pathname === `/g/${SLUG}/1/b/${target.key}`)
    await page.getByText('Sign in and answer me.').waitFor()
  })

  it('says what a form is missing in the page’s language, not the browser’s', async () => {
    const target = longParagraph(blocks, 5)
    await commentByApi(bea, target.key, { kind: 'comment', body: 'Rhywbeth i’w ateb.' })
    const page = await signedIn()
    // The language switch, which keeps Welsh on Rita's account until she switches back below.
    await journey.goto(page, `/language/cy?back=/g/${SLUG}`)
    expect(await page.getAttribute('html', 'lang')).toBe('cy')
    await commentsButton(page, target.key).click()
    const thread = page.locator('gloss-thread')
    await thread.getByText('Rhywbeth i’w ateb.').waitFor()
    const box = thread.getByLabel('Eich sylw')
    const said = () =>
      box.evaluate((field) => (field as unknown as { validationMessage: string }).validationMessage)
    await thread.getByRole('button', { name: 'Cyflwyno', exact: true }).click()
    expect(await said()).toBe('Ysgrifennwch rywbeth yn gyntaf.')
    expect((await focused(page)).id).toBe('body-new')
    // Spaces alone are nothing written either, and nothing is sent.
    await box.fill('   ')
    expect(await said()).toBe('')
    await thread.getByRole('button', { name: 'Cyflwyno', exact: true }).click()
    expect(await said()).toBe('Ysgrifennwch rywbeth yn gyntaf.')
    await box.fill('Mae hyn yn glir.')
    expect(await said()).toBe('')

    // Flagging someone's comment asks what is wrong in Welsh too.
    const theirs = thread.getByRole('article', { name: /Bea Reviewer/ })
    await theirs.getByText('Rhoi gwybod').click()
    await theirs.getByRole('button', { name: 'Anfon at y golygyddion' }).click()
    const reason = theirs.getByLabel('Beth sydd o’i le arno?')
    expect(
      await reason.evaluate((field) => (field as unknown as { validationMessage: string }).validationMessage),
    ).toBe('Dywedwch beth sydd o’i le.')
    await shot(page, 'reviewer-panel-welsh-missing')
    await journey.goto(page, `/language/en?back=/g/${SLUG}`)
  })

  it('tells screen readers what a redline took out and put in, on every page that shows one', async () => {
    const target = longParagraph(blocks, 6)
    const words = target.text.split(' ')
    const [first = '', second = ''] = words
    const proposal = [second, first, ...words.slice(2)].join(' ')
    await commentByApi(rita, target.key, {
      kind: 'suggestion',
      body: 'Swap the first two words.',
      proposal,
    } as Parameters<typeof commentByApi>[2])
    const heard = (text: string) => text.replace(/\s+/g, ' ')
    const page = await signedIn()

    // In the thread panel, the suggestion's wording.
    const thread = await reading(page, target.key)
    const panel = thread.locator('gloss-redline p').first()
    await panel.waitFor()
    const inPanel = heard(await panel.ariaSnapshot())
    expect(inPanel).toContain('[removed:')
    expect(inPanel).toContain('[added:')
    await shot(page, 'reviewer-panel-redline-panel')

    // On "my comments", server-rendered, in English and in Welsh.
    await journey.goto(page, '/me/comments')
    const mine = page.locator('p.redline').first()
    const onMine = heard(await mine.ariaSnapshot())
    expect(onMine).toContain('[removed:')
    expect(onMine).toContain('[added:')
    // The words taken out and put in show as they did: struck through and underlined, nothing more.
    expect(await mine.locator('del').first().textContent()).not.toContain('[')
    await mine.scrollIntoViewIfNeeded()
    await shot(page, 'reviewer-panel-redline-mine')
    await journey.goto(page, '/language/cy?back=/me/comments')
    const welsh = heard(await page.locator('p.redline').first().ariaSnapshot())
    expect(welsh).toContain('[tynnwyd:')
    expect(welsh).toContain('[ychwanegwyd:')
    await journey.goto(page, '/language/en?back=/me/comments')
  })

  it('lets the author change who may read a suggestion and its wording in the panel, sending only what changed', async () => {
    const target = longParagraph(blocks, 7)
    const words = target.text.split(' ')
    const proposal = ['Plainly,', ...words].join(' ')
    await commentByApi(rita, target.key, {
      kind: 'suggestion',
      body: 'Say it plainly.',
      proposal,
    } as Parameters<typeof commentByApi>[2])
    const page = await signedIn()
    const thread = await reading(page, target.key)
    const mine = thread.getByRole('article', { name: 'Suggested wording by Rita Reviewer' })
    await mine.getByText('Say it plainly.').waitFor()
    await mine.getByRole('button', { name: 'Edit' }).click()
    const form = mine.locator('gloss-composer.edit-form')
    await expect.poll(async () => (await focused(page)).tag).toBe('textarea')
    expect(await form.getByRole('radio', { name: /It may be published/ }).isChecked()).toBe(true)
    const wording = form.getByLabel('Your wording for the paragraph')
    expect(await wording.inputValue()).toBe(proposal)
    await wording.fill(['Frankly,', ...words].join(' '))
    await form.getByRole('radio', { name: /Only for the editors/ }).check()
    await shot(page, 'reviewer-panel-edit-suggestion')
    const sent = page.waitForRequest((request) => request.method() === 'PATCH')
    await form.getByRole('button', { name: 'Save' }).click()
    expect((await sent).postDataJSON()).toEqual({
      proposal: ['Frankly,', ...words].join(' '),
      public: false,
    })
    await mine.locator('.badge', { hasText: 'only for the editors' }).waitFor()
    await expect.poll(async () => (await focused(page)).text).toBe('Edit')
    const stored = await rita('GET', `/api/guides/${SLUG}/editions/1/blocks/${target.key}/comments`)
    const comment = (
      (await stored.json()) as { items: { body: string; public: boolean; proposal: string }[] }
    ).items.find((c) => c.body === 'Say it plainly.')
    expect(comment).toMatchObject({ public: false, proposal: ['Frankly,', ...words].join(' ') })
  })

  it('calls a reply a reply on the thread page without scripts, as the panel does', async () => {
    const target = longParagraph(blocks, 4)
    const parent = await commentByApi(bea, target.key, { kind: 'example', body: 'An example to answer.' })
    await commentByApi(rita, target.key, { kind: 'comment', body: 'An answer to it.', parentId: parent })
    const page = await journey.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })
    await journey.goto(page, `/g/${SLUG}/1/b/${target.key}`)
    await page.getByRole('article', { name: 'Example by Bea Reviewer' }).waitFor()
    const reply = page.getByRole('article', { name: 'Reply by Rita Reviewer' })
    await reply.getByText('An answer to it.').waitFor()
    expect(await reply.locator('.kind').textContent()).toBe('Reply')

    const scripted = await journey.newPage({ viewport: { width: 390, height: 844 } })
    const thread = await reading(scripted, target.key)
    await thread
      .getByRole('article', { name: 'Reply by Rita Reviewer' })
      .getByText('An answer to it.')
      .waitFor()
    expect(journey.errors).toEqual([])
  })
})
