import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { clientHas } from '../platform/http/conditional.ts'
import { decisionContract as contract } from './decision.contract.ts'
import { commentWithEtag, decide, decideMany, decisionsOf, releaseDecisions } from './decision.service.ts'

/** The handlers of decision.contract.ts's routes. */
export const decisionApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.comment, async (c) => {
      const { comment, etag } = await commentWithEtag(db, c.get('viewer'), Number(c.req.valid('param').id), {
        drafts: true,
      })
      if (clientHas(c, etag)) return c.body(null, 304, { etag })
      return c.json(comment, 200, { etag, 'cache-control': 'private, no-cache' })
    })
    .openapi(contract.decide, async (c) => {
      const { comment, etag } = await decide(
        db,
        c.get('viewer'),
        Number(c.req.valid('param').id),
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      )
      return c.json(comment, 200, { etag })
    })
    .openapi(contract.history, async (c) =>
      c.json(await decisionsOf(db, c.get('viewer'), Number(c.req.valid('param').id)), 200),
    )
    .openapi(contract.decideMany, async (c) => {
      const { commentIds, ...input } = c.req.valid('json')
      return c.json(
        await decideMany(db, c.get('viewer'), c.req.valid('param').slug, commentIds.map(Number), input),
        200,
      )
    })
    .openapi(contract.release, async (c) => {
      const { ids } = c.req.valid('json')
      return c.json(
        await releaseDecisions(db, c.get('viewer'), c.req.valid('param').slug, ids?.map(Number)),
        200,
      )
    })
