import { z } from '@hono/zod-openapi'
import { body, declare, empty, json, problem } from '../platform/http/contract.ts'
import { GuideParams } from '../guides/guide.schemas.ts'
import { Follows, FollowState, Notices, ReadInput, ReadResult } from './notifications.schemas.ts'

const BlockParams = GuideParams.extend({ key: z.string() })

const follow = <P extends z.ZodObject>(method: 'put' | 'delete', path: string, what: string, params: P) =>
  declare({
    method,
    path,
    tag: 'notifications',
    summary: `${method === 'put' ? 'Follow' : 'Stop following'} ${what}; doing it twice is doing it once`,
    access: 'signed in',
    request: { params },
    responses: { 200: json(FollowState, method === 'put' ? 'Followed' : 'No longer followed') },
  })

/** Whether the viewer follows it: asked by the thread panel's toggle, one person's answer. */
const followed = <P extends z.ZodObject>(path: string, what: string, params: P) =>
  declare({
    method: 'get',
    path,
    tag: 'notifications',
    summary: `Whether you follow ${what}`,
    access: 'signed in',
    request: { params },
    responses: { 200: json(FollowState, 'Whether you follow it') },
  })

/** Following guides and paragraphs, and the notices a person is sent about them. */
export const notificationsContract = {
  guideFollowed: followed('/guides/{slug}/follow', 'a guide', GuideParams),
  blockFollowed: followed('/guides/{slug}/blocks/{key}/follow', 'a paragraph by its key', BlockParams),
  followGuide: follow('put', '/guides/{slug}/follow', 'a guide you may read', GuideParams),
  unfollowGuide: follow('delete', '/guides/{slug}/follow', 'a guide', GuideParams),
  followBlock: follow(
    'put',
    '/guides/{slug}/blocks/{key}/follow',
    'a paragraph by its key, in every edition along its lineage',
    BlockParams,
  ),
  unfollowBlock: follow('delete', '/guides/{slug}/blocks/{key}/follow', 'a paragraph', BlockParams),
  follows: declare({
    method: 'get',
    path: '/me/follows',
    tag: 'notifications',
    summary: 'What you follow, newest first: guides, and paragraphs by key; only what you may still read',
    access: 'signed in',
    request: {
      query: z.object({
        cursor: z.string().optional().openapi({ description: 'The `next` of the page before.' }),
      }),
    },
    responses: { 200: json(Follows, 'A page of what you follow') },
  }),
  list: declare({
    method: 'get',
    path: '/me/notifications',
    tag: 'notifications',
    summary: 'Your notices, newest first, each with a sentence and a link, and how many are unread',
    access: 'signed in',
    request: {
      query: z.object({
        cursor: z.string().optional().openapi({ description: 'The `next` of the page before.' }),
      }),
    },
    responses: { 200: json(Notices, 'A page of your notices') },
  }),
  read: declare({
    method: 'post',
    path: '/me/notifications/read',
    tag: 'notifications',
    summary: 'Mark your notices read: those of `ids`, or all of them without',
    access: 'signed in',
    request: { body: { ...body(ReadInput), required: false } },
    responses: { 200: json(ReadResult, 'How many were marked, and how many are still unread') },
  }),
  events: declare({
    method: 'get',
    path: '/me/notifications/events',
    tag: 'notifications',
    summary:
      'Server-Sent Events: `unread` with `data` `{unread}` when the stream opens and whenever your count changes; `reconnect` when your session ends',
    access: 'signed in',
    responses: {
      200: {
        description: 'An event stream',
        content: { 'text/event-stream': { schema: z.string() } },
      },
      204: empty('Nobody is signed in, so there is nothing to stream: an EventSource stops here'),
      429: problem('This session holds as many streams as it may: see Retry-After'),
      503: problem('The server holds as many streams as it can: see Retry-After'),
    },
  }),
}
