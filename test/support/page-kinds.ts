import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { VIEWPORTS } from './axe.ts'
import { launchChromium, signInAs } from './browser.ts'
import { startGuideServer, type GuideServer } from './browser-server.ts'
import { ROOT } from './process.ts'
import { PASSWORD } from './session.ts'

/** The sample guide, open for comments: the reading page, threads, triage and the working draft. */
export const OPEN = 'councillors-online'
/** A copy of it taken through a consultation into a published edition 2: redline, report, 410. */
export const REVISED = 'councillors-revised'

/** A short guide in English with its Welsh text, for the side-by-side page. */
export const BILINGUAL = {
  slug: 'parcio',
  en: '# Parking near the school\n\nPark only in marked bays near the school gates.\n\n- Residents may apply for a permit.\n- Permits last a year.\n',
  cy: '# Parcio ger yr ysgol\n\nParciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.\n\n- Gall preswylwyr wneud cais am drwydded.\n- Mae trwyddedau’n para blwyddyn.\n',
}
export const ADA = 'ada@example.org'
export const RITA = 'rita@example.org'

/** Who looks at a page: nobody signed in, the admin and editor, or a reviewer. */
export type Viewer = 'visitor' | 'ada' | 'rita'

export interface PageKind {
  /** The name screenshots and failures use: `reading`, `triage`, ... */
  kind: string
  path: string
  viewer: Viewer
  /** Some pages answer with an error status on purpose (404, 410). */
  status?: number
  /** What to do once the page has loaded, before it is checked: open the thread panel, for one. */
  then?: (page: Page) => Promise<void>
}

export interface Gallery {
  guide: GuideServer
  kinds: PageKind[]
}

/** A cookie for `email`, signed in through the API. */
async function cookieOf(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (response.status !== 200) throw new Error(`Signing in ${email} answered ${String(response.status)}`)
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
}

type Api = (method: string, path: string, body?: unknown) => Promise<Response>

async function json<T>(response: Promise<Response>, status: number): Promise<T> {
  const answer = await response
  if (answer.status !== status)
    throw new Error(`${answer.url} answered ${String(answer.status)}: ${await answer.text()}`)
  return (await answer.json()) as T
}

interface Block {
  key: string
  kind: string
  text: string
}
const blocksOf = async (api: Api, slug: string, n: number) =>
  (await json<{ blocks: Block[] }>(api('GET', `/api/guides/${slug}/editions/${String(n)}`), 200)).blocks

async function invite(ada: Api, url: string, slug: string): Promise<string> {
  const { token } = await json<{ token: string }>(
    ada('POST', `/api/guides/${slug}/invitations`, { role: 'reviewer' }),
    201,
  )
  return `${url}/invitations/${token}`
}

/** Rita joins a guide through an invitation: her account is made the first time; later she is signed in. */
async function accept(inviteUrl: string, signedIn?: Api): Promise<void> {
  const token = inviteUrl.split('/').at(-1) ?? ''
  const url = new URL(inviteUrl).origin
  const path = `/api/invitations/${token}/accept`
  await json(
    signedIn
      ? signedIn('POST', path, {})
      : fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: RITA, password: PASSWORD, displayName: 'Rita Reviewer' }),
        }),
    200,
  )
}

/**
 * A real server holding one of every kind of page: the sample guide open with comments, replies,
 * a general discussion and a changed working draft; a second guide whose consultation was decided
 * and revised into a published edition 2 (with a paragraph removed); an unused invitation.
 */
export async function startGallery(): Promise<Gallery> {
  const guide = await startGuideServer({ state: 'open', admin: 'Ada Editor' })
  try {
    return { guide, kinds: await furnish(guide) }
  } catch (error) {
    await guide.close()
    throw error
  }
}

async function furnish(guide: GuideServer): Promise<PageKind[]> {
  const { url } = guide
  const ada = await guide.api(ADA)
  await accept(await invite(ada, url, OPEN))
  const rita = await guide.api(RITA)
  const blocks = await blocksOf(ada, OPEN, 1)
  const long = blocks.filter((b) => b.kind === 'paragraph' && b.text.split(' ').length > 40)
  const [first, second] = long
  if (!first || !second) throw new Error('The sample guide has no long paragraphs')
  const comment = (slug: string, key: string, body: string, extra: object = {}) =>
    json<{ id: string }>(
      rita('POST', `/api/guides/${slug}/editions/1/blocks/${key}/comments`, {
        kind: 'comment',
        body,
        ...extra,
      }),
      201,
    )
  const asked = await comment(
    OPEN,
    first.key,
    'Could this say what to do when a resident messages you privately at https://www.example.org/a-very-long-address/that-goes-on-and-on?',
    { quote: { exact: first.text.split(' ').slice(2, 8).join(' ') } },
  )
  await json(
    ada('POST', `/api/guides/${OPEN}/editions/1/blocks/${first.key}/comments`, {
      kind: 'reflection',
      body: 'Good point: we will add a line on private messages.',
      parentId: asked.id,
    }),
    201,
  )
  await comment(OPEN, second.key, 'In our ward the **Facebook group** is run by a resident, not the council.')
  // A suggestion with someone agreeing: the thread shows its wording as a redline, and the count.
  const late = 'why the bins were late on Tuesday'
  if (!first.text.includes(late)) throw new Error('The sample guide changed: pick other words to suggest for')
  const suggested = await comment(OPEN, first.key, 'Nobody will remember which day it was.', {
    kind: 'suggestion',
    quote: { exact: late },
    proposal: 'why the bins were late again',
  })
  await json(ada('PUT', `/api/comments/${suggested.id}/agreement`), 200)
  // A flag, so the moderation queue and triage show one as editors see it.
  const flagged = await ada('POST', `/api/comments/${asked.id}/flags`, { reason: 'Names a private address' })
  if (flagged.status !== 204) throw new Error(`Flagging answered ${String(flagged.status)}`)
  await json(
    rita('POST', `/api/guides/${OPEN}/editions/1/comments`, {
      kind: 'comment',
      body: 'The guide is clear. A short checklist at the end would help new councillors.',
    }),
    201,
  )
  // A changed block in the working draft, so the lineage preview has something to show.
  const source = await readFile(join(ROOT, 'content', 'councillors-online.md'), 'utf8')
  const words = second.text.split(' ').slice(0, 6).join(' ')
  const cookie = await cookieOf(url, ADA)
  // The revise page starts the working draft; its form then replaces the draft's text.
  await fetch(`${url}/g/${OPEN}/revise`, { headers: { cookie } })
  const draft = await fetch(`${url}/g/${OPEN}/revise/text`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ markdown: source.replace(words, `${words} (often run by residents)`) }),
    redirect: 'manual',
  })
  if (draft.status !== 303) throw new Error(`Changing the draft answered ${String(draft.status)}`)

  // The second guide: consulted on, decided, revised with one paragraph removed, published.
  const retitled = source.replace('title: Councillors Online', 'title: Councillors Online (revised)')
  await json(ada('POST', '/api/guides', { markdown: retitled, slug: REVISED }), 201)
  await json(ada('POST', `/api/guides/${REVISED}/editions/1/transitions`, { to: 'open' }), 200)
  await accept(await invite(ada, url, REVISED), rita)
  const old = await blocksOf(ada, REVISED, 1)
  const target = old.find((b) => b.text.startsWith('This guide is written for councillors'))
  const removed = old.find((b) => b.text.startsWith('You can read the guide straight through'))
  if (!target || !removed) throw new Error('The sample guide changed: pick other paragraphs')
  const decided = await comment(
    REVISED,
    target.key,
    'Say plainly that this applies to personal accounts too.',
  )
  await comment(REVISED, removed.key, 'This paragraph adds little.')
  await json(ada('POST', `/api/guides/${REVISED}/editions/1/transitions`, { to: 'closed' }), 200)
  await json(
    ada('PUT', `/api/comments/${decided.id}/decision`, {
      decision: 'accepted',
      response: 'We now say it covers personal accounts.',
    }),
    200,
  )
  const revised = retitled
    .replace('It is practical rather than theoretical.', 'It covers personal accounts too.')
    .replace(/You can read the guide straight through[^\n]*\n\n/, '')
  await json(ada('POST', `/api/guides/${REVISED}/editions`, { markdown: revised }), 201)
  await json(ada('POST', `/api/guides/${REVISED}/editions/2/transitions`, { to: 'published' }), 200)
  const unused = await invite(ada, url, OPEN)

  // A short guide with its text in Welsh too, read side by side.
  await json(ada('POST', '/api/guides', { markdown: BILINGUAL.en, slug: BILINGUAL.slug }), 201)
  await json(ada('POST', `/api/guides/${BILINGUAL.slug}/editions/1/transitions`, { to: 'open' }), 200)
  await json(
    ada('POST', `/api/guides/${BILINGUAL.slug}/editions/1/translations`, {
      lang: 'cy',
      markdown: BILINGUAL.cy,
    }),
    201,
  )

  const openThread = async (page: Page) => {
    // Its elements are defined once a comments button has rendered in a block's shadow root (a locator, not
    // a string for waitForFunction, which is polled by eval and the page's CSP refuses it).
    await page.locator('gloss-block button.comments').first().waitFor()
    await page
      .locator(`[id="${first.key}"]`)
      // By its class, not its words: the gallery is walked in Welsh too.
      .locator('button.comments')
      .click()
    await page.locator('gloss-thread textarea').first().waitFor()
    await page.locator('gloss-thread article').first().waitFor()
  }
  /** The editions page's translation form opened and sent empty: it comes back open, with its refusal. */
  const refuseTranslation = async (page: Page) => {
    // By classes, not words: the gallery is walked in Welsh too.
    const form = page.locator('.edition-card details.draft-action').first()
    await form.locator('summary').click()
    await Promise.all([
      page.waitForURL(/\/manage\/\d+\/translation$/),
      form.locator('button[type="submit"]').click(),
    ])
    await page.locator('.error-summary').waitFor()
  }
  return [
    { kind: 'home', path: '/', viewer: 'visitor' },
    { kind: 'reading', path: `/g/${OPEN}`, viewer: 'visitor' },
    { kind: 'reading-published', path: `/g/${REVISED}`, viewer: 'visitor' },
    {
      kind: 'reading-side-by-side',
      path: `/g/${BILINGUAL.slug}/1?text=en&beside=cy`,
      viewer: 'visitor',
    },
    { kind: 'thread-panel', path: `/g/${OPEN}`, viewer: 'rita', then: openThread },
    { kind: 'thread', path: `/g/${OPEN}/1/b/${first.key}`, viewer: 'rita' },
    { kind: 'discussion', path: `/g/${OPEN}/1/discussion`, viewer: 'rita' },
    { kind: 'search', path: `/g/${OPEN}/search?q=facebook+group`, viewer: 'visitor' },
    { kind: 'sign-in', path: '/sign-in', viewer: 'visitor' },
    { kind: 'accessibility-statement', path: '/accessibility', viewer: 'visitor' },
    { kind: 'signup', path: '/signup', viewer: 'visitor' },
    { kind: 'invitation', path: new URL(unused).pathname, viewer: 'visitor' },
    { kind: 'account', path: '/account', viewer: 'rita' },
    { kind: 'my-comments', path: '/me/comments', viewer: 'rita' },
    { kind: 'triage', path: `/g/${OPEN}/1/triage`, viewer: 'ada' },
    { kind: 'moderation', path: `/g/${OPEN}/moderation`, viewer: 'ada' },
    { kind: 'manage', path: `/g/${OPEN}/manage`, viewer: 'ada' },
    { kind: 'manage-translation', path: `/g/${OPEN}/manage`, viewer: 'ada', then: refuseTranslation },
    { kind: 'revise', path: `/g/${OPEN}/revise`, viewer: 'ada' },
    { kind: 'lineage-preview', path: `/g/${OPEN}/revise/preview`, viewer: 'ada' },
    { kind: 'import', path: '/guides/new', viewer: 'ada' },
    { kind: 'redline', path: `/g/${REVISED}/redline/1/2`, viewer: 'visitor' },
    { kind: 'report', path: `/g/${REVISED}/2/report`, viewer: 'visitor' },
    { kind: 'privacy-notice', path: `/g/${OPEN}/privacy`, viewer: 'visitor' },
    { kind: 'admin-people', path: '/admin/people', viewer: 'ada' },
    { kind: 'admin-settings', path: '/admin/settings', viewer: 'ada' },
    { kind: 'admin-audit', path: '/admin/audit', viewer: 'ada' },
    { kind: 'admin-instance', path: '/admin/instance', viewer: 'ada' },
    { kind: 'not-found', path: `/g/${OPEN}/p/zzzzzzzz`, viewer: 'visitor', status: 404 },
    { kind: 'gone', path: `/g/${REVISED}/p/${removed.key}`, viewer: 'visitor', status: 410 },
  ]
}

export type Width = keyof typeof VIEWPORTS

/**
 * The gallery in Chromium: one page per viewer and width, signed in as that viewer and reused, in a
 * browser asking for `locale`'s language.
 */
export async function visitGallery({ locale = 'en-GB' }: { locale?: string } = {}) {
  const gallery = await startGallery()
  const browser = await launchChromium().catch(async (error: unknown) => {
    await gallery.guide.close()
    throw error
  })
  const contexts = new Map<string, BrowserContext>()
  return {
    gallery,
    async pageFor(viewer: Viewer, width: Width): Promise<Page> {
      const key = `${viewer}-${width}`
      let context = contexts.get(key)
      if (!context) {
        context = await browser.newContext({ viewport: VIEWPORTS[width], locale })
        contexts.set(key, context)
        const page = await context.newPage()
        if (viewer !== 'visitor') {
          // Through the form in English, as a person does; in another language, through the API.
          const email = viewer === 'ada' ? ADA : RITA
          if (locale.startsWith('en')) await signInAs(page, gallery.guide.url, email)
          else {
            const session = await context.request.post(`${gallery.guide.url}/api/session`, {
              data: { email, password: PASSWORD },
            })
            if (session.status() !== 200)
              throw new Error(`Signing in ${email} answered ${String(session.status())}`)
          }
        }
      }
      return context.pages()[0] as Page
    },
    async close() {
      for (const context of contexts.values()) await context.close()
      await browser.close()
      await gallery.guide.close()
    },
  }
}
