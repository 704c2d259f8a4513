import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations, VIEWPORTS } from '../support/axe.ts'
import { describeInBrowser, launchChromium, signInAs } from '../support/browser.ts'
import { ADA, RITA, startGallery, type Gallery, type PageKind, type Viewer } from '../support/page-kinds.ts'

type Width = keyof typeof VIEWPORTS

/**
 * axe-core on every kind of page Gloss serves (reading, the thread panel with its composer, the
 * no-script thread pages, the editor's and the admin's pages, sign-in, messages), at desktop and phone
 * width, in light and in dark: no serious or critical violation of WCAG 2.2 A and AA.
 */
describeInBrowser('every kind of page passes axe-core, in light and dark, in Chromium', () => {
  let gallery: Gallery
  let browser: Browser
  const contexts = new Map<string, BrowserContext>()

  beforeAll(async () => {
    gallery = await startGallery()
    browser = await launchChromium()
  }, 180_000)
  afterAll(async () => {
    for (const context of contexts.values()) await context.close()
    await browser.close()
    await gallery.guide.close()
  })

  /** One signed-in page per viewer and width, reused. */
  const pageFor = async (viewer: Viewer, width: Width): Promise<Page> => {
    const key = `${viewer}-${width}`
    let context = contexts.get(key)
    if (!context) {
      context = await browser.newContext({ viewport: VIEWPORTS[width] })
      contexts.set(key, context)
      const page = await context.newPage()
      if (viewer !== 'visitor') await signInAs(page, gallery.guide.url, viewer === 'ada' ? ADA : RITA)
    }
    return context.pages()[0] as Page
  }

  /** Loads a page kind as its viewer, at the status it should have, and does what it asks. */
  const visit = async (kind: PageKind, width: Width): Promise<Page> => {
    const page = await pageFor(kind.viewer, width)
    await page.emulateMedia({ colorScheme: 'light' })
    const response = await page.goto(`${gallery.guide.url}${kind.path}`)
    expect(response?.status(), kind.kind).toBe(kind.status ?? 200)
    await kind.then?.(page)
    return page
  }

  it('finds no serious or critical violation on any kind of page, at either width, in either scheme', async () => {
    const failures: string[] = []
    const checked: string[] = []
    for (const width of ['desktop', 'phone'] as const)
      for (const kind of gallery.kinds) {
        const page = await visit(kind, width)
        const light = await axeViolations(page)
        if (light.length) failures.push(describeViolations(`${kind.kind} (${width}, light)`, light))
        // The dark scheme changes colours only: its contrast is checked at one width.
        if (width === 'desktop') {
          await page.emulateMedia({ colorScheme: 'dark' })
          const dark = await axeViolations(page, ['color-contrast', 'link-in-text-block'])
          if (dark.length) failures.push(describeViolations(`${kind.kind} (${width}, dark)`, dark))
        }
        checked.push(`${kind.kind} ${width}`)
      }
    expect(failures.join('\n\n')).toBe('')
    // Every kind was looked at, the ones the issue names among them, not skipped by a loop that found nothing.
    expect(checked).toHaveLength(gallery.kinds.length * 2)
    for (const named of [
      'reading',
      'thread-panel',
      'triage',
      'lineage-preview',
      'redline',
      'report',
      'sign-in',
    ])
      expect(checked).toContain(`${named} phone`)
    expect(checked.filter((c) => c.startsWith('admin-'))).toHaveLength(8)
  }, 600_000)

  it('checks the thread panel itself, inside its shadow root, with the composer open', async () => {
    const page = await visit(gallery.kinds.find((k) => k.kind === 'thread-panel') as PageKind, 'desktop')
    // The composer is in the panel's shadow DOM, where axe looks too: its fields have names.
    await page.locator('gloss-thread').getByLabel('Your comment').waitFor()
    expect(describeViolations('thread-panel', await axeViolations(page))).toBe('')
    const unnamed = await page.evaluate(
      `[...document.querySelector('gloss-thread').shadowRoot.querySelectorAll('button, textarea, input')]
        .filter(e => !(e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent).trim()).length`,
    )
    expect(unnamed, 'every control in the panel has a name').toBe(0)
  }, 120_000)
})
