import { z } from '@hono/zod-openapi'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { storableText } from '../kernel/storable-text.ts'

/** Enough for any theme's name: it is read as a heading and a column of the picture. */
export const MAX_NAME = 80
export const MAX_DESCRIPTION = 2_000
/** A response to a theme is read in the report beside the comments it answers: as long as a decision's. */
export const MAX_RESPONSE = 10_000
/** One request tags at most this many comments: a page of triage's filters at its largest, many times over. */
export const MAX_BULK = 5_000

const Name = storableText().trim().min(1, fieldMessage('field.themeName')).max(MAX_NAME)
const CommentId = z.string().regex(/^[1-9]\d{0,11}$/, fieldMessage('field.commentId'))

export const NewTheme = z
  .object({
    name: Name,
    description: storableText().max(MAX_DESCRIPTION).optional(),
    commentIds: z
      .array(CommentId)
      .max(MAX_BULK)
      .optional()
      .openapi({ description: 'Comments to gather under it at once: accepting a suggested theme.' }),
  })
  .strict()
  .openapi('NewTheme')

export const ThemeChange = z
  .object({
    name: Name.optional(),
    description: storableText().max(MAX_DESCRIPTION).optional(),
    response: storableText()
      .max(MAX_RESPONSE)
      .optional()
      .openapi({ description: "The editors' one response to everything the theme gathers." }),
  })
  .strict()
  .openapi('ThemeChange')

export const CommentIds = z.object({ commentIds: z.array(CommentId).min(1).max(MAX_BULK) }).strict()

export const CommentThemes = z
  .object({ themeIds: z.array(z.string().regex(/^[1-9]\d{0,11}$/, fieldMessage('field.themeId'))).max(100) })
  .strict()
  .openapi('CommentThemes')

export const ThemeView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    response: z.string(),
    count: z.number().int().openapi({ description: 'Comments it gathers, on every edition.' }),
    updatedAt: z.string(),
  })
  .openapi('Theme')

export const ThemeRef = z.object({ id: z.string(), name: z.string() })

export const Suggestion = z
  .object({
    phrase: z.string(),
    commentIds: z.array(z.string()),
  })
  .openapi('SuggestedTheme')

export const Tagged = z.object({
  changed: z.number().int().openapi({ description: 'How many comments gained (or lost) the theme.' }),
  theme: ThemeView,
})
