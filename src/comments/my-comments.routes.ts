import { Hono } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { myComments } from './my-comments.service.ts'

/**
 * `GET /api/me/comments`: the signed-in person's own comments across all guides, newest first, as
 * `{items, next, summary}`; 401 for the public. Personal, so never stored by a cache.
 */
export const myCommentsRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>().get('/me/comments', async (c) =>
    c.json(await myComments(db, c.get('viewer'), c.req.query('cursor')), 200, {
      'cache-control': 'no-store',
    }),
  )
