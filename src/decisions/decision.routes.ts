import { Hono } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { readJson } from '../platform/http/validate.ts'
import { idParam } from '../people/people.routes.ts'
import { BulkDecisionInput, DecisionInput } from './decision.schemas.ts'
import { commentWithEtag, decide, decideMany, decisionsOf } from './decision.service.ts'

/** Editors' decisions on comments, one at a time with optimistic concurrency, or several at once. */
export const decisionRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>()
    .get('/comments/:id', async (c) => {
      const { comment, etag } = await commentWithEtag(
        db,
        c.get('viewer'),
        idParam(c.req.param('id'), 'That comment'),
      )
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag })
      return c.json(comment, 200, { etag, 'cache-control': 'private, no-cache' })
    })
    .put('/comments/:id/decision', async (c) => {
      const input = await readJson(c, DecisionInput)
      const { comment, etag } = await decide(
        db,
        c.get('viewer'),
        idParam(c.req.param('id'), 'That comment'),
        input,
        c.req.header('if-match'),
      )
      return c.json(comment, 200, { etag })
    })
    .get('/comments/:id/decisions', async (c) =>
      c.json(await decisionsOf(db, c.get('viewer'), idParam(c.req.param('id'), 'That comment'))),
    )
    .post('/guides/:slug/decisions', async (c) => {
      const { commentIds, ...input } = await readJson(c, BulkDecisionInput)
      return c.json(await decideMany(db, c.get('viewer'), c.req.param('slug'), commentIds.map(Number), input))
    })
