import { raw } from 'hono/html'
import type { CommentState } from '../kernel/words.ts'

interface Words {
  state: CommentState
  hiddenReason?: string | null
  quote: { exact: string } | null
  /** Sanitised when the comment was stored. */
  html: string
}

/**
 * A comment's words as the editors' pages (triage, the moderation queue) show them: the moderator's
 * reason when it is hidden, then its quote and body, or only that its author withdrew it.
 */
export const CommentWords = ({ comment: c }: { comment: Words }) => (
  <>
    {c.state === 'hidden' && c.hiddenReason ? (
      <p class="hidden-reason">
        <strong>Hidden by a moderator:</strong> {c.hiddenReason}
      </p>
    ) : null}
    {c.state === 'withdrawn' ? (
      <p class="comment-context muted">Withdrawn by its author.</p>
    ) : (
      <>
        {c.quote ? <blockquote class="comment-quote">{c.quote.exact}</blockquote> : null}
        <div class="comment-body" dir="auto">
          {raw(c.html)}
        </div>
      </>
    )}
  </>
)
