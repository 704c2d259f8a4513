/** The product's words for comment kinds and editors' decisions, as the thread panel shows them. */

export const KINDS = [
  ['comment', 'Comment'],
  ['reflection', 'Reflection'],
  ['example', 'Example'],
] as const

export const DECISIONS: Record<string, string> = {
  accepted: 'Accepted',
  'partly-accepted': 'Partly accepted',
  'not-accepted': 'Not accepted',
  noted: 'Noted (no change needed)',
  'out-of-scope': 'Out of scope',
  duplicate: 'Duplicate',
}

/** A kind's label, or the kind itself for one this bundle does not know yet. */
export const kindLabel = (kind: string): string => KINDS.find(([value]) => value === kind)?.[1] ?? kind
