import { z } from '@hono/zod-openapi'
import { declare, json } from '../platform/http/contract.ts'
import { MyComments } from './my-comments.schemas.ts'

/** "What happened to my comments", for scripts and the page alike. */
export const myCommentsContract = {
  list: declare({
    method: 'get',
    path: '/me/comments',
    tag: 'comments',
    summary: 'What happened to your comments: each with its decision, response and the change',
    access: 'signed in',
    request: {
      query: z.object({
        cursor: z.string().optional().openapi({ description: 'The `next` of the page before.' }),
      }),
    },
    responses: { 200: json(MyComments, 'A page of your comments, newest first, with counts per decision') },
  }),
}
