import { translator } from '../../platform/i18n/messages.ts'
import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { deviceCookie, setSignInCookies } from '../../platform/http/device-cookie.ts'
import { clearSessionCookie } from '../../platform/http/session.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { problemsIn } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { typedAgain } from '../../site/form-values.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { safeNext } from '../../site/sign-in.ts'
import * as account from '../account.service.ts'
import * as resets from '../password-reset.service.ts'
import * as schemas from '../people.schemas.ts'
import { userAgent } from '../request.ts'
import { ResetPage } from './reset.page.tsx'
import { SignInPage } from './sign-in.page.tsx'

/** Signing in and out, and setting a new password by a reset link, which leads back to signing in. */
export const signInPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  return new Hono<AppEnv>()
    .get('/sign-in', (c) =>
      page(
        c,
        <SignInPage
          assets={assets}
          next={safeNext(c.req.query('next'))}
          notice={c.req.query('reset') ? translator(c.get('lang'))('signIn.passwordSaved') : undefined}
          language={c.get('lang')}
        />,
      ),
    )
    .post('/sign-in', formLimit, async (c) => {
      const form = await readForm(c)
      const next = safeNext(form.next)
      return submitForm(
        async () => {
          const input = check(schemas.SignIn, { email: form.email ?? '', password: form.password ?? '' })
          const { session } = await account.signIn(
            db,
            config,
            input,
            c.get('viewer'),
            userAgent(c),
            deviceCookie(c),
          )
          return session
        },
        {
          done: (session) => {
            setSignInCookies(c, config, session)
            return c.redirect(next ?? '/account', 303)
          },
          refused: (failure) =>
            page(
              c,
              <SignInPage
                assets={assets}
                next={next}
                values={typedAgain(form)}
                problems={problemsIn(c.get('lang'), failure)}
                language={c.get('lang')}
              />,
              failure.status,
            ),
        },
        // 401: the email and password do not match, said the same way whichever was wrong.
        [401, 422],
      )
    })
    .post('/sign-out', formLimit, async (c) => {
      const person = c.get('viewer').person
      if (person) await account.signOut(db, person)
      clearSessionCookie(c)
      return c.redirect('/', 303)
    })

    .get('/reset/:token', (c) =>
      page(c, <ResetPage assets={assets} token={c.req.param('token')} language={c.get('lang')} />),
    )
    .post('/reset/:token', formLimit, async (c) => {
      const token = c.req.param('token')
      const form = await readForm(c)
      return submitForm(
        async () => {
          const { password } = check(schemas.ResetPassword, { password: form.password ?? '' })
          await resets.resetPassword(db, config, c.get('viewer'), token, password)
        },
        {
          done: () => c.redirect('/sign-in?reset=1', 303),
          refused: (failure) =>
            page(
              c,
              <ResetPage
                assets={assets}
                token={token}
                problems={problemsIn(c.get('lang'), failure)}
                language={c.get('lang')}
              />,
              failure.status,
            ),
        },
      )
    })
}
