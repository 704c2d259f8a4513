import { HIDE_REASON_LABELS } from '../../kernel/hide-reason-label.ts'
import { HIDE_REASONS } from '../../kernel/words.ts'
import { Field, Select, type FormProblems } from '../../site/form.tsx'

/**
 * What every hide form asks, on the moderation queue and on a thread page alike: a reason code, which
 * the guide's public moderation log shows, and words its author sees.
 */
export const HideFields = (p: {
  prefix: string
  values?: Record<string, string> | undefined
  problems?: FormProblems | undefined
}) => (
  <>
    <Select
      prefix={p.prefix}
      name="reasonCode"
      label="Reason"
      hint="Shown in the guide's public moderation log, with the words below."
      placeholder="Choose a reason"
      options={HIDE_REASONS.map((code) => ({ value: code, label: HIDE_REASON_LABELS[code] }))}
      value={p.values?.reasonCode}
      required
      problems={p.problems}
    />
    <Field
      prefix={p.prefix}
      name="reason"
      label="Why it is hidden"
      hint="Its author sees this, and so does anyone reading the moderation log. The comment stays in the record."
      value={p.values?.reason}
      maxlength={1000}
      required
      problems={p.problems}
    />
  </>
)
