import type { Decision } from '../kernel/words.ts'

/** A comment's decision as a thread shows it: released, or a draft shown to its editors over the released one. */
interface ShownDecision {
  decision: Decision
  draft?: true | undefined
  /** On a draft: the decision released before it, which still holds for everyone else. */
  released?: Decision | undefined
}

/**
 * Whether a comment's words stay as they are: a decision on them has been released, and
 * comment-change.service.ts refuses to reword it (409 comment-decided). An editor shown a draft over a
 * released decision is held to the released one, as the server holds them; the page and the panel ask
 * this so neither offers an Edit the server would refuse.
 */
export const wordsKept = (c: { decision: ShownDecision | null }) => {
  if (c.decision === null) return false
  const standing = c.decision.draft === true ? (c.decision.released ?? 'open') : c.decision.decision
  return standing !== 'open'
}
