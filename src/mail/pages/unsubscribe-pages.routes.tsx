import { Hono, type Context } from 'hono'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { personOfUnsubscribeToken, unsubscribe } from '../unsubscribe.service.ts'
import { notificationSettingsPath, unsubscribePath } from '../urls.ts'
import { UnsubscribePage } from './unsubscribe.page.tsx'

/**
 * The unsubscribe link of every message: signed, so it works without signing in. GET asks (a scanner
 * following links must not unsubscribe anyone); POST, from that page's button or straight from a mail
 * program (RFC 8058 one-click), turns email off. A link Gloss did not sign is not found.
 */
export const unsubscribePageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()
  const notFound = (c: Context<AppEnv>) => {
    const t = translator(c.get('lang'))
    return message(c, t('message.notFound.title'), <p>{t('unsubscribe.notOurs')}</p>, 404)
  }

  return new Hono<AppEnv>()
    .get('/unsubscribe/:token', async (c) => {
      const token = c.req.param('token')
      if ((await personOfUnsubscribeToken(db, token)) === undefined) return notFound(c)
      return page(
        c,
        <UnsubscribePage assets={assets} action={unsubscribePath(token)} language={c.get('lang')} />,
      )
    })
    .post('/unsubscribe/:token', formLimit, async (c) => {
      if (!(await unsubscribe(db, c.req.param('token')))) return notFound(c)
      const t = translator(c.get('lang'))
      return message(
        c,
        t('unsubscribe.done.title'),
        <p>
          {rich(t('unsubscribe.done.body', { link: slot('link') }), {
            link: <a href={notificationSettingsPath}>{t('unsubscribe.done.link')}</a>,
          })}
        </p>,
      )
    })
}
