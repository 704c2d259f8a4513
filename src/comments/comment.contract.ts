import { z } from '@hono/zod-openapi'
import { body, declare, empty, idParam, json, page, problem } from '../platform/http/contract.ts'
import { EditionParams } from '../guides/guide.schemas.ts'
import { CommentEdit, CommentView, Counts, IdempotencyKey, NewComment, NewFlag } from './comment.schemas.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

const BlockParams = EditionParams.extend({ key: z.string() })
/** `:id` of a comment, for every feature's routes on one comment. */
export const CommentParams = z.object({ id: idParam('That comment') })
const Cursor = z.string().optional().openapi({ description: 'The `next` of the page before.' })
const Posting = z.object({ 'idempotency-key': IdempotencyKey.optional() })

const posted = {
  200: json(CommentView, 'The comment an earlier request with this Idempotency-Key made'),
  201: json(CommentView, 'The comment'),
  409: problem('The edition is not open for comments now'),
  429: problem('Too many comments from this person or address: see Retry-After'),
}

/** Comments on blocks and editions (SPEC.md's routes). */
export const commentContract = {
  counts: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/counts',
    tag: 'comments',
    summary:
      'Published comments per block, and whether you may comment (the small request beside a cached page)',
    access: 'anyone',
    request: { params: EditionParams },
    responses: { 200: json(Counts, 'The counts') },
  }),
  blockThread: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/blocks/{key}/comments',
    tag: 'comments',
    summary:
      "A block's thread: comments written on it and, marked `writtenOn`, open ones carried from earlier editions",
    access: 'anyone',
    request: { params: BlockParams, query: z.object({ cursor: Cursor }) },
    responses: { 200: json(page(CommentView), 'A page of the thread, oldest first') },
  }),
  postOnBlock: declare({
    method: 'post',
    path: '/guides/{slug}/editions/{n}/blocks/{key}/comments',
    tag: 'comments',
    summary: 'Comment on a block (an `Idempotency-Key` header makes retries safe)',
    access: 'people taking part in the guide',
    request: { params: BlockParams, headers: Posting, body: body(NewComment) },
    responses: posted,
  }),
  editionComments: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/comments',
    tag: 'comments',
    summary:
      'Every comment on an edition; `scope=general` for the general discussion, `scope=removed` for comments on removed text',
    access: 'anyone',
    request: {
      params: EditionParams,
      query: z.object({
        cursor: Cursor,
        scope: z
          .enum(['all', 'general', 'removed'], fieldMessage('field.threadScope'))
          .default('all')
          .openapi({ description: 'all (the default), general, or removed' }),
      }),
    },
    responses: { 200: json(page(CommentView), 'A page of comments, oldest first') },
  }),
  postGeneral: declare({
    method: 'post',
    path: '/guides/{slug}/editions/{n}/comments',
    tag: 'comments',
    summary: 'A general-discussion comment on the edition',
    access: 'people taking part in the guide',
    request: { params: EditionParams, headers: Posting, body: body(NewComment) },
    responses: posted,
  }),
  edit: declare({
    method: 'patch',
    path: '/comments/{id}',
    tag: 'comments',
    summary:
      'Edit your comment while the consultation is open (earlier wordings are kept); If-Match with its ETag is honoured',
    access: 'its author',
    request: {
      params: CommentParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: body(CommentEdit),
    },
    responses: {
      200: json(CommentView, 'The comment as edited (as it was, when nothing would change)'),
      409: problem('The consultation has closed, or the comment has a decision'),
      412: problem('The comment changed since its ETag was read (If-Match)'),
    },
  }),
  withdraw: declare({
    method: 'post',
    path: '/comments/{id}/withdraw',
    tag: 'comments',
    summary: 'Withdraw your comment (kept in the record, shown as withdrawn)',
    access: 'its author',
    request: { params: CommentParams },
    responses: { 200: json(CommentView, 'The comment, withdrawn') },
  }),
  flag: declare({
    method: 'post',
    path: '/comments/{id}/flags',
    tag: 'moderation',
    summary: 'Flag a comment for the editors',
    access: 'signed in',
    request: { params: CommentParams, body: body(NewFlag) },
    responses: { 204: empty('Flagged') },
  }),
}
