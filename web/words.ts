import { DECISION_LABELS } from '../src/kernel/decision-label.ts'
import { KIND_LABELS } from '../src/kernel/kind-label.ts'
import { COMMENT_KINDS } from '../src/kernel/words.ts'

/** The product's words for comment kinds and editors' decisions, bundled from the server's own (src/kernel/). */

export { KIND_HINTS, kindLabel } from '../src/kernel/kind-label.ts'

export const KINDS = COMMENT_KINDS.map((kind) => [kind, KIND_LABELS[kind]] as const)

export const DECISIONS: Record<string, string> = DECISION_LABELS
