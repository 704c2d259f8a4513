import { z } from 'zod'

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
  namesPublic: z
    .enum(['true', 'false'], 'Choose whether reviewers’ names are shown to the public.')
    .transform((value) => value === 'true'),
  moderation: z.enum(['post', 'pre'], 'Choose how comments are moderated.'),
})
