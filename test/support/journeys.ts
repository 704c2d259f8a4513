import { join } from 'node:path'
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { launchChromium } from './browser.ts'
import { SHOTS, startGuideServer, type Api, type GuideServer } from './browser-server.ts'
import { consultationAt, type GuideSpec, type PersonSpec } from './consultation.ts'
import { PASSWORD } from './session.ts'

/** The sample guide every journey but the first works on. */
export const SLUG = 'councillors-online'

export interface Block {
  key: string
  kind: string
  number: string
  text: string
}

/**
 * Errors a person would never see but a journey must not have: uncaught exceptions and console
 * errors (a refused script, a Content-Security-Policy violation, a failed request), gathered from every
 * page opened with `newPage`, asserted empty at the end.
 */
export class Journey {
  readonly errors: string[] = []
  constructor(
    private readonly browser: Browser,
    readonly server: GuideServer,
  ) {}

  async newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options })
    // A step that cannot happen fails in seconds, saying which, rather than at the test's timeout.
    context.setDefaultTimeout(10_000)
    const page = await context.newPage()
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      // A page served with a refusal (a form sent back with its problems, a page not found) is what
      // the person is meant to see; the browser logs its status all the same.
      const ownStatus = message.location().url === page.url() && /status of 4\d\d/.test(message.text())
      if (!ownStatus) this.errors.push(`${page.url()}: ${message.text()}`)
    })
    return page
  }

  /** Goes to a path on the server. */
  goto(page: Page, path: string) {
    return page.goto(`${this.server.url}${path}`)
  }
}

/** A screenshot at a key moment, `journey-<n>-<moment>.png` in the git-ignored artifacts folder. */
export const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage })

/** The blocks of an edition, as the public API lists them. */
export async function blocksOf(url: string, slug: string, number: number): Promise<Block[]> {
  const response = await fetch(`${url}/api/guides/${slug}/editions/${String(number)}`)
  if (response.status !== 200)
    throw new Error(`Edition ${String(number)} answered ${String(response.status)}`)
  return ((await response.json()) as { blocks: Block[] }).blocks
}

/** The first paragraph long enough to quote from, after `skip` others. */
export const longParagraph = (blocks: Block[], skip = 0) => {
  const found = blocks.filter((b) => b.kind === 'paragraph' && b.text.split(' ').length > 25)[skip]
  if (!found) throw new Error('The guide has no paragraph that long')
  return found
}

/** The journeys' admin, and the reviewers they invite. */
export const ADA = { email: 'ada@example.org', name: 'Ada Editor' }
export const BEA: PersonSpec = { email: 'bea@example.org', name: 'Bea Reviewer' }
export const RITA: PersonSpec = { email: 'rita@example.org', name: 'Rita Reviewer' }

/**
 * The consultation on the sample guide of a server started without an admin, through the one fixture
 * builder: Ada sets up as its admin, then the sample guide takes the settings given and whoever is named
 * joins it as a reviewer.
 */
export const consultSample = <P extends string = never>(
  server: GuideServer,
  people: Record<P, PersonSpec>,
  settings: Pick<GuideSpec, 'namesPublic' | 'moderation'> = {},
) =>
  consultationAt(server.url, {
    admin: ADA,
    guides: [{ slug: SLUG, existing: true, ...settings }],
    people,
  })

/**
 * The sample guide open for comments, with Ada its admin and Bea and Rita joined as reviewers, and
 * Chromium to visit it: where most journeys start.
 */
export async function openConsultation() {
  const server = await startGuideServer({ state: 'open' })
  try {
    // A new guide keeps reviewers' names from others; the journeys' consultation publishes them.
    const fixture = await consultSample(server, { bea: BEA, rita: RITA }, { namesPublic: true })
    const browser = await launchChromium()
    return {
      server,
      fixture,
      ada: fixture.admin.send,
      bea: fixture.people.bea.send,
      rita: fixture.people.rita.send,
      journey: new Journey(browser, server),
      async close() {
        await browser.close()
        await server.close()
      },
    }
  } catch (error) {
    await server.close()
    throw error
  }
}

/** A comment posted through the API; its id. */
export async function commentByApi(
  api: Api,
  block: string | null,
  body: { kind: string; body: string; parentId?: string; quote?: { exact: string } },
  slug = SLUG,
  edition = 1,
): Promise<string> {
  const base = `/api/guides/${slug}/editions/${String(edition)}`
  const posted = await api('POST', block ? `${base}/blocks/${block}/comments` : `${base}/comments`, body)
  if (posted.status !== 201)
    throw new Error(`Posting answered ${String(posted.status)}: ${await posted.text()}`)
  return ((await posted.json()) as { id: string }).id
}

/** On a guide's invitations page, an editor makes a link for a role; the link, which it shows once. */
export async function makeInvitationLink(page: Page, role: 'Reviewer' | 'Editor') {
  await page.getByLabel(new RegExp(`^${role}:`)).check()
  await page.getByRole('button', { name: 'Make the link' }).click()
  return page.getByLabel(/^Link for a/).inputValue()
}

/** Someone follows an invitation link and makes an account there, coming back on the guide. */
export async function acceptInvitation(page: Page, link: string, person: { name: string; email: string }) {
  await page.goto(link)
  await page.getByLabel('Your name').fill(person.name)
  await page.getByLabel('Email address').fill(person.email)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByRole('button', { name: 'Accept and join' }).click()
  await page.waitForURL(/\/g\/[^/]+$/)
}

/** The comments button in a block's margin (inside its shadow root, which locators pierce). */
export const commentsButton = (page: Page, key: string) =>
  page.locator(`gloss-block[id="${key}"] button.comments`)

/** Opens a block's thread with its button; the panel once it has loaded. */
export async function openThread(page: Page, key: string): Promise<Locator> {
  await commentsButton(page, key).click()
  const thread = page.locator('gloss-thread')
  await thread.locator('h2').waitFor()
  await thread
    .getByText(/No comments yet|Kind|Sign in to comment/)
    .first()
    .waitFor()
  return thread
}

/** Posts in the open panel: the kind chosen, the words typed, and waits to see them in the thread. */
export async function postInPanel(thread: Locator, kind: 'Comment' | 'Reflection' | 'Example', body: string) {
  const form = thread.locator('form').last()
  await form.getByLabel(kind, { exact: true }).check()
  await form.getByLabel('Your comment').fill(body)
  await form.getByRole('button', { name: 'Post', exact: true }).click()
  await thread.locator('article', { hasText: body }).waitFor()
}

/** Replies in the open panel to the comment holding `to`. */
export async function replyInPanel(thread: Locator, to: string, body: string) {
  const comment = thread.locator('article', { hasText: to }).first()
  await comment.getByRole('button', { name: 'Reply' }).click()
  await comment.getByLabel('Your reply').fill(body)
  await comment.getByRole('button', { name: 'Post reply' }).click()
  await thread.locator('.replies article', { hasText: body }).waitFor()
}

/** Where the keyboard focus is, as a person would describe it. */
export interface Focus {
  tag: string
  id: string
  /** The element whose shadow root holds it: a gloss-block's id, or a tag name. */
  host: string
  /** The comment it belongs to, by its label ("Comment by …"), looking out through shadow roots. */
  article: string
  /** Its outline style: "none" when focus would not show. */
  outline: string
  className: string
  label: string
  text: string
}

/*
 * The scripts below run in the page. They are text because the test project compiles without the
 * DOM's types, which would otherwise let server code use `document` unnoticed.
 */

/** What has the keyboard focus, looking inside shadow roots. */
export const focused = (page: Page): Promise<Focus> =>
  page.evaluate(`(() => {
    let element = document.activeElement
    while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement
    const root = element ? element.getRootNode() : null
    // The comment's article may hold the element in a shadow root of its own (a form inside it).
    let article = null
    for (let node = element; node && !article; node = node.getRootNode().host) article = node.closest('article')
    return {
      tag: element ? element.tagName.toLowerCase() : '',
      id: element ? element.id : '',
      host: root instanceof ShadowRoot ? root.host.id || root.host.tagName.toLowerCase() : '',
      article: article ? article.getAttribute('aria-label') || '' : '',
      outline: element ? getComputedStyle(element).outlineStyle : '',
      className: element && typeof element.className === 'string' ? element.className : '',
      label: element ? element.getAttribute('aria-label') || '' : '',
      text: element ? element.textContent.trim() : '',
    }
  })()`)

/** Presses Tab (or Shift+Tab) until what has focus is what is wanted, as a keyboard user would. */
export async function tabTo(page: Page, wanted: (f: Focus) => boolean, { back = false, most = 250 } = {}) {
  for (let presses = 0; presses < most; presses++) {
    if (wanted(await focused(page))) return presses
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(
    `Focus never reached what was wanted in ${String(most)} presses; it is on ${JSON.stringify(await focused(page))}`,
  )
}

/** Selects words inside a block, as dragging across them would; false if the block has no such words. */
export const selectWords = (page: Page, key: string, words: string): Promise<boolean> =>
  page.evaluate(`(([key, words]) => {
    const walker = document.createTreeWalker(document.getElementById(key), NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(words)
      if (at === -1) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + words.length)
      getSelection().removeAllRanges()
      getSelection().addRange(range)
      return true
    }
    return false
  })(${JSON.stringify([key, words])})`)

/** True when the page scrolls sideways (it must not, at any width). */
export const scrollsSideways = (page: Page): Promise<boolean> =>
  page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth')

/**
 * One computed style of the element `locator` finds first (of its `::before` with `pseudo`), as the page
 * works it out: the project has no DOM types, so the page's `getComputedStyle` is named here once.
 */
export const computedStyle = (locator: Locator, property: string, pseudo?: string): Promise<string> =>
  locator.first().evaluate(
    (element, [name, before]) => {
      const window = globalThis as unknown as {
        getComputedStyle(e: unknown, pseudo?: string): { getPropertyValue(name: string): string }
      }
      return window.getComputedStyle(element, before).getPropertyValue(name)
    },
    [property, pseudo] as const,
  )
