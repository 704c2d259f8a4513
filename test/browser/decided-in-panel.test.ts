import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { startGuideServer, type GuideServer } from '../support/browser-server.ts'
import {
  BEA,
  blocksOf,
  commentByApi,
  commentsButton,
  consultSample,
  Journey,
  longParagraph,
  openThread,
  SLUG,
  type Block,
} from '../support/journeys.ts'

const DECIDED = 'Cut the line about the bins.'
const DRAFTED = 'Say which day the bins go out.'

/**
 * Decisions in the thread panel, as the no-script thread page shows them (comment-card.tsx): an
 * editor reads a draft decision marked as a draft, not yet released; the author of a comment whose
 * decision is released is offered Withdraw but no Edit, since its words now stay as they are.
 */
describeInBrowser('decisions in the thread panel', () => {
  let server: GuideServer
  let browser: Browser | undefined
  let journey: Journey
  let target: Block

  beforeAll(async () => {
    server = await startGuideServer({ state: 'open' })
    const fixture = await consultSample(server, {
      bea: BEA,
      eve: { email: 'eve@example.org', name: 'Eve Editor', role: 'editor' },
    })
    const bea = fixture.people.bea.send
    const eve = fixture.people.eve.send
    target = longParagraph(await blocksOf(server.url, SLUG, 1), 1)
    const decided = await commentByApi(bea, target.key, { kind: 'comment', body: DECIDED })
    const drafted = await commentByApi(bea, target.key, { kind: 'comment', body: DRAFTED })
    const decide = async (id: string, body: object) =>
      expect((await eve('PUT', `/api/comments/${id}/decision`, body)).status).toBe(200)
    await decide(decided, { decision: 'accepted', response: 'We will cut the bins line.', draft: false })
    await decide(drafted, { decision: 'not-accepted', response: 'Monday is said above.', draft: true })
    browser = await launchChromium()
    journey = new Journey(browser, server)
  })
  afterAll(async () => {
    await browser?.close()
    await server.close()
  })

  /** The guide open as `email` reads it, the target's thread open in the panel. */
  const threadAs = async (email: string) => {
    const page: Page = await journey.newPage()
    await signInAs(page, server.url, email)
    await journey.goto(page, `/g/${SLUG}`)
    await expect.poll(() => commentsButton(page, target.key).innerText()).toBe('2 comments')
    return openThread(page, target.key)
  }

  it("marks an editor's draft decision as a draft, not yet released, as the no-script page does", async () => {
    const thread = await threadAs('eve@example.org')
    const drafted = thread.locator('article', { hasText: DRAFTED })
    await drafted.getByText('Draft decision, not yet released: Not accepted.').waitFor()
    // A released decision reads as the editors' decision, with no draft mark.
    const decided = thread.locator('article', { hasText: DECIDED })
    await decided.getByText("Editors' decision: Accepted.").waitFor()
    expect(await decided.getByText('Draft decision', { exact: false }).count()).toBe(0)
    expect(journey.errors).toEqual([])
  })

  it('offers the author Withdraw but no Edit on a comment whose decision is released, and both on one still undecided in public', async () => {
    const thread = await threadAs(BEA.email)
    const decided = thread.locator('article', { hasText: DECIDED })
    await decided.getByRole('button', { name: 'Withdraw' }).waitFor()
    expect(await decided.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0)
    // Its author is not shown the draft: to them it is undecided, and its words still theirs to change.
    const drafted = thread.locator('article', { hasText: DRAFTED })
    await drafted.getByRole('button', { name: 'Edit', exact: true }).waitFor()
    expect(await drafted.getByText('Not accepted', { exact: false }).count()).toBe(0)
    expect(journey.errors).toEqual([])
  })
})
