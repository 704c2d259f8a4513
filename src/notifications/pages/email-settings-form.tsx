import type { EmailChoice } from '../../kernel/words.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'
import { ErrorSummary, StatusMessage, Time, errorFor, type FormProblems } from '../../site/form.tsx'
import { rich, slot } from '../../site/rich-message.tsx'
import { emailSettingsPath } from '../notification-settings.urls.ts'

const CHOICES = [
  { value: 'immediate', label: 'email.immediate' },
  { value: 'daily', label: 'email.daily' },
  { value: 'weekly', label: 'email.weekly' },
  { value: 'off', label: 'email.off' },
] as const satisfies readonly { value: EmailChoice; label: MessageKey }[]

export interface EmailSettingsFormProps {
  email: EmailChoice
  mailEnabled: boolean
  /** When digests go out (DIGEST_HOUR in TIME_ZONE), said in the hint; unknown without a mail server. */
  digestAt?: { hour: number; timeZone: string } | undefined
  saved?: boolean
  /** A mail server refused the person's address for good: nothing is sent to it until they say it works. */
  bounce?: { address: string; reason: string; at: Date } | null | undefined
  /** They said it works again. */
  retried?: boolean
  /** A refused choice (only a hand-made request can send one), shown with a link to the first option. */
  problems?: FormProblems | undefined
  language: Lang
}

/**
 * How a person's notices reach them by email: a plain form, complete without JavaScript, on the notices
 * page (its one place). Where the instance has no mail server it says so, and the choice is kept for
 * when it has one.
 */
export const EmailSettingsForm = (p: EmailSettingsFormProps) => {
  const t = translator(p.language)
  // The one refusal there is: a choice that is none of these, which only a hand-made request sends.
  const error = errorFor(p.problems, 'email') ? t('email.choose') : undefined
  return (
    <section aria-labelledby="email-title" id="email">
      <h2 id="email-title">{t('email.heading')}</h2>
      {/* The summary's link goes to the first option, the group's one field with an id of its own. */}
      <ErrorSummary
        problems={
          p.problems && {
            ...p.problems,
            fields: p.problems.fields.map((f) => ({
              ...f,
              name: 'email-choice',
              message: t('email.choose'),
            })),
          }
        }
        language={p.language}
      />
      {p.saved ? <StatusMessage>{t('email.saved')}</StatusMessage> : null}
      {p.retried ? <StatusMessage>{t('email.retried')}</StatusMessage> : null}
      {p.bounce ? (
        <div class="notice" id="email-bounced">
          <p>
            {rich(
              t('email.bounced', { address: p.bounce.address, date: slot('date'), reason: p.bounce.reason }),
              {
                date: <Time at={p.bounce.at} language={p.language} />,
              },
            )}
          </p>
          <form method="post" action={`${emailSettingsPath}/retry`}>
            <button type="submit" class="button button-secondary">
              {t('email.retry')}
            </button>
          </form>
        </div>
      ) : null}
      {p.mailEnabled ? null : <p class="notice">{t('email.noMail')}</p>}
      <form method="post" action={emailSettingsPath} class="form">
        <fieldset
          class={error ? 'field field-invalid' : 'field'}
          aria-describedby={error ? 'email-hint email-error' : 'email-hint'}
        >
          <legend>{t('email.legend')}</legend>
          <p class="field-hint" id="email-hint">
            {p.digestAt
              ? t('email.hintAt', {
                  time: `${String(p.digestAt.hour).padStart(2, '0')}:00`,
                  zone: p.digestAt.timeZone,
                })
              : t('email.hint')}
          </p>
          {error ? (
            <p class="field-error" id="email-error">
              <span class="visually-hidden">{`${t('form.errorPrefix')} `}</span>
              {error}
            </p>
          ) : null}
          {CHOICES.map((choice, i) => (
            <div class="choice">
              <input
                type="radio"
                id={i === 0 ? 'email-choice' : `email-choice-${choice.value}`}
                name="email"
                value={choice.value}
                checked={p.email === choice.value}
              />
              <label for={i === 0 ? 'email-choice' : `email-choice-${choice.value}`}>{t(choice.label)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {t('form.save')}
        </button>
      </form>
    </section>
  )
}
