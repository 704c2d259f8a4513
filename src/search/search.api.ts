import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { searchContract as contract } from './search.contract.ts'
import { search } from './search.service.ts'

/**
 * The handlers of search.contract.ts's routes. What a result may hold depends on who asks, so no cache
 * keeps it.
 */
export const searchApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.everywhere, async (c) =>
      c.json(await search(db, c.get('viewer'), c.req.valid('query')), 200, { 'cache-control': 'no-store' }),
    )
    .openapi(contract.inGuide, async (c) =>
      c.json(await search(db, c.get('viewer'), c.req.valid('query'), c.req.valid('param').slug), 200, {
        'cache-control': 'no-store',
      }),
    )
