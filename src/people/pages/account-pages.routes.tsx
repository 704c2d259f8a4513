import { Hono, type Context } from 'hono'
import type { DomainError } from '../../kernel/errors.ts'
import { idFrom } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { clearSessionCookie } from '../../platform/http/session.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { problemsIn } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { typedAgain } from '../../site/form-values.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import * as account from '../account.service.ts'
import * as schemas from '../people.schemas.ts'
import { signedIn } from '../request.ts'
import type { SignedInPerson } from '../viewer.ts'
import { AccountPage, type AccountForm } from './account.page.tsx'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'

const SAVED: Record<string, MessageKey> = {
  profile: 'account.saved.profile',
  password: 'account.saved.password',
  session: 'account.saved.session',
}

/** A person's own account: their profile, password and sessions, and erasing it all. */
export const accountPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  const accountPage = async (
    c: Context<AppEnv>,
    person: SignedInPerson,
    extra: {
      saved?: string | undefined
      failed?: { form: AccountForm; values: Record<string, string>; error: DomainError }
    },
  ) => {
    const me = await account.me(db, person)
    const sessions = await account.sessionsOf(db, person)
    const failed = extra.failed
    return page(
      c,
      <AccountPage
        assets={assets}
        me={me}
        sessions={sessions}
        saved={extra.saved}
        language={c.get('lang')}
        failed={
          failed && {
            form: failed.form,
            values: typedAgain(failed.values),
            problems: problemsIn(c.get('lang'), failed.error),
          }
        }
      />,
      failed ? failed.error.status : 200,
    )
  }

  /** A change from one of the page's forms: done, the page says it is saved; refused, shows that form. */
  const change = (
    c: Context<AppEnv>,
    person: SignedInPerson,
    name: 'profile' | 'password',
    form: Record<string, string>,
    run: () => Promise<unknown>,
  ) =>
    submitForm(run, {
      done: () => c.redirect(`/account?saved=${name}`, 303),
      refused: (error) => accountPage(c, person, { failed: { form: name, values: form, error } }),
    })

  return new Hono<AppEnv>()
    .get('/account', (c) => {
      const saved = SAVED[c.req.query('saved') ?? '']
      return accountPage(c, signedIn(c), { saved: saved && translator(c.get('lang'))(saved) })
    })
    .post('/account/profile', formLimit, async (c) => {
      const person = signedIn(c)
      const form = await readForm(c)
      return change(c, person, 'profile', form, () =>
        account.changeProfile(
          db,
          person,
          check(schemas.Profile, {
            displayName: form.displayName,
            organisation: form.organisation,
            description: form.description,
          }),
        ),
      )
    })
    .post('/account/password', formLimit, async (c) => {
      const person = signedIn(c)
      const form = await readForm(c)
      return change(c, person, 'password', form, () =>
        account.changePassword(
          db,
          config,
          person,
          c.get('viewer').address,
          check(schemas.PasswordChange, {
            currentPassword: form.currentPassword ?? '',
            newPassword: form.newPassword ?? '',
          }),
        ),
      )
    })
    .post('/account/sessions/:id/revoke', formLimit, async (c) => {
      const person = signedIn(c)
      const id = idFrom(c.req.param('id'), 'That session')
      await account.revoke(db, person, id)
      if (id !== person.sessionId) return c.redirect('/account?saved=session', 303)
      clearSessionCookie(c)
      return c.redirect('/', 303)
    })
    .post('/account/erase', formLimit, async (c) => {
      const person = signedIn(c)
      const form = await readForm(c)
      return submitForm(
        async () => {
          const { password } = check(schemas.Erase, { password: form.password ?? '' })
          await account.erase(db, config, person, c.get('viewer').address, password)
        },
        {
          done: () => {
            clearSessionCookie(c)
            const t = translator(c.get('lang'))
            return message(
              c,
              t('account.erased.title'),
              <p>
                {t('account.erased.body')} <a href="/">{t('message.seeAllGuides')}</a>
              </p>,
            )
          },
          refused: (error) => accountPage(c, person, { failed: { form: 'erase', values: form, error } }),
        },
      )
    })
}
