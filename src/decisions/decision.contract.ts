import { z } from '@hono/zod-openapi'
import { body, declare, empty, json, page, problem } from '../platform/http/contract.ts'
import { CommentParams } from '../comments/comment.contract.ts'
import { CommentView } from '../comments/comment.schemas.ts'
import { GuideParams } from '../guides/guide.schemas.ts'
import {
  BulkDecisionInput,
  Decided,
  DecisionInput,
  DecisionRecord,
  Released,
  ReleaseInput,
} from './decision.schemas.ts'
import { OnePageQuery } from '../platform/http/cursor.ts'

/** Editors' decisions on comments, one at a time with optimistic concurrency, or several at once. */
export const decisionContract = {
  comment: declare({
    method: 'get',
    path: '/comments/{id}',
    tag: 'comments',
    summary: 'One comment, with its ETag for If-Match',
    access: 'anyone',
    request: {
      params: CommentParams,
      headers: z.object({ 'if-none-match': z.string().optional() }),
    },
    responses: {
      200: json(CommentView, 'The comment; its ETag in the header'),
      304: empty('Unchanged since If-None-Match'),
    },
  }),
  decide: declare({
    method: 'put',
    path: '/comments/{id}/decision',
    tag: 'decisions',
    summary:
      "An editor's decision and response on a top-level comment, public or (`draft`) kept among the editors until released; If-Match with the ETag is honoured",
    access: 'editors of the guide',
    request: {
      params: CommentParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: body(DecisionInput),
    },
    responses: {
      200: json(CommentView, 'The comment with its decision; its new ETag in the header'),
      409: problem('A reply takes no decision, nor a comment waiting for moderation until it is approved'),
      412: problem('The comment changed since its ETag'),
    },
  }),
  history: declare({
    method: 'get',
    path: '/comments/{id}/decisions',
    tag: 'decisions',
    summary: 'Every decision recorded on a comment, oldest first',
    access: 'editors of the guide',
    request: { params: CommentParams, query: OnePageQuery },
    responses: { 200: json(page(DecisionRecord), 'The decisions, oldest first, in one page') },
  }),
  decideMany: declare({
    method: 'post',
    path: '/guides/{slug}/decisions',
    tag: 'decisions',
    summary: 'One decision on several comments of the guide, all or none',
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(BulkDecisionInput) },
    responses: { 200: json(Decided, 'The comments decided') },
  }),
  release: declare({
    method: 'post',
    path: '/guides/{slug}/decisions/release',
    tag: 'decisions',
    summary:
      "Make the guide's draft decisions public (all of them without `ids`), all or none; each is announced as decided",
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(ReleaseInput) },
    responses: { 200: json(Released, 'The comments whose decisions are now public') },
  }),
}
