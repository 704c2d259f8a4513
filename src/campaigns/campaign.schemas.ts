import { z } from '@hono/zod-openapi'
import { DECISIONS } from '../kernel/words.ts'
import { idParam } from '../platform/http/contract.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export const CampaignParams = z.object({ id: idParam('That campaign') })
export const CampaignMemberParams = CampaignParams.extend({ commentId: idParam('That comment') })

export const CampaignPageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,12}$/, fieldMessage('field.cursor'))
    .optional()
    .openapi({ description: 'The `next` of the page before.' }),
})

/** A campaign as editors see it: its members, the people behind them, and where they commented. */
export const CampaignView = z.object({
  id: z.string(),
  /** How many comments are in it. */
  size: z.number().int(),
  /** How many different people sent them: the headcount. */
  people: z.number().int(),
  /** The words of its earliest comment, as the campaign's text. */
  representative: z.string(),
  representativeId: z.string(),
  commentIds: z.array(z.string()),
  /** The paragraphs its comments are on, by key; null for the general discussion. */
  blockKeys: z.array(z.string().nullable()),
  /** The decision it was given, one for every member (a draft is shown to its editors only). */
  decision: z
    .object({
      decision: z.enum(DECISIONS),
      response: z.string(),
      draft: z.boolean(),
      decidedAt: z.string(),
    })
    .nullable(),
})
export type CampaignView = z.infer<typeof CampaignView>

export const CampaignPage = z.object({ items: z.array(CampaignView), next: z.string().nullable() })
