import { HIDE_REASONS } from '../../kernel/words.ts'
import { Field, Select, type FormProblems } from '../../site/form.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/**
 * What every hide form asks, on the moderation queue and on a thread page alike: a reason code, which
 * the guide's public moderation log shows, and words its author sees.
 */
export const HideFields = (p: {
  prefix: string
  values?: Record<string, string> | undefined
  problems?: FormProblems | undefined
  /** The interface language; the request's where the page does not say. */
  language?: Lang | undefined
}) => {
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <>
      <Select
        prefix={p.prefix}
        name="reasonCode"
        label={t('moderation.hideFields.reason')}
        hint={t('moderation.hideFields.reasonHint')}
        placeholder={t('moderation.hideFields.choose')}
        options={HIDE_REASONS.map((code) => ({ value: code, label: t(`hideReason.${code}`) }))}
        value={p.values?.reasonCode}
        required
        problems={p.problems}
        language={language}
      />
      <Field
        prefix={p.prefix}
        name="reason"
        label={t('moderation.hideFields.why')}
        hint={t('moderation.hideFields.whyHint')}
        value={p.values?.reason}
        maxlength={1000}
        required
        problems={p.problems}
        language={language}
      />
    </>
  )
}
