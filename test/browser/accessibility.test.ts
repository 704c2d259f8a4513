import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations } from '../support/axe.ts'
import { describeInBrowser } from '../support/browser.ts'
import { visitGallery, type Gallery, type PageKind, type Viewer, type Width } from '../support/page-kinds.ts'

/**
 * axe-core on every kind of page Gloss serves (reading, the thread panel with its composer, the
 * no-script thread pages, the editor's and the admin's pages, sign-in, messages), at desktop and phone
 * width, in light and in dark: no serious or critical violation of WCAG 2.2 A and AA.
 */
describeInBrowser('every kind of page passes axe-core, in light and dark, in Chromium', () => {
  let opened: Awaited<ReturnType<typeof visitGallery>>
  let gallery: Gallery

  beforeAll(async () => {
    opened = await visitGallery()
    gallery = opened.gallery
  }, 180_000)
  afterAll(async () => {
    await opened.close()
  })
  const pageFor = (viewer: Viewer, width: Width) => opened.pageFor(viewer, width)

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
    // Every control, in the panel's shadow root and in those of the comments and forms inside it.
    const [controls, unnamed] = await page.evaluate<[number, number]>(
      `(() => {
        const controls = []
        const gather = (root) => {
          controls.push(...root.querySelectorAll('button, textarea, input'))
          for (const element of root.querySelectorAll('*')) if (element.shadowRoot) gather(element.shadowRoot)
        }
        gather(document.querySelector('gloss-thread').shadowRoot)
        const unnamed = controls.filter(e => !(e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent).trim())
        return [controls.length, unnamed.length]
      })()`,
    )
    expect(controls, 'the composer and the comments are looked at').toBeGreaterThan(5)
    expect(unnamed, 'every control in the panel has a name').toBe(0)
  }, 120_000)
})
