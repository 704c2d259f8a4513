import { raw } from 'hono/html'
import type { CommentState, HideReason } from '../kernel/words.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { requestLanguage } from '../platform/http/language.tsx'

interface Hidden {
  state: CommentState
  hiddenReason?: string | null
  hiddenReasonCode?: HideReason | null
}

interface Words extends Hidden {
  quote: { exact: string } | null
  /** Sanitised when the comment was stored. */
  html: string
}

/** Why a moderator hid the comment, for those shown it (its author, the guide's moderators). */
export const HiddenReason = ({ comment: c, language }: { comment: Hidden; language?: Lang | undefined }) => {
  if (c.state !== 'hidden' || !c.hiddenReason) return null
  const t = translator(language ?? requestLanguage())
  return (
    <p class="hidden-reason">
      <strong>
        {c.hiddenReasonCode
          ? t('comment.hiddenByFor', { reason: t(`hideReason.${c.hiddenReasonCode}`) })
          : t('comment.hiddenBy')}
      </strong>{' '}
      {c.hiddenReason}
    </p>
  )
}

/**
 * A comment's words as the editors' pages (triage, the moderation queue) show them: the moderator's
 * reason when it is hidden, then its quote and body, or only that its author withdrew it.
 */
export const CommentWords = ({
  comment: c,
  language,
  textLang,
}: {
  comment: Words
  language?: Lang | undefined
  /** The guide's text's language, which the words a comment quotes are in. */
  textLang?: string | undefined
}) => (
  <>
    <HiddenReason comment={c} language={language} />
    {c.state === 'withdrawn' ? (
      <p class="comment-context muted">{translator(language ?? requestLanguage())('comment.withdrawn')}</p>
    ) : (
      <>
        {c.quote ? (
          <blockquote class="comment-quote" lang={textLang}>
            {c.quote.exact}
          </blockquote>
        ) : null}
        <div class="comment-body" dir="auto">
          {raw(c.html)}
        </div>
      </>
    )}
  </>
)
