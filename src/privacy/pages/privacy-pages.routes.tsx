import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { privacyNotice } from '../privacy-notice.service.ts'
import { PrivacyPage } from './privacy.page.tsx'

/** `/g/:slug/privacy`: the guide's privacy notice, for anyone who may know of the guide. */
export const privacyPageRoutes = ({ database: { db }, assets }: Deps) =>
  new Hono<AppEnv>().get('/g/:slug/privacy', async (c) => {
    const notice = await privacyNotice(db, c.get('viewer'), c.req.param('slug'))
    return c.html(<PrivacyPage assets={assets} language={c.get('lang')} {...notice} />)
  })
