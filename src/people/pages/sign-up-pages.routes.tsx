import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { setSignInCookies } from '../../platform/http/device-cookie.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { problemsIn } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { typedAgain } from '../../site/form-values.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import * as account from '../account.service.ts'
import * as schemas from '../people.schemas.ts'
import { userAgent } from '../request.ts'
import { SetupPage } from './setup.page.tsx'
import { SignUpPage } from './signup.page.tsx'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'

/** New accounts: the instance's first, made admin at setup, and open sign-up where the admin allows it. */
export const signUpPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  const newAccount = (form: Record<string, string>) =>
    check(schemas.NewAccount, {
      displayName: form.displayName ?? '',
      email: form.email ?? '',
      password: form.password ?? '',
    })

  const signUpClosed = (c: Context<AppEnv>, status: ContentfulStatusCode) => {
    const t = translator(c.get('lang'))
    return message(
      c,
      t('signUp.closed.title'),
      <p>
        {rich(t('signUp.closed.body', { link: slot('link') }), {
          link: <a href="/sign-in">{t('signUp.closed.signIn')}</a>,
        })}
      </p>,
      status,
    )
  }

  return new Hono<AppEnv>()
    .get('/setup', async (c) =>
      !(await account.needsSetup(db))
        ? message(
            c,
            translator(c.get('lang'))('setup.done.title'),
            <p>
              {rich(translator(c.get('lang'))('setup.done.body', { link: slot('link') }), {
                link: <a href="/sign-in">{translator(c.get('lang'))('signUp.signIn')}</a>,
              })}
            </p>,
          )
        : page(c, <SetupPage assets={assets} language={c.get('lang')} />),
    )
    .post('/setup', formLimit, async (c) => {
      const form = await readForm(c)
      return submitForm(
        async () =>
          (await account.setup(db, config, newAccount(form), c.get('viewer'), userAgent(c))).session,
        {
          done: (session) => {
            setSignInCookies(c, config, session)
            // An instance with no guide has one thing to do next: bring the first guide in.
            return c.redirect('/guides/new?done=setup', 303)
          },
          refused: (failure) =>
            page(
              c,
              <SetupPage
                assets={assets}
                values={typedAgain(form)}
                problems={problemsIn(c.get('lang'), failure)}
                language={c.get('lang')}
              />,
              failure.status,
            ),
        },
      )
    })

    .get('/signup', async (c) =>
      (await account.signUpOpen(db))
        ? page(c, <SignUpPage assets={assets} language={c.get('lang')} />)
        : signUpClosed(c, 200),
    )
    .post('/signup', formLimit, async (c) => {
      if (!(await account.signUpOpen(db))) return signUpClosed(c, 403)
      const form = await readForm(c)
      return submitForm(
        async () =>
          (await account.signUp(db, config, newAccount(form), c.get('viewer'), userAgent(c))).session,
        {
          done: (session) => {
            setSignInCookies(c, config, session)
            return c.redirect('/account', 303)
          },
          refused: (failure) =>
            page(
              c,
              <SignUpPage
                assets={assets}
                values={typedAgain(form)}
                problems={problemsIn(c.get('lang'), failure)}
                language={c.get('lang')}
              />,
              failure.status,
            ),
        },
        // 409: an account already has that email.
        [409, 422],
      )
    })
}
