import type { Decision } from './words.ts'

/** How a decision reads to people: the words the report, triage and a reviewer's page all use. */
export const DECISION_LABELS: Record<Decision, string> = {
  open: 'Open (no decision yet)',
  accepted: 'Accepted',
  'partly-accepted': 'Partly accepted',
  'not-accepted': 'Not accepted',
  noted: 'Noted (no change needed)',
  'out-of-scope': 'Out of scope',
  duplicate: 'Duplicate',
}
