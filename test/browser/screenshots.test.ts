import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { shotPath, VIEWPORTS } from '../support/axe.ts'
import { describeInBrowser } from '../support/browser.ts'
import { visitGallery, type Gallery, type PageKind, type Viewer, type Width } from '../support/page-kinds.ts'

/** Tall pages (the whole guide, every block of a draft) are cut here: enough to see how they look. */
const TALLEST = 4000

/** Relative luminance (WCAG) of a computed CSS colour such as `rgb(22, 23, 27)`. */
const luminance = (colour: string): number => {
  const channels = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
  if (!colour.startsWith('rgb') || channels.length < 3) throw new Error(`Not a computed colour: ${colour}`)
  const [r = 0, g = 0, b = 0] = channels.map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * Every kind of page at desktop (1366 px) and phone (375 px) width, written to artifacts/screenshots
 * for people to look at, with the looks a reader would notice checked: a comfortable measure and a
 * margin rail on wide screens, no sideways scrolling on a phone, a dark scheme that follows the
 * system, a clean print, and a visible focus.
 */
describeInBrowser('how every kind of page looks, in Chromium', () => {
  let opened: Awaited<ReturnType<typeof visitGallery>>
  let gallery: Gallery
  const kind = (name: string) => gallery.kinds.find((k) => k.kind === name) as PageKind

  beforeAll(async () => {
    opened = await visitGallery()
    gallery = opened.gallery
  }, 180_000)
  afterAll(async () => {
    await opened.close()
  })
  const pageFor = (viewer: Viewer, width: Width) => opened.pageFor(viewer, width)

  const show = async (k: PageKind, width: Width, scheme: 'light' | 'dark' = 'light'): Promise<Page> => {
    const page = await pageFor(k.viewer, width)
    await page.emulateMedia({ media: 'screen', colorScheme: scheme })
    const response = await page.goto(`${gallery.guide.url}${k.path}`)
    expect(response?.status(), k.kind).toBe(k.status ?? 200)
    await page.evaluate('document.fonts.ready')
    await k.then?.(page)
    return page
  }

  const shoot = async (page: Page, path: string) => {
    const height = Math.min(TALLEST, await page.evaluate<number>('document.scrollingElement.scrollHeight'))
    const { width } = page.viewportSize() ?? VIEWPORTS.desktop
    await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height } })
  }

  it('shows every kind of page at both widths, never wider than a phone', async () => {
    const sideways: string[] = []
    for (const width of ['desktop', 'phone'] as const) {
      for (const k of gallery.kinds) {
        const page = await show(k, width)
        await shoot(page, shotPath(k.kind, width))
        const scrollWidth = await page.evaluate<number>('document.scrollingElement.scrollWidth')
        if (scrollWidth > VIEWPORTS[width].width)
          sideways.push(`${k.kind} at ${width}: ${String(scrollWidth)}px`)
      }
    }
    expect(sideways).toEqual([])
  }, 600_000)

  it('sets the text in a comfortable measure with the comment counts in a rail beside it', async () => {
    const page = await show(kind('reading'), 'desktop')
    // A locator, not a string for waitForFunction: the page's CSP forbids eval, which polling a string needs.
    await page.locator('gloss-block[count]').first().waitFor({ state: 'attached' })
    const paragraph = page.locator('gloss-block[count]:has(> p)').first()
    const box = await paragraph.locator('> p').boundingBox()
    const style = (property: string) =>
      page.evaluate<number>(
        `parseFloat(getComputedStyle(document.querySelector('gloss-block[count]:has(> p) > p')).${property})`,
      )
    const fontSize = await style('fontSize')
    const ems = (box?.width ?? 0) / fontSize
    expect(ems, 'the paragraph is between 30 and 42 ems wide').toBeGreaterThanOrEqual(30)
    expect(ems).toBeLessThanOrEqual(42)
    expect(await style('lineHeight')).toBeGreaterThan(fontSize * 1.45)
    const button = await paragraph.getByRole('button', { name: /comments? on/ }).boundingBox()
    expect(button && box, 'the paragraph and its comments button are laid out').toBeTruthy()
    if (!button || !box) return
    expect(button.x, 'the comments button is to the right of the text').toBeGreaterThanOrEqual(
      box.x + box.width,
    )
    expect(button.y, 'and beside its first lines, not under it').toBeLessThan(box.y + box.height / 2)
    expect(button.x + button.width).toBeLessThanOrEqual(VIEWPORTS.desktop.width)
  }, 120_000)

  it('follows a dark system setting on the reading page and in the thread', async () => {
    for (const name of ['reading', 'thread-panel'])
      for (const width of ['desktop', 'phone'] as const) {
        const page = await show(kind(name), width, 'dark')
        await shoot(page, shotPath(name, width, true))
        const paper = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
        const ink = await page.evaluate<string>('getComputedStyle(document.body).color')
        expect(luminance(paper), `${name} ${width}: the page is dark`).toBeLessThan(0.05)
        expect(luminance(ink), 'and its text light').toBeGreaterThan(0.6)
      }
    const thread = await pageFor('rita', 'desktop')
    const panel = await thread.evaluate<string>(
      "getComputedStyle(document.querySelector('gloss-thread')).backgroundColor",
    )
    expect(luminance(panel), 'the thread panel is dark too').toBeLessThan(0.05)
  }, 120_000)

  it('prints the text alone, black on white', async () => {
    const page = await show(kind('reading'), 'desktop')
    await page.locator('gloss-block[count]').first().waitFor({ state: 'attached' })
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' })
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    await shoot(page, shotPath('reading-print', 'desktop'))
    // Read away from the site, the paper says which guide, edition and day it is and where it lives.
    const colophon = await page.locator('.print-colophon').innerText()
    expect(colophon).toMatch(/, edition \d+[ ,]/)
    expect(colophon).toMatch(/Printed \d{1,2} \w+ \d{4}\./)
    expect(colophon).toContain(`${new URL(page.url()).origin}/g/`)
    const shown = (selector: string) =>
      page.evaluate<number>(
        `[...document.querySelectorAll(${JSON.stringify(selector)})].filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden').length`,
      )
    for (const chrome of ['.site-header', 'nav', 'form', 'gloss-margin', '.search-box'])
      expect(await shown(chrome), `${chrome} is not printed`).toBe(0)
    const buttons = await page.evaluate<number>(
      `[...document.querySelectorAll('gloss-block')].flatMap(b => [...b.shadowRoot.querySelectorAll('button')]).filter(b => b.getClientRects().length > 0).length`,
    )
    expect(buttons, 'no comment or copy buttons are printed').toBe(0)
    expect(await shown('gloss-block p')).toBeGreaterThan(20)
    const paper = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
    const ink = await page.evaluate<string>("getComputedStyle(document.querySelector('gloss-block p')).color")
    expect(luminance(paper)).toBeGreaterThan(0.95)
    expect(luminance(ink)).toBeLessThan(0.01)
  }, 120_000)

  it('shows where the keyboard is: a focused link or button is outlined', async () => {
    const page = await show(kind('reading'), 'desktop')
    /** The focus ring of each element marked for the check, focused or not as the page stands. */
    const rings = () =>
      page.evaluate<string[]>(
        `[...document.querySelectorAll('[data-ring]')].map(e => {
          const style = getComputedStyle(e)
          return e.dataset.ring + ': ' + style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.boxShadow
        })`,
      )
    const focused: string[] = []
    for (let i = 0; i < 12 && focused.length < 3; i++) {
      await page.keyboard.press('Tab')
      // Marks the focused link, button or skip link (one of each) and says whether it is on screen.
      const mark = await page.evaluate<{ name: string; shown: boolean } | null>(`(() => {
        const e = document.activeElement
        const name = e.matches('.skip-link') ? 'skip link' : e.localName
        if (!['skip link', 'a', 'button'].includes(name) || document.querySelector('[data-ring="' + name + '"]'))
          return null
        e.dataset.ring = name
        const box = e.getBoundingClientRect()
        return { name, shown: box.width > 1 && box.left >= 0 && box.top >= 0 }
      })()`)
      if (!mark) continue
      expect(mark.shown, `the focused ${mark.name} is on screen`).toBe(true)
      focused.push(...(await rings()).filter((r) => r.startsWith(`${mark.name}:`)))
    }
    expect(focused.map((r) => r.split(':')[0]).sort()).toEqual(['a', 'button', 'skip link'])
    await page.evaluate('document.activeElement.blur()')
    const resting = await rings()
    for (const ring of focused) {
      expect(ring, 'a visible ring').toMatch(/: (solid|auto|dashed|double) [1-9]|\d+px \d+px \d+px [1-9]/)
      expect(resting, 'that goes when the focus moves on').not.toContain(ring)
    }
  }, 120_000)
})
