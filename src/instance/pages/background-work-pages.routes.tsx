import { Hono } from 'hono'
import { idFrom } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { backgroundWork, retryBackgroundJob } from '../background-work.service.ts'
import { BackgroundWorkPage } from './background-work.page.tsx'

/** `/admin/jobs`: the job queue's waiting and failed work, and trying a failed job again. */
export const backgroundWorkPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()
  return new Hono<AppEnv>()
    .get('/admin/jobs', async (c) =>
      page(
        c,
        <BackgroundWorkPage
          assets={assets}
          work={await backgroundWork(db, c.get('viewer'))}
          retried={c.req.query('retried') === '1'}
          language={c.get('lang')}
        />,
      ),
    )
    .post('/admin/jobs/:id/retry', formLimit, async (c) => {
      await retryBackgroundJob(db, c.get('viewer'), idFrom(c.req.param('id'), 'That failed job'))
      return c.redirect('/admin/jobs?retried=1', 303)
    })
}
