import { Hono, type Context } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { editionNumber } from '../platform/http/params.ts'
import { siteOrigin } from '../platform/http/security.ts'
import { clientHas } from '../platform/http/conditional.ts'
import { ATOM_TYPE, feedEtag, toAtom, type FeedDocument } from './atom.ts'
import { EDITIONS_FEED_PATH, PERSONAL_FEED_PATH } from './urls.ts'
import {
  allEditionsFeed,
  blockCommentsFeed,
  editionCommentsFeed,
  guideCommentsFeed,
  guideEditionsFeed,
  personalFeed,
} from './feed.service.ts'

/** Public feeds change with every comment, so a minute is as long as any cache may keep one. */
const PUBLIC_FEED = 'public, max-age=60'
const PERSONAL_FEED = 'private, no-store'

/**
 * Atom feeds: new comments per guide, edition and paragraph, published editions per guide and across
 * guides, and each person's own feed of replies and decisions, addressed by a secret since feed readers
 * carry no cookie. Answers 304 to a reader that already has the same feed. Registered before the reading
 * pages, whose `/g/:slug/:n` would otherwise take `/g/:slug/comments.atom`.
 */
export const feedRoutes = ({ database: { db }, config }: Deps) => {
  const origin = (c: Context) =>
    siteOrigin(config, c.req.url, c.req.header('x-forwarded-proto'), c.req.header('x-forwarded-host'))

  /**
   * `inLanguage`: the feed's entries speak the reader's language (the switch's cookie, else
   * Accept-Language, as pages do), so caches keep one copy a language and each has its own validator.
   */
  const send = async (c: Context<AppEnv>, doc: FeedDocument, cacheControl: string, inLanguage = false) => {
    const etag = inLanguage ? feedEtag(doc).replace(/"$/, `-${c.get('lang')}"`) : feedEtag(doc)
    const headers = {
      etag,
      'cache-control': cacheControl,
      ...(inLanguage ? { vary: 'Accept-Language, Cookie' } : {}),
    }
    if (clientHas(c, etag)) return c.body(null, 304, headers)
    return c.body(await toAtom(doc), 200, { ...headers, 'content-type': ATOM_TYPE })
  }

  return new Hono<AppEnv>()
    .get(EDITIONS_FEED_PATH, async (c) =>
      send(c, await allEditionsFeed(db, origin(c), c.get('lang')), PUBLIC_FEED, true),
    )
    .get('/g/:slug/comments.atom', async (c) =>
      send(c, await guideCommentsFeed(db, origin(c), c.req.param('slug'), c.get('lang')), PUBLIC_FEED, true),
    )
    .get('/g/:slug/editions.atom', async (c) =>
      send(c, await guideEditionsFeed(db, origin(c), c.req.param('slug'), c.get('lang')), PUBLIC_FEED, true),
    )
    .get('/g/:slug/:n/comments.atom', async (c) => {
      const number = editionNumber(c.req.param('n'))
      return send(
        c,
        await editionCommentsFeed(db, origin(c), c.req.param('slug'), number, c.get('lang')),
        PUBLIC_FEED,
        true,
      )
    })
    .get('/g/:slug/:n/b/:key/comments.atom', async (c) => {
      const { slug, key } = c.req.param()
      const number = editionNumber(c.req.param('n'))
      return send(
        c,
        await blockCommentsFeed(db, origin(c), slug, number, key, c.get('lang')),
        PUBLIC_FEED,
        true,
      )
    })
    .get(PERSONAL_FEED_PATH, async (c) =>
      send(
        c,
        await personalFeed(db, origin(c), c.get('viewer'), c.req.query('token'), c.get('lang')),
        PERSONAL_FEED,
        true,
      ),
    )
}
