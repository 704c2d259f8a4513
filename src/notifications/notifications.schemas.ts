import { z } from '@hono/zod-openapi'
import { NOTICE_TYPES } from '../kernel/words.ts'
import { page } from '../platform/http/contract.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export const FollowState = z
  .object({
    following: z.boolean(),
    blockKey: z.string().nullable().openapi({ description: 'The paragraph followed; null for the guide' }),
  })
  .openapi('FollowState')

/** Something a person follows, as they may read it now. */
export const Followed = z
  .object({
    slug: z.string(),
    title: z.string().openapi({ description: 'The title of the newest edition you may read' }),
    blockKey: z.string().nullable().openapi({ description: 'The paragraph followed; null for the guide' }),
    number: z
      .string()
      .nullable()
      .openapi({ description: "The paragraph's number in the newest edition you may read that has it" }),
  })
  .openapi('Followed')

export const Follows = page(Followed).openapi('Follows')

const Place = z.object({ key: z.string(), number: z.string() })

/** A notice: who, what and where, plus what its type says of its subject. */
export const Notice = z
  .object({
    id: z.string(),
    type: z.enum(NOTICE_TYPES),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    guide: z.object({ slug: z.string(), title: z.string() }),
    text: z.string().openapi({ description: 'The notice in a sentence' }),
    url: z
      .string()
      .openapi({ description: 'Where it leads: the reply, the decision, the redline, the edition' }),
    commentId: z.string().optional(),
    parentId: z.string().optional(),
    blockKey: z.string().nullable().optional(),
    blockNumber: z.string().nullable().optional(),
    editionNumber: z.number().int().optional(),
    fromEdition: z.number().int().optional(),
    decision: z.string().optional(),
    change: z.string().optional(),
    to: z.array(Place).optional(),
    redline: z
      .array(z.object({ text: z.string(), change: z.enum(['del', 'ins']).optional() }))
      .optional()
      .openapi({ description: "A revised paragraph's words before against after, word by word" }),
    comments: z
      .array(
        z.object({
          commentId: z.string(),
          carried: z.boolean().optional().openapi({
            description:
              'false: decided before this edition, it stays with its decision in the edition before (blockKey null)',
          }),
          blockKey: z.string().nullable(),
          blockNumber: z.string().nullable(),
          decision: z.string().optional().openapi({ description: 'The decision as released, never a draft' }),
          response: z.string().optional().openapi({ description: "The editors' response, as released" }),
        }),
      )
      .optional(),
  })
  .openapi('Notice')

export const Notices = page(Notice)
  .extend({ unread: z.number().int().openapi({ description: 'How many of your notices are unread' }) })
  .openapi('Notices')

const noticeId = z.string().regex(/^[1-9]\d{0,14}$/, fieldMessage('field.noticeId'))

export const ReadInput = z.strictObject({
  ids: z.array(noticeId).min(1).max(500).optional().openapi({ description: 'Without ids, every notice' }),
})

export const ReadResult = z
  .object({ marked: z.number().int(), unread: z.number().int() })
  .openapi('NoticesRead')
