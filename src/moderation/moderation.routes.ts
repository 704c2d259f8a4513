import { Hono } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { readJson } from '../platform/http/validate.ts'
import { Hide } from '../comments/comment.schemas.ts'
import { idParam } from '../people/people.routes.ts'
import { hideComment, moderationQueue, restoreComment } from './moderation.service.ts'

/** Moderation for a guide's editors: the queue, hiding with a reason, restoring. All audited. */
export const moderationRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>()
    .get('/guides/:slug/moderation', async (c) =>
      c.json(await moderationQueue(db, c.get('viewer'), c.req.param('slug'))),
    )
    .post('/comments/:id/hide', async (c) => {
      const { reason } = await readJson(c, Hide)
      return c.json(
        await hideComment(db, c.get('viewer'), idParam(c.req.param('id'), 'That comment'), reason),
      )
    })
    .post('/comments/:id/restore', async (c) =>
      c.json(await restoreComment(db, c.get('viewer'), idParam(c.req.param('id'), 'That comment'))),
    )
