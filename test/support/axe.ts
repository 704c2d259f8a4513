import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SHOTS } from './browser-server.ts'
import { ROOT } from './process.ts'

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** The WCAG levels Gloss promises (SPEC: WCAG 2.2 AA), as axe-core tags them. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export interface Violation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/**
 * axe-core's serious and critical findings on the page as it stands (open shadow roots included).
 * `rules` narrows the run, e.g. to `color-contrast` for a second colour scheme.
 */
export async function axeViolations(page: Page, rules?: string[]): Promise<Violation[]> {
  // Evaluated rather than added as a script tag, which the pages' Content Security Policy refuses.
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE)
  const options = rules
    ? { runOnly: { type: 'rule', values: rules } }
    : { runOnly: { type: 'tag', values: WCAG_AA } }
  const result = await page.evaluate<{ violations: Violation[] }>(
    `axe.run(document, ${JSON.stringify(options)})`,
  )
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** The first reason axe gives for a node, e.g. "Element has insufficient color contrast of 3.1". */
const reason = (summary = '') =>
  summary
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line && !line.startsWith('Fix ')) ?? ''

/** Violations as a person reads them in a failed test: rule, impact, what to do, where and why. */
export const describeViolations = (where: string, violations: Violation[]): string =>
  violations
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact ?? '?'}) ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    at ${JSON.stringify(n.target)}: ${reason(n.failureSummary)}`)
          .join('\n') +
        (v.nodes.length > 5 ? `\n    ...and ${String(v.nodes.length - 5)} more` : ''),
    )
    .join('\n')

/** Where a page kind's screenshot goes: `<kind>-<desktop|phone>[-dark].png` under SHOTS. */
export const shotPath = (kind: string, width: 'desktop' | 'phone', dark = false): string =>
  join(SHOTS, `${kind}-${width}${dark ? '-dark' : ''}.png`)

/** The viewports the looks are checked at. */
export const VIEWPORTS = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 375, height: 800 },
} as const
