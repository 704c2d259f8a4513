import { z } from '@hono/zod-openapi'
import { body, declare, json, page } from '../platform/http/contract.ts'
import { HIDE_REASONS } from '../kernel/words.ts'
import { CommentParams } from '../comments/comment.contract.ts'
import { CommentView, Hide } from '../comments/comment.schemas.ts'
import { GuideParams } from '../guides/guide.schemas.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

/** The queue: comments waiting for a moderator, and flagged ones with each flag's reason. */
const Queue = z.object({
  pending: z.array(CommentView),
  flagged: z.array(
    z.object({
      comment: CommentView,
      flags: z.array(z.object({ reason: z.string(), createdAt: z.string() })),
    }),
  ),
})

/** One hiding, as the public sees it: when, where, and why — never the words hidden or their author. */
const LogEntry = z
  .object({
    at: z.string(),
    blockKey: z.string().nullable().openapi({ description: 'null for the general discussion' }),
    number: z.string().nullable().openapi({ description: "the paragraph's number in its edition" }),
    edition: z.number().int(),
    reasonCode: z.enum(HIDE_REASONS),
    reason: z.string(),
    restoredAt: z
      .string()
      .nullable()
      .openapi({ description: 'when the editors restored the comment after this hiding; null while hidden' }),
  })
  .openapi('ModerationLogEntry')

/** Moderation for a guide's editors: the queue, hiding with a reason, restoring. All audited. */
export const moderationContract = {
  queue: declare({
    method: 'get',
    path: '/guides/{slug}/moderation',
    tag: 'moderation',
    summary: 'The moderation queue: comments waiting for a moderator, and flagged comments with their flags',
    access: 'editors of the guide',
    request: { params: GuideParams },
    responses: { 200: json(Queue, 'The queue') },
  }),
  hide: declare({
    method: 'post',
    path: '/comments/{id}/hide',
    tag: 'moderation',
    summary: 'Hide a comment, with a reason its author sees',
    access: 'editors of the guide',
    request: { params: CommentParams, body: body(Hide) },
    responses: { 200: json(CommentView, 'The comment, hidden') },
  }),
  log: declare({
    method: 'get',
    path: '/guides/{slug}/moderation-log',
    tag: 'moderation',
    summary:
      "The guide's public record of moderation, newest first: when, which paragraph, the reason code and words",
    access: 'anyone',
    request: {
      params: GuideParams,
      query: z.object({
        cursor: z
          .string()
          .regex(/^\d{1,12}$/, fieldMessage('field.cursor'))
          .optional()
          .openapi({ description: 'The `next` of the page before.' }),
      }),
    },
    responses: {
      200: json(
        page(LogEntry).extend({
          policy: z.string().openapi({ description: "the guide's moderation policy" }),
        }),
        'A page of the record, with the policy it follows',
      ),
    },
  }),
  restore: declare({
    method: 'post',
    path: '/comments/{id}/restore',
    tag: 'moderation',
    summary: 'Publish a pending comment or restore a hidden one',
    access: 'editors of the guide',
    request: { params: CommentParams },
    responses: { 200: json(CommentView, 'The comment, published') },
  }),
}
