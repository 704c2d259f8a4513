import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, signInAs } from '../support/browser.ts'
import type { GuideServer } from '../support/browser-server.ts'
import {
  blocksOf,
  commentByApi,
  Journey,
  longParagraph,
  openConsultation,
  shot,
  SLUG,
  type Block,
} from '../support/journeys.ts'

const RUDE = 'Whoever wrote this paragraph is an idiot.'
const WHY = 'A personal attack on the people who wrote the guide'

/**
 * Flags reach editors (#16 item 4): a reviewer flags a comment on its thread; the editor, in a browser
 * of their own and without JavaScript, finds the moderation queue in the guide's editing pages, sees
 * who flagged it and why, and hides it with a reason, after which nobody else sees it.
 */
describeInBrowser('the moderation queue: a flag reaches the editor, who hides the comment', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let server: GuideServer
  let journey: Journey
  let target: Block
  let rudeId = ''

  beforeAll(async () => {
    consultation = await openConsultation()
    ;({ server, journey } = consultation)
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 4)
    rudeId = await commentByApi(consultation.bea, target.key, { kind: 'comment', body: RUDE })
  })
  afterAll(async () => {
    await consultation.close()
  })

  it('a reviewer’s flag shows on the editor’s queue with who and why, and the editor hides the comment', async () => {
    const thread = `/g/${SLUG}/1/b/${target.key}`
    const reviewer = await journey.newPage()
    await signInAs(reviewer, server.url, 'rita@example.org')
    await journey.goto(reviewer, thread)
    const comment = reviewer.locator(`article#c${rudeId}`)
    await comment.getByText('Flag', { exact: false }).first().click()
    await comment.getByLabel('What is wrong with this comment?').fill(WHY)
    await comment.getByRole('button', { name: 'Send to the editors' }).click()
    await reviewer.getByText('Thank you. The editors will look at this comment.').waitFor()
    // The reviewer is thanked, and shown nothing of the flags themselves.
    expect(await reviewer.getByText('Flagged by').count()).toBe(0)

    // The editor, in another browser without script, finds the queue beside the guide's other editing pages.
    const editor = await journey.newPage({ javaScriptEnabled: false })
    await signInAs(editor, server.url, 'ada@example.org')
    await journey.goto(editor, `/g/${SLUG}/manage`)
    await editor
      .getByRole('navigation', { name: 'Editing this guide' })
      .getByRole('link', { name: 'Moderation' })
      .click()
    await editor.waitForURL(`**/g/${SLUG}/moderation`)
    const flagged = editor.locator('section', { has: editor.getByRole('heading', { name: /^Flagged/ }) })
    const card = flagged.locator(`article#c${rudeId}`)
    expect(await card.innerText()).toContain(RUDE)
    expect(await card.locator('.comment-flags').innerText()).toMatch(
      new RegExp(`Flagged by 1 person[\\s\\S]*Rita Reviewer, .*: ${WHY}`),
    )
    await shot(editor, 'moderation-queue-flagged')

    await card.locator('summary', { hasText: 'Hide' }).click()
    await card.getByLabel('Reason', { exact: true }).selectOption('abusive')
    await card.getByLabel('Why it is hidden').fill('A personal attack.')
    await card.getByRole('button', { name: 'Hide comment' }).click()
    await editor.getByText('The comment is hidden. Its author sees your reason.').waitFor()
    expect(await flagged.innerText()).toContain('Nothing is flagged.')
    const hidden = editor.locator('section', { has: editor.getByRole('heading', { name: /^Hidden/ }) })
    expect(await hidden.locator(`article#c${rudeId}`).innerText()).toContain('A personal attack.')

    // Nobody but its author and the editors sees it any more.
    await reviewer.reload()
    await reviewer.getByRole('heading', { name: /^Comments on paragraph/ }).waitFor()
    expect(await reviewer.getByText(RUDE).count()).toBe(0)
    const visitor = await journey.newPage()
    await journey.goto(visitor, thread)
    await visitor.getByText('No comments yet.').waitFor()
    expect(await visitor.getByText(RUDE).count()).toBe(0)
    expect(journey.errors).toEqual([])
  })
})
