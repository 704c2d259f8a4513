import type { HideReason } from './words.ts'

/** How a reason for hiding reads to people: in the moderators' forms, the public log and the report. */
export const HIDE_REASON_LABELS: Record<HideReason, string> = {
  'off-topic': 'Off topic',
  abusive: 'Abusive',
  'personal-data': 'Personal data',
  spam: 'Spam',
  duplicate: 'Duplicate',
  other: 'Other',
}
