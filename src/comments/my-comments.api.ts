import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { myCommentsContract as contract } from './my-comments.contract.ts'
import { myComments } from './my-comments.service.ts'

/** The handler of my-comments.contract.ts's route: personal, so never stored by a cache. */
export const myCommentsApi = ({ database: { db } }: Deps) =>
  routes().openapi(contract.list, async (c) =>
    c.json(await myComments(db, c.get('viewer'), c.req.valid('query').cursor), 200, {
      'cache-control': 'no-store',
    }),
  )
