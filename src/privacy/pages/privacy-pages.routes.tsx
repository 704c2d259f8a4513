import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { invitationPath } from '../../people/urls.ts'
import { invitedPrivacyNotice, privacyNotice } from '../privacy-notice.service.ts'
import { PrivacyPage } from './privacy.page.tsx'

/** `/g/:slug/privacy`: the guide's privacy notice, for anyone who may know of the guide. */
export const privacyPageRoutes = ({ database: { db }, assets, config }: Deps) =>
  new Hono<AppEnv>()
    .get('/g/:slug/privacy', async (c) => {
      const notice = await privacyNotice(db, c.get('viewer'), c.req.param('slug'))
      return c.html(
        <PrivacyPage
          assets={assets}
          language={c.get('lang')}
          contact={config.contactEmail}
          addressDays={config.addressRetentionDays}
          {...notice}
        />,
      )
    })
    // For whoever holds an invitation to the guide, signed in or not; its address holds the token, so
    // the page is never kept by any cache.
    .get('/invitations/:token/privacy', async (c) => {
      const token = c.req.param('token')
      const { guideReadable, ...notice } = await invitedPrivacyNotice(db, token)
      c.header('cache-control', 'no-store')
      return c.html(
        <PrivacyPage
          assets={assets}
          language={c.get('lang')}
          {...notice}
          contact={config.contactEmail}
          addressDays={config.addressRetentionDays}
          invitation={{ path: invitationPath(token), guideReadable }}
        />,
      )
    })
