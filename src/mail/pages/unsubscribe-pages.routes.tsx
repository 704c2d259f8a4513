import { Hono, type Context } from 'hono'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { personOfUnsubscribeToken, unsubscribe, unsubscribeLanguage } from '../unsubscribe.service.ts'
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

  /**
   * The link came in a message written in its person's language: the pages it leads to are in it too,
   * whatever the browser that opened it asks for (a person who never chose reads the request's).
   */
  const speakTo = async (c: Context<AppEnv>, personId: number | undefined) => {
    const language = personId === undefined ? undefined : await unsubscribeLanguage(db, personId)
    if (language) c.set('lang', language)
  }

  return new Hono<AppEnv>()
    .get('/unsubscribe/:token', async (c) => {
      const token = c.req.param('token')
      const personId = await personOfUnsubscribeToken(db, token)
      if (personId === undefined) return notFound(c)
      await speakTo(c, personId)
      return page(
        c,
        <UnsubscribePage assets={assets} action={unsubscribePath(token)} language={c.get('lang')} />,
      )
    })
    .post('/unsubscribe/:token', formLimit, async (c) => {
      const token = c.req.param('token')
      if (!(await unsubscribe(db, token))) return notFound(c)
      await speakTo(c, await personOfUnsubscribeToken(db, token))
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
