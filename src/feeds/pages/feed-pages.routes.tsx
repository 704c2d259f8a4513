import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { siteOrigin } from '../../platform/http/security.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { newFeedAddress } from '../feed.service.ts'
import { FEED_ADDRESS_PATH } from '../urls.ts'
import { FeedAddressPage } from './feed-address.page.tsx'
import { translator } from '../../platform/i18n/messages.ts'

/** The form on the account page that makes a new secret address for a person's own feed. */
export const feedPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => <a href="/account">{translator(c.get('lang'))('feed.back')}</a>)
  return new Hono<AppEnv>().post(FEED_ADDRESS_PATH, formLimit, async (c) => {
    const origin = siteOrigin(
      config,
      c.req.url,
      c.req.header('x-forwarded-proto'),
      c.req.header('x-forwarded-host'),
    )
    return page(
      c,
      <FeedAddressPage
        assets={assets}
        url={await newFeedAddress(db, origin, c.get('viewer'))}
        language={c.get('lang')}
      />,
    )
  })
}
