import type { MiddlewareHandler } from 'hono'
import type { Db } from '../db/database.ts'
import { notFound } from '../../kernel/errors.ts'
import { guideKnowledge } from '../../guides/reading.service.ts'
import type { AppEnv } from './env.ts'

/**
 * How long a guide found public is taken as public without asking again: an edition never goes back to
 * draft, so only an instance restore can make it untrue, and then for no longer than this. Reading pages
 * are served from memory, and this keeps them from asking the database on every request.
 */
const PUBLIC_KEPT_MS = 5000
const PUBLIC_KEPT = 1024

/**
 * Every address under a guide (`/api/guides/:slug/...`, `/g/:slug/...`) answers 404 for a guide the
 * viewer may not know of, with the words used for a slug that does not exist, before any route asks for
 * a sign-in, a permission or a valid body: no 401, 403 or 422 tells a draft-only guide from nothing.
 * Routes still decide what of a known guide the viewer may read or do.
 */
export function knownGuidesOnly(db: Db): MiddlewareHandler<AppEnv> {
  const publicAt = new Map<string, number>()
  return async (c, next) => {
    const slug = c.req.param('slug')
    if (slug === undefined) return next()
    const seen = publicAt.get(slug)
    if (seen === undefined || Date.now() - seen >= PUBLIC_KEPT_MS) {
      const knowledge = await guideKnowledge(db, c.get('viewer'), slug)
      if (!knowledge) throw notFound(`The guide "${slug}"`)
      if (knowledge === 'public') {
        publicAt.delete(slug)
        publicAt.set(slug, Date.now())
        if (publicAt.size > PUBLIC_KEPT) publicAt.delete(publicAt.keys().next().value ?? slug)
      }
    }
    await next()
  }
}
