import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInBrowser } from '../support/browser.ts'
import { PASSWORD } from '../support/session.ts'
import {
  blocksOf,
  commentByApi,
  commentsButton,
  longParagraph,
  openConsultation,
  RITA,
  shot,
  SLUG as ENGLISH_SLUG,
  type Block,
} from '../support/journeys.ts'

const SLUG = 'mawaqif'
const FIRST =
  'اركن سيارتك فقط في الأماكن المخصصة قرب بوابات المدرسة، ولا تتوقف على الرصيف أو أمام مداخل المنازل في أي وقت من أوقات اليوم الدراسي، لأن ذلك يعرّض الأطفال للخطر ويعيق حركة المشاة.'
const SECOND =
  'يمكن للسكان التقدم بطلب للحصول على تصريح في مكتب المجلس خلال ساعات العمل، مع إحضار إثبات العنوان وبطاقة الهوية وصورة من عقد الإيجار أو سند الملكية.'
const ARABIC = `---
lang: ar
---
# ركن السيارات قرب المدرسة

${FIRST}

## التصاريح

${SECOND}

- تصريح واحد لكل منزل.
- يُجدد التصريح كل عام.
- لا يُسمح بالتوقف في أوقات الذروة.
`
/** An English paragraph, for the guides that mix scripts. */
const PERMITS =
  'Residents may apply for a permit at the council office during opening hours, with proof of address.'
/** An English guide with an Arabic paragraph between English ones, and an Arabic guide with an English one. */
const MIXED_ENGLISH = `---\nlang: en\n---\n# Parking near the school\n\n${PERMITS}\n\n${FIRST}\n\n${PERMITS} Renew it every year.\n`
const MIXED_ARABIC = `---\nlang: ar\n---\n# التصاريح\n\n${SECOND}\n\n${PERMITS}\n\n${FIRST}\n`
/** Words Bea quotes from the first paragraph, and the words Rita would put in place of others. */
const QUOTED = 'بوابات المدرسة'
const REPLACED = 'مكتب المجلس'
const PROPOSED = 'مبنى البلدية'
/** Edition 2 changes the first paragraph: "in marked places" becomes "in numbered places". */
const REVISED = FIRST.replace('المخصصة', 'المرقمة')

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const
type Width = keyof typeof WIDTHS

interface Box {
  x: number
  y: number
  width: number
  height: number
}
const right = (b: Box) => b.x + b.width
const bottom = (b: Box) => b.y + b.height

/*
 * The scripts below run in the page, as text: the test project compiles without the DOM's types. They
 * are evaluated by the test (not polled by waitForFunction, which the page's CSP would refuse).
 */

/** A block's text: its direction and alignment as computed, its box, and where its first letter stands. */
interface TextGeometry {
  direction: string
  textAlign: string
  box: Box
  /** The box of the block's first letter in reading order. */
  first: Box
}
const textGeometry = (page: Page, selector: string): Promise<TextGeometry> =>
  page.evaluate(`(() => {
    // "host >>> inner" looks inside the host's shadow root.
    const element = ${JSON.stringify(selector)}
      .split(' >>> ')
      .reduce((root, part) => (root.shadowRoot ?? root).querySelector(part), document)
    // The block's own words: not its margin's number, which stands in the rail.
    // (Walked without a filter function: a page without JavaScript cannot call one back.)
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    let node = walker.nextNode()
    while (node && (node.textContent.trim() === '' || node.parentElement.closest('gloss-margin'))) node = walker.nextNode()
    const at = node.textContent.search(/\\S/)
    const range = document.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + 1)
    const plain = (r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })
    const style = getComputedStyle(element)
    return {
      direction: style.direction,
      textAlign: style.textAlign,
      box: plain(element.getBoundingClientRect()),
      first: plain(range.getBoundingClientRect()),
    }
  })()`)

/** An element's computed direction (locators look inside shadow roots). */
const directionOf = (element: Locator): Promise<string> =>
  element.first().evaluate((e) => {
    // Runs in the page, where getComputedStyle is; typed here, where the project has no DOM types.
    const window = globalThis as unknown as { getComputedStyle(e: unknown): { direction: string } }
    return window.getComputedStyle(e).direction
  })
const direction = (page: Page, selector: string) => directionOf(page.locator(selector))

const scrollWidth = (page: Page) =>
  page.evaluate<{ scroll: number; inner: number }>(
    '({ scroll: document.scrollingElement.scrollWidth, inner: innerWidth })',
  )

const box = async (page: Page, selector: string): Promise<Box> => {
  const found = await page.locator(selector).first().boundingBox()
  if (!found) throw new Error(`${selector} is not laid out`)
  return found
}

/** Where a block's comments button stands against its text, as a fraction of the text's width (0 left, 1 right). */
const sideOf = (button: Box, text: Box) => (button.x + button.width / 2 - text.x) / text.width

/**
 * Issue #22: a guide in Arabic reads right to left: its text starts at the right, the margin of numbers
 * and comment counts stands where an English guide's would stand mirrored, the thread panel and the
 * redlines keep the text's order, and the interface around it (in English) stays left to right.
 */
describeInBrowser('a right-to-left guide, in Chromium', () => {
  let consultation: Awaited<ReturnType<typeof openConsultation>>
  let first: Block
  let second: Block
  let english: Block

  const ok = async (response: Promise<Response>, status = 200) => {
    const answer = await response
    if (answer.status !== status)
      throw new Error(`${answer.url} ${String(answer.status)}: ${await answer.text()}`)
    return answer
  }

  beforeAll(async () => {
    consultation = await openConsultation()
    const { ada, bea, rita } = consultation
    await ok(ada('POST', '/api/guides', { markdown: ARABIC, slug: SLUG }), 201)
    await ok(ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'open' }))
    for (const who of [bea, rita]) {
      const made = await ok(ada('POST', `/api/guides/${SLUG}/invitations`, { role: 'reviewer' }), 201)
      const { token } = (await made.json()) as { token: string }
      await ok(who('POST', `/api/invitations/${token}/accept`, {}))
    }
    const blocks = await blocksOf(consultation.server.url, SLUG, 1)
    const find = (text: string) => {
      const found = blocks.find((b) => b.text === text)
      if (!found) throw new Error(`No block reads ${text}`)
      return found
    }
    first = find(FIRST)
    second = find(SECOND)
    await commentByApi(
      bea,
      first.key,
      { kind: 'comment', body: 'الرصيف ضيق جداً عند البوابة الشرقية.', quote: { exact: QUOTED } },
      SLUG,
    )
    await commentByApi(
      rita,
      second.key,
      {
        kind: 'suggestion',
        body: 'المكتب انتقل إلى مبنى جديد.',
        quote: { exact: REPLACED },
        proposal: PROPOSED,
      } as Parameters<typeof commentByApi>[2],
      SLUG,
    )
    english = longParagraph(await blocksOf(consultation.server.url, ENGLISH_SLUG, 1))
    await commentByApi(bea, english.key, { kind: 'comment', body: 'A comment to count.' })
  }, 180_000)
  afterAll(async () => {
    await consultation.close()
  })

  const signedIn = async (width: Width): Promise<Page> => {
    const page = await consultation.journey.newPage({ locale: 'en-GB', viewport: WIDTHS[width] })
    const session = await page.request.post(`${consultation.server.url}/api/session`, {
      data: { email: RITA.email, password: PASSWORD },
    })
    expect(session.status()).toBe(200)
    return page
  }

  /** A reading page with its comment counts in. */
  const read = async (page: Page, slug: string, edition: number, key: string) => {
    await consultation.journey.goto(page, `/g/${slug}/${String(edition)}`)
    await page.evaluate('document.fonts.ready')
    await commentsButton(page, key).waitFor()
  }

  /** Where an English guide puts a paragraph's comments button, against its text: the layout to mirror. */
  const englishSide: Partial<Record<Width, number>> = {}

  for (const width of ['desktop', 'phone'] as const) {
    it(`lays out an English guide as the mirror to expect (${width})`, async () => {
      const page = await signedIn(width)
      await read(page, ENGLISH_SLUG, 1, english.key)
      const text = await textGeometry(page, `gloss-block[id="${english.key}"] > p`)
      expect(text.direction).toBe('ltr')
      expect(text.first.x - text.box.x, 'English starts at the left').toBeLessThan(4)
      const button = await commentsButton(page, english.key).boundingBox()
      if (!button) throw new Error('No comments button')
      englishSide[width] = sideOf(button, text.box)
      if (width === 'desktop')
        expect(button.x, 'the rail is right of the text').toBeGreaterThanOrEqual(right(text.box))
      else expect(englishSide[width], 'the margin row starts at the left').toBeLessThan(0.5)
      await page.context().close()
    }, 60_000)
  }

  for (const width of ['desktop', 'phone'] as const) {
    it(`reads the Arabic guide right to left, its margin mirrored and the interface left to right (${width})`, async () => {
      const page = await signedIn(width)
      await read(page, SLUG, 1, first.key)
      await commentsButton(page, second.key).waitFor()
      await shot(page, `rtl-reading-${width}`, true)

      // The guide's text: marked Arabic, right to left, starting at the right edge of its box.
      expect(await page.locator('#text').getAttribute('lang')).toBe('ar')
      for (const selector of [
        `gloss-block[id="${first.key}"] > p`,
        `gloss-block[id="${second.key}"] > p`,
        'h1',
        'h2',
      ]) {
        const text = await textGeometry(page, `#text ${selector}`)
        expect(text.direction, selector).toBe('rtl')
        expect(['start', 'right'], selector).toContain(text.textAlign)
        expect(right(text.box) - right(text.first), `${selector} starts at the right`).toBeLessThan(4)
      }
      const item = await textGeometry(page, '#text li gloss-block')
      expect(item.direction).toBe('rtl')
      expect(right(item.box) - right(item.first), 'a list item starts at the right').toBeLessThan(4)
      // A list's bullets stand at the right, before the words.
      const list = await box(page, '#text ul')
      expect(right(list) - right(item.box), 'the list is indented from the right').toBeGreaterThan(8)

      // The interface around it stays English, left to right.
      expect(await page.getAttribute('html', 'lang')).toBe('en')
      for (const chrome of ['.site-header', '.site-header nav', '.guide-meta'])
        expect(await direction(page, chrome), chrome).toBe('ltr')
      // The margin takes the text's direction (below), but its words are English: "1 comment", not "comment 1".
      const label = await textGeometry(page, `gloss-block[id="${first.key}"] >>> button.comments`)
      expect(label.first.x, 'the count reads first, at the left').toBeLessThan(
        label.box.x + label.box.width / 3,
      )
      const meta = await textGeometry(page, '.guide-meta')
      // (Its first word is in a badge, 8 px inside it.)
      expect(meta.first.x - meta.box.x, 'the edition line starts at the left').toBeLessThan(12)

      // The margin: mirrored against the English guide's.
      const paragraph = (await textGeometry(page, `gloss-block[id="${first.key}"] > p`)).box
      const button = await commentsButton(page, first.key).boundingBox()
      if (!button) throw new Error('No comments button')
      expect(await commentsButton(page, first.key).innerText()).toMatch(/1 comment/)
      const side = sideOf(button, paragraph)
      const mirror = 1 - (englishSide[width] ?? Number.NaN)
      expect(
        Math.abs(side - mirror),
        `the button at ${side.toFixed(2)} of the text, mirroring English's`,
      ).toBeLessThan(0.1)
      if (width === 'desktop') {
        expect(right(button), 'the rail is left of the text').toBeLessThanOrEqual(paragraph.x)
        expect(button.x, 'and clear of the contents').toBeGreaterThanOrEqual(right(await box(page, '.toc')))
        expect(button.y, 'beside its first lines').toBeLessThan(paragraph.y + paragraph.height / 2)
      } else {
        expect(bottom(button), 'the margin row is above the text').toBeLessThanOrEqual(paragraph.y + 1)
      }
      // The number comes first in reading order: at the right of its margin, nearer the text.
      const number = await box(page, `gloss-block[id="${first.key}"] > gloss-margin a.permalink`)
      expect(number.x, 'the number is right of the comments button').toBeGreaterThan(button.x)

      const { scroll, inner } = await scrollWidth(page)
      expect(scroll, 'nothing is wider than the window').toBeLessThanOrEqual(inner)
      await page.context().close()
    }, 60_000)

    it(`opens the thread panel beside or under its paragraph, in the interface's direction (${width})`, async () => {
      const page = await signedIn(width)
      await read(page, SLUG, 1, second.key)
      // The quoted words are highlighted in the text; the suggestion's paragraph opens.
      await page.locator(`gloss-block[id="${first.key}"] mark.quoted`).first().waitFor()
      await commentsButton(page, second.key).click()
      const thread = page.locator('gloss-thread')
      const suggestion = thread.locator('article', { hasText: 'انتقل إلى مبنى جديد' })
      await suggestion.waitFor()
      await thread.locator('form').last().waitFor()
      await shot(page, `rtl-thread-${width}`)
      await suggestion.scrollIntoViewIfNeeded()
      await shot(page, `rtl-thread-suggestion-${width}`)

      // The panel speaks the interface's language, left to right; the guide's words in it are Arabic, right to left.
      expect(await thread.getAttribute('lang')).toBe('en')
      for (const chrome of ['gloss-thread', 'gloss-thread h2', 'gloss-thread header button'])
        expect(await direction(page, chrome), chrome).toBe('ltr')
      const heading = await textGeometry(page, 'gloss-thread >>> h2')
      expect(heading.first.x - heading.box.x, 'the heading starts at the left').toBeLessThan(4)
      const close = await box(page, 'gloss-thread header button')
      expect(close.x, 'Close stands at the right').toBeGreaterThan(heading.box.x + heading.box.width / 2)
      const quote = suggestion.locator('blockquote').first()
      expect(await quote.innerText()).toBe(REPLACED)
      expect(await quote.getAttribute('lang')).toBe('ar')
      expect(await directionOf(quote)).toBe('rtl')
      expect(await directionOf(suggestion.locator('.body'))).toBe('rtl')

      // The suggestion's redline: the words taken out, then those put in, read from right to left.
      const redline = suggestion.locator('gloss-redline p')
      expect(await redline.getAttribute('lang')).toBe('ar')
      expect(await directionOf(redline)).toBe('rtl')
      const del = await redline.locator('del').first().boundingBox()
      const ins = await redline.locator('ins').first().boundingBox()
      if (!del || !ins) throw new Error('The redline has no change')
      expect(await redline.locator('del').first().innerText()).toContain(REPLACED.split(' ')[1])
      expect(await redline.locator('ins').first().innerText()).toContain(PROPOSED.split(' ')[1])
      if (Math.abs(del.y - ins.y) < 4)
        expect(right(ins), 'what is put in follows, to the left').toBeLessThanOrEqual(del.x + 1)
      else expect(ins.y, 'or on the next line').toBeGreaterThan(del.y)

      // The panel leaves its paragraph readable and fits the window.
      const panel = await box(page, 'gloss-thread')
      const paragraph = await box(page, `gloss-block[id="${second.key}"] > p`)
      const overlaps =
        panel.x < right(paragraph) &&
        right(panel) > paragraph.x &&
        panel.y < bottom(paragraph) &&
        bottom(panel) > paragraph.y
      expect(overlaps, 'the panel does not cover its paragraph').toBe(false)
      expect(panel.x).toBeGreaterThanOrEqual(0)
      expect(right(panel)).toBeLessThanOrEqual(WIDTHS[width].width)
      const { scroll, inner } = await scrollWidth(page)
      expect(scroll, 'nothing is wider than the window').toBeLessThanOrEqual(inner)
      await page.context().close()
    }, 60_000)
  }

  it('sets the fixed thread panel of a wide screen on the text’s far side, not over its words (as English: over the rail’s outer edge)', async () => {
    const page = await consultation.journey.newPage({
      locale: 'en-GB',
      viewport: { width: 1440, height: 900 },
    })
    await page.request.post(`${consultation.server.url}/api/session`, {
      data: { email: RITA.email, password: PASSWORD },
    })
    await read(page, SLUG, 1, second.key)
    await commentsButton(page, second.key).click()
    await page.locator('gloss-thread article').first().waitFor()
    await shot(page, 'rtl-thread-wide')
    const panel = await box(page, 'gloss-thread')
    for (const key of [first.key, second.key]) {
      const paragraph = await box(page, `gloss-block[id="${key}"] > p`)
      const covers = panel.x < right(paragraph) && right(panel) > paragraph.x
      expect(covers, 'the panel is not over the text').toBe(false)
    }
    const { scroll, inner } = await scrollWidth(page)
    expect(scroll).toBeLessThanOrEqual(inner)
    await page.context().close()
  }, 60_000)

  /**
   * SPEC.md: blocks carry dir="auto". A paragraph in another script than its guide's runs its own way,
   * starting at its own side, while its number and comments button stay in the guide's rail with every
   * other block's, with JavaScript and without it.
   */
  for (const [guide, markdown, odd, oddDirection] of [
    ['mixed-en', MIXED_ENGLISH, FIRST, 'rtl'],
    ['mixed-ar', MIXED_ARABIC, PERMITS, 'ltr'],
  ] as const)
    for (const width of ['desktop', 'phone'] as const)
      for (const script of [true, false])
        it(`runs a paragraph in another script its own way, its margin in the guide’s rail (${guide}, ${width}, JavaScript ${script ? 'on' : 'off'})`, async () => {
          const { ada } = consultation
          if ((await fetch(`${consultation.server.url}/api/guides/${guide}`)).status === 404) {
            await ok(ada('POST', '/api/guides', { markdown, slug: guide }), 201)
            await ok(ada('POST', `/api/guides/${guide}/editions/1/transitions`, { to: 'open' }))
          }
          const blocks = (await blocksOf(consultation.server.url, guide, 1)).filter(
            (b) => b.kind === 'paragraph',
          )
          const other = blocks.find((b) => b.text === odd)
          const neighbour = blocks.find((b) => b.text !== odd)
          if (!other || !neighbour) throw new Error(`${guide} lacks its paragraphs`)
          const guideDirection = oddDirection === 'rtl' ? 'ltr' : 'rtl'

          const page = await consultation.journey.newPage({
            locale: 'en-GB',
            viewport: WIDTHS[width],
            javaScriptEnabled: script,
          })
          await consultation.journey.goto(page, `/g/${guide}/1`)
          if (script) await commentsButton(page, other.key).waitFor()
          await shot(page, `mixed-${guide}-${width}-${script ? 'script' : 'plain'}`, true)

          expect(await page.getAttribute(`gloss-block[id="${other.key}"]`, 'dir')).toBe('auto')
          const odds = await textGeometry(page, `gloss-block[id="${other.key}"] > p`)
          const usual = await textGeometry(page, `gloss-block[id="${neighbour.key}"] > p`)
          expect(odds.direction, 'the paragraph runs its own way').toBe(oddDirection)
          expect(usual.direction, 'its neighbours run the guide’s').toBe(guideDirection)
          if (oddDirection === 'rtl') {
            expect(right(odds.box) - right(odds.first), 'it starts at the right').toBeLessThan(4)
            expect(usual.first.x - usual.box.x, 'they start at the left').toBeLessThan(4)
          } else {
            expect(odds.first.x - odds.box.x, 'it starts at the left').toBeLessThan(4)
            expect(right(usual.box) - right(usual.first), 'they start at the right').toBeLessThan(4)
          }

          // Its margin stands where its neighbours' do: the number, and with JavaScript the button.
          const number = (key: string) => box(page, `gloss-block[id="${key}"] > gloss-margin a.permalink`)
          const [own, theirs] = [await number(other.key), await number(neighbour.key)]
          expect(Math.abs(own.x - theirs.x), 'the numbers line up').toBeLessThan(2)
          if (script) {
            const [button, usualButton] = [
              await commentsButton(page, other.key).boundingBox(),
              await commentsButton(page, neighbour.key).boundingBox(),
            ]
            if (!button || !usualButton) throw new Error('No comments button')
            expect(Math.abs(button.x - usualButton.x), 'the buttons line up').toBeLessThan(2)
            expect(await direction(page, `gloss-block[id="${other.key}"] >>> [part="margin"]`)).toBe(
              guideDirection,
            )
          }
          if (width === 'desktop') {
            if (guideDirection === 'ltr')
              expect(own.x, 'in the rail right of the text').toBeGreaterThanOrEqual(right(odds.box))
            else expect(right(own), 'in the rail left of the text').toBeLessThanOrEqual(odds.box.x)
          } else expect(bottom(own), 'the margin row is above the text').toBeLessThanOrEqual(odds.box.y + 1)
          const { scroll, inner } = await scrollWidth(page)
          expect(scroll, 'nothing is wider than the window').toBeLessThanOrEqual(inner)
          await page.context().close()
        }, 60_000)

  it('shows edition 2 against edition 1 in the text’s order, on the redline page and in a carried comment', async () => {
    const { ada } = consultation
    await ok(ada('POST', `/api/guides/${SLUG}/editions/1/transitions`, { to: 'closed' }))
    await ok(ada('POST', `/api/guides/${SLUG}/editions`, { markdown: ARABIC.replace(FIRST, REVISED) }), 201)
    await ok(ada('POST', `/api/guides/${SLUG}/editions/2/transitions`, { to: 'open' }))
    const revised = (await blocksOf(consultation.server.url, SLUG, 2)).find((b) => b.text === REVISED)
    if (!revised) throw new Error('Edition 2 has no revised paragraph')

    for (const width of ['desktop', 'phone'] as const) {
      const page = await signedIn(width)
      await consultation.journey.goto(page, `/g/${SLUG}/redline/1/2`)
      await shot(page, `rtl-redline-${width}`, true)
      const redline = page.locator(`[id="${revised.key}"] .redline`)
      expect(await redline.getAttribute('lang')).toBe('ar')
      expect(await directionOf(redline)).toBe('rtl')
      const text = await textGeometry(page, `[id="${revised.key}"] .redline`)
      expect(right(text.box) - right(text.first), 'the redline starts at the right').toBeLessThan(4)
      const del = await redline.locator('del').first().boundingBox()
      const ins = await redline.locator('ins').first().boundingBox()
      if (!del || !ins) throw new Error('The redline has no change')
      expect(await redline.locator('del').first().innerText()).toContain('المخصصة')
      expect(await redline.locator('ins').first().innerText()).toContain('المرقمة')
      if (Math.abs(del.y - ins.y) < 4)
        expect(right(ins), 'struck out, then put in, right to left').toBeLessThanOrEqual(del.x + 1)
      else expect(ins.y).toBeGreaterThan(del.y)
      // The page's own words (its heading, the change's label) stay left to right.
      for (const chrome of ['h1', '.redline-label']) expect(await direction(page, chrome), chrome).toBe('ltr')
      const { scroll, inner } = await scrollWidth(page)
      expect(scroll, 'nothing is wider than the window').toBeLessThanOrEqual(inner)

      // Bea's comment, carried to the revised paragraph, shows the wording's change since edition 1.
      await read(page, SLUG, 2, revised.key)
      await commentsButton(page, revised.key).click()
      const carried = page.locator('gloss-thread article', { hasText: 'الرصيف ضيق' })
      await carried.waitFor()
      await carried.locator('gloss-written-on summary').click()
      const since = carried.locator('gloss-written-on p.redline')
      await since.locator('ins').first().waitFor()
      await carried.scrollIntoViewIfNeeded()
      await shot(page, `rtl-written-on-${width}`)
      expect(await since.getAttribute('lang')).toBe('ar')
      expect(await directionOf(since)).toBe('rtl')
      const was = await since.locator('del').first().boundingBox()
      const now = await since.locator('ins').first().boundingBox()
      if (!was || !now) throw new Error('The carried comment shows no change')
      if (Math.abs(was.y - now.y) < 4) expect(right(now)).toBeLessThanOrEqual(was.x + 1)
      else expect(now.y).toBeGreaterThan(was.y)
      const again = await scrollWidth(page)
      expect(again.scroll).toBeLessThanOrEqual(again.inner)
      await page.context().close()
    }
    expect(consultation.journey.errors).toEqual([])
  }, 180_000)
})
