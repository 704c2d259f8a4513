import { z } from 'zod'
import { NAMES_SHOWN } from '../../kernel/words.ts'

const NO_TITLE = 'Give the guide a title.'

/** The settings form as a browser sends it: strings, the choices as radio buttons. */
export const GuideSettingsForm = z.strictObject({
  title: z
    .string(NO_TITLE)
    .trim()
    .min(1, NO_TITLE)
    .max(200, 'A title is at most 200 characters.')
    // One line of text: a control character would show as nothing, and PostgreSQL refuses NUL.
    .refine((title) => !/\p{Cc}/u.test(title), 'A title is one line of plain text.'),
  names: z.enum(NAMES_SHOWN, 'Choose how reviewers’ names are shown to the public.'),
  publishByDefault: z
    .enum(['true', 'false'], 'Choose whether comments may be published unless their authors say not.')
    .transform((value) => value === 'true'),
  moderation: z.enum(['post', 'pre'], 'Choose how comments are moderated.'),
  // Empty for no period; else a whole number of days, at least 30 (what the API takes).
  retentionDays: z
    .string()
    .trim()
    .regex(/^\d{0,5}$/, 'Give a whole number of days, or leave it empty for no period.')
    .transform((value) => (value === '' ? null : Number(value)))
    .refine(
      (days) => days === null || days >= 30,
      'Keep personal data for at least 30 days, or leave it empty for no period.',
    )
    .optional(),
})
