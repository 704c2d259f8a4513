import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { moderationContract as contract } from './moderation.contract.ts'
import { hideComment, moderationQueue, restoreComment } from './moderation.service.ts'
import { moderationLog } from './moderation-log.service.ts'

/** The handlers of moderation.contract.ts's routes. */
export const moderationApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.queue, async (c) =>
      c.json(await moderationQueue(db, c.get('viewer'), c.req.valid('param').slug), 200),
    )
    .openapi(contract.hide, async (c) =>
      c.json(
        await hideComment(db, c.get('viewer'), Number(c.req.valid('param').id), c.req.valid('json')),
        200,
      ),
    )
    .openapi(contract.log, async (c) => {
      const { cursor } = c.req.valid('query')
      const log = await moderationLog(
        db,
        c.get('viewer'),
        c.req.valid('param').slug,
        cursor === undefined ? undefined : Number(cursor),
      )
      return c.json(
        {
          policy: log.policy,
          items: log.items.map((entry) => ({
            ...entry,
            at: entry.at.toISOString(),
            restoredAt: entry.restoredAt?.toISOString() ?? null,
          })),
          next: log.next,
        },
        200,
      )
    })
    .openapi(contract.restore, async (c) =>
      c.json(await restoreComment(db, c.get('viewer'), Number(c.req.valid('param').id)), 200),
    )
