import type { FlagView } from '../flag.repository.ts'
import { Time } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { translator } from '../../platform/i18n/messages.ts'

/**
 * A comment's open flags as its editors read them: who raised each, when and why. Only editors' pages
 * render this (triage, the queue, a thread seen by its moderators); nobody else is given flags.
 */
export const FlagList = ({
  flags,
  queue,
  language: given,
}: {
  flags: readonly FlagView[] | undefined
  queue?: string
  /** The interface language; the request's where the page does not say. */
  language?: Lang | undefined
}) => {
  if (!flags || flags.length === 0) return null
  const language = given ?? requestLanguage()
  const t = translator(language)
  return (
    <div class="comment-flags">
      <p class="comment-flags-title">
        <strong>{t('flags.title', { count: flags.length })}</strong>
      </p>
      <ul>
        {flags.map((f) => (
          <li>
            <strong class="flagged-by">{f.by}</strong>, <Time at={f.at} language={language} />:{' '}
            <span dir="auto">{f.reason}</span>
          </li>
        ))}
      </ul>
      {queue ? (
        <p>
          <a href={queue}>{t('flags.toQueue')}</a>
        </p>
      ) : null}
    </div>
  )
}
