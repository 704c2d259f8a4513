import { z } from 'zod'
import { NAMES_SHOWN } from '../../kernel/words.ts'
import { fieldMessage } from '../../platform/i18n/field-messages.ts'
import { guideTitle } from '../guide.schemas.ts'

const NO_TITLE = fieldMessage('field.titleEmpty')

/** The settings form as a browser sends it: strings, the choices as radio buttons. */
export const GuideSettingsForm = z.strictObject({
  title: guideTitle(NO_TITLE),
  names: z.enum(NAMES_SHOWN, fieldMessage('field.settings.names')),
  publishByDefault: z
    .enum(['true', 'false'], fieldMessage('field.settings.publishByDefault'))
    .transform((value) => value === 'true'),
  moderation: z.enum(['post', 'pre'], fieldMessage('field.settings.moderation')),
  // Empty for no period; else a whole number of days, at least 30 (what the API takes).
  retentionDays: z
    .string()
    .trim()
    .regex(/^\d{0,5}$/, fieldMessage('field.settings.retentionWhole'))
    .transform((value) => (value === '' ? null : Number(value)))
    .refine((days) => days === null || days >= 30, fieldMessage('field.settings.retentionShort'))
    .optional(),
})
