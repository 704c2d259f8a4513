import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { axeViolations, describeViolations } from '../support/axe.ts'
import { describeInBrowser } from '../support/browser.ts'
import { visitGallery, type Gallery, type PageKind, type Viewer, type Width } from '../support/page-kinds.ts'
import { readFileSync, writeFileSync } from 'node:fs'
import { RESULTS_FILE, type AccessibilityResults } from '../../src/site/accessibility-results.ts'

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
    const found = new Map<string, { checks: string[]; seriousOrCritical: number }>()
    const record = (kind: string, check: string, violations: number) => {
      const entry = found.get(kind) ?? { checks: [], seriousOrCritical: 0 }
      entry.checks.push(check)
      entry.seriousOrCritical += violations
      found.set(kind, entry)
    }
    for (const width of ['desktop', 'phone'] as const)
      for (const kind of gallery.kinds) {
        const page = await visit(kind, width)
        const light = await axeViolations(page)
        if (light.length) failures.push(describeViolations(`${kind.kind} (${width}, light)`, light))
        record(kind.kind, `${width}, light`, light.length)
        // The dark scheme changes colours only: its contrast is checked at one width.
        if (width === 'desktop') {
          await page.emulateMedia({ colorScheme: 'dark' })
          const dark = await axeViolations(page, ['color-contrast', 'link-in-text-block'])
          if (dark.length) failures.push(describeViolations(`${kind.kind} (${width}, dark)`, dark))
          record(kind.kind, `${width}, dark (contrast)`, dark.length)
        }
        checked.push(`${kind.kind} ${width}`)
      }
    expect(failures.join('\n\n')).toBe('')
    // The accessibility statement publishes these results: the file it reads must hold this run's
    // pages and findings. UPDATE_ACCESSIBILITY_RESULTS=1 writes them, with today's date.
    const pages = gallery.kinds.map((kind) => ({
      kind: kind.kind,
      path: kind.path.replace(/\/invitations\/[^/]+$/, '/invitations/…'),
      ...(found.get(kind.kind) ?? { checks: [], seriousOrCritical: 0 }),
    }))
    if (process.env.UPDATE_ACCESSIBILITY_RESULTS) {
      const results: AccessibilityResults = {
        testedOn: new Date().toISOString().slice(0, 10),
        standard: 'WCAG 2.2 level A and AA',
        tool: `axe-core ${axeVersion()}`,
        browser: 'Chromium',
        pages,
      }
      writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`)
    }
    const stored = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as AccessibilityResults
    expect(
      stored.pages.map((p) => [p.kind, p.checks, p.seriousOrCritical]),
      'the statement’s results are out of date: run this test with UPDATE_ACCESSIBILITY_RESULTS=1 and commit src/site/accessibility-results.json',
    ).toEqual(pages.map((p) => [p.kind, p.checks, p.seriousOrCritical]))
    expect(stored.tool).toBe(`axe-core ${axeVersion()}`)
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

/** The axe-core the run used, as its package says. */
const axeVersion = () =>
  (
    JSON.parse(
      readFileSync(new URL('../../node_modules/axe-core/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
  ).version
