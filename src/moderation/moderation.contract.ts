import { z } from '@hono/zod-openapi'
import { body, declare, json } from '../platform/http/contract.ts'
import { CommentParams } from '../comments/comment.contract.ts'
import { CommentView, Hide } from '../comments/comment.schemas.ts'
import { GuideParams } from '../guides/guide.schemas.ts'

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
