import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { EMAIL_CHOICES } from '../../kernel/words.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { signedIn } from '../../people/request.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { safeNext, sendToSignIn, signInUrl } from '../../site/sign-in.ts'
import { submitForm } from '../../site/form-route.ts'
import { problemsOf, type FormProblems } from '../../site/form.tsx'
import { isCursor } from '../../comments/urls.ts'
import { guidePath } from '../../guides/urls.ts'
import { markNoticesRead, myNotices, openNotice } from '../notice.service.ts'
import { announceNotices } from '../notice-announce.ts'
import { setFollow } from '../follow.service.ts'
import {
  changeNotificationSettings,
  mailBounce,
  notificationSettings,
  retryMail,
} from '../notification-settings.service.ts'
import { emailSettingsPagePath, emailSettingsPath } from '../notification-settings.urls.ts'
import { followedPath, followingPath, markAllReadPath, notificationsPath } from '../urls.ts'
import { NotificationsPage } from './notifications.page.tsx'
import { followedPlace, myFollows } from '../following-list.service.ts'
import { FollowingPage, type FollowDone } from './following.page.tsx'
import { fieldMessage } from '../../platform/i18n/field-messages.ts'

const EmailForm = z.strictObject({ email: z.enum(EMAIL_CHOICES, fieldMessage('field.noticeEmail')) })

/**
 * Pages: a person's notices with the form choosing how they come by email, opening one (marked read on
 * the way), marking them all read, the follow forms of the thread and guide pages and the list of what
 * the person follows, where those forms land. Personal, so
 * never stored by a cache; a signed-out visitor signs in and comes back.
 */
export const notificationsPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, formLimit } = personalPages(assets)
  /** The notices page, as asked for or with the email form refused. */
  const noticesPage = async (c: Context<AppEnv>, problems?: FormProblems) => {
    const viewer = c.get('viewer')
    const given = c.req.query('cursor')
    const cursor = isCursor(given) ? given : undefined
    const [{ items, next, unread }, { email }, bounce] = await Promise.all([
      myNotices(db, viewer, cursor, c.get('lang')),
      notificationSettings(db, viewer),
      mailBounce(db, viewer),
    ])
    return page(
      c,
      <NotificationsPage
        assets={assets}
        items={items}
        next={next}
        cursor={cursor}
        unread={unread}
        done={c.req.query('done')}
        email={email}
        bounce={bounce}
        mailEnabled={config.mail !== undefined}
        digestAt={config.mail && { hour: config.mail.digestHour, timeZone: config.timeZone }}
        emailProblems={problems}
        language={c.get('lang')}
      />,
      problems ? 422 : 200,
    )
  }
  /** What the follow form just did, as the page's address says; nothing when it names nothing readable. */
  const followDone = async (c: Context<AppEnv>): Promise<FollowDone | undefined> => {
    const done = c.req.query('done')
    const slug = c.req.query('guide')
    if ((done !== 'followed' && done !== 'unfollowed' && done !== 'offer') || !slug) return undefined
    const blockKey = c.req.query('key') || null
    const place = await followedPlace(db, c.get('viewer'), slug, blockKey)
    const following = done === 'offer' ? 'offer' : done === 'followed'
    return place && { following, ...place, slug, blockKey, back: safeNext(c.req.query('back')) }
  }
  return (
    new Hono<AppEnv>()
      .get(followingPath, async (c) => {
        signedIn(c)
        const given = c.req.query('cursor')
        const cursor = isCursor(given) ? given : undefined
        const [{ items, next }, done] = await Promise.all([
          myFollows(db, c.get('viewer'), cursor),
          followDone(c),
        ])
        return page(
          c,
          <FollowingPage
            assets={assets}
            items={items}
            next={next}
            cursor={cursor}
            done={done}
            language={c.get('lang')}
          />,
        )
      })
      .get(notificationsPath, (c) => {
        signedIn(c)
        return noticesPage(c)
      })
      .post(markAllReadPath, formLimit(), async (c) => {
        const person = signedIn(c)
        await markNoticesRead(db, c.get('viewer'), undefined)
        announceNotices(db, [person.id])
        return c.redirect(`${notificationsPath}?done=read`, 303)
      })
      // The form's page of its own, where mails sent before it moved still link: the form is on the notices page.
      .get(emailSettingsPath, (c) => c.redirect(emailSettingsPagePath, 303))
      .post(emailSettingsPath, formLimit(), async (c) => {
        signedIn(c)
        const form = await readForm(c)
        return submitForm(
          () =>
            changeNotificationSettings(db, c.get('viewer'), check(EmailForm, { email: form.email ?? '' })),
          {
            done: () => c.redirect(`${notificationsPath}?done=email#email`, 303),
            refused: (error) => noticesPage(c, problemsOf(error, c.get('lang'))),
          },
        )
      })
      .post(`${emailSettingsPath}/retry`, formLimit(), async (c) => {
        signedIn(c)
        await retryMail(db, c.get('viewer'))
        return c.redirect(`${notificationsPath}?done=mail-retry#email`, 303)
      })
      .get(`${notificationsPath}/:id`, async (c) => {
        const person = signedIn(c)
        const url = await openNotice(db, c.get('viewer'), c.req.param('id'))
        announceNotices(db, [person.id])
        c.header('cache-control', 'no-store')
        return c.redirect(url, 303)
      })
      .post('/g/:slug/follow', formLimit(), async (c) => {
        const slug = c.req.param('slug')
        const form = await readForm(c)
        const back = safeNext(form.back) ?? guidePath(slug)
        const blockKey = form.key && form.key !== '' ? form.key : null
        // Pressed before signing in: after signing in, the page asks once more (a GET follows nothing).
        if (!c.get('viewer').person && form.follow !== 'false')
          return c.redirect(signInUrl(followedPath({ following: 'offer', slug, blockKey, back })), 303)
        signedIn(c)
        const { following } = await setFollow(
          db,
          c.get('viewer'),
          { slug, blockKey },
          form.follow !== 'false',
        )
        // The form's page may be the same for everyone, so it cannot say what happened: this page does.
        return c.redirect(followedPath({ following, slug, blockKey, back }), 303)
      })
      .onError(
        sendToSignIn((path) =>
          path === markAllReadPath || path === emailSettingsPath
            ? notificationsPath
            : guidePath(path.split('/')[2] ?? ''),
        ),
      )
  )
}
