import { Hono } from 'hono'
import { isId } from '../../kernel/ids.ts'
import { invalid } from '../../kernel/errors.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { moderationLog } from '../moderation-log.service.ts'
import { ModerationLogPage } from './moderation-log.page.tsx'
import { fieldMessage } from '../../platform/i18n/field-messages.ts'

/** `/g/:slug/moderation-log`: the guide's moderation policy and public log, for anyone who may read it. */
export const moderationLogPageRoutes = ({ database: { db }, assets }: Deps) =>
  new Hono<AppEnv>().get('/g/:slug/moderation-log', async (c) => {
    const cursor = c.req.query('cursor')
    if (cursor !== undefined && !isId(cursor))
      throw invalid('That is not a page of this log.', [
        { pointer: '/cursor', detail: fieldMessage('field.logEarlier') },
      ])
    const log = await moderationLog(
      db,
      c.get('viewer'),
      c.req.param('slug'),
      cursor === undefined ? undefined : Number(cursor),
    )
    return c.html(
      <ModerationLogPage
        assets={assets}
        language={c.get('lang')}
        {...log}
        continued={cursor !== undefined}
      />,
    )
  })
