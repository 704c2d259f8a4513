import { Hono } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { search } from './search.service.ts'

/**
 * `GET /api/search?q=…` across every guide and `GET /api/guides/:slug/search?q=…` in one (see
 * search.schemas.ts for `type`, `page` and `edition`): results ranked, each with its snippet as parts
 * to mark. What a result may hold depends on who asks, so no cache keeps it.
 */
export const searchRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>()
    .get('/search', async (c) =>
      c.json(await search(db, c.get('viewer'), c.req.query()), 200, { 'cache-control': 'no-store' }),
    )
    .get('/guides/:slug/search', async (c) =>
      c.json(await search(db, c.get('viewer'), c.req.query(), c.req.param('slug')), 200, {
        'cache-control': 'no-store',
      }),
    )
