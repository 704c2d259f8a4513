import { readFileSync } from 'node:fs'

/**
 * What the project's own accessibility run found (test/browser/accessibility.test.ts writes the file
 * with UPDATE_ACCESSIBILITY_RESULTS=1, and fails when the pages it checks and the file disagree), so the
 * statement says what was actually tested rather than what someone remembers.
 */
export interface AccessibilityResults {
  /** The day of the run, YYYY-MM-DD. */
  testedOn: string
  standard: string
  tool: string
  browser: string
  /** Each kind of page checked: at which widths and colour schemes, and what was found. */
  pages: { kind: string; path: string; checks: string[]; seriousOrCritical: number }[]
}

export const RESULTS_FILE = new URL('./accessibility-results.json', import.meta.url)

export const accessibilityResults = (): AccessibilityResults =>
  JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as AccessibilityResults
