import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, unauthenticated } from '../../kernel/errors.ts'
import { findGuideBySlug } from '../../guides/guide.repository.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { siteOrigin } from '../../platform/http/security.ts'
import { deviceCookie, setSignInCookies } from '../../platform/http/device-cookie.ts'
import { clearSessionCookie } from '../../platform/http/session.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import * as account from '../account.service.ts'
import * as admin from '../admin.service.ts'
import * as invitations from '../invitation.service.ts'
import * as resets from '../password-reset.service.ts'
import { idFrom } from '../../kernel/ids.ts'
import * as schemas from '../people.schemas.ts'
import type { SignedInPerson } from '../viewer.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { AccountPage, type AccountForm } from './account.page.tsx'
import { AdminPeoplePage } from './admin-people.page.tsx'
import { AdminSettingsPage } from './admin-settings.page.tsx'
import { AuditPage } from './audit.page.tsx'
import { problemsOf } from '../../site/form.tsx'
import { GuideInvitationsPage, InvitationNote } from './guide-invitations.page.tsx'
import { InvitationPage } from './invitation.page.tsx'
import { ParticipantsPage } from './participants.page.tsx'
import { ResetLinkPage } from './reset-link.page.tsx'
import { ResetPage } from './reset.page.tsx'
import { SetupPage } from './setup.page.tsx'
import { SignInPage } from './sign-in.page.tsx'
import { SignUpPage } from './signup.page.tsx'

/** Form bodies are a few fields; an introduction is the longest. */

/** Where to go after signing in: only a path on this site (one leading slash, printable ASCII, no backslash). */
export const safeNext = (value: string | undefined): string | undefined =>
  value && value.length <= 2000 && /^\/(?![/\\])[!-[\]-~]*$/.test(value) ? value : undefined

const signInPath = (next: string) => `/sign-in?next=${encodeURIComponent(next).replace(/%2F/gi, '/')}`

/** A refused form the person can correct (re-rendered); anything else goes on to the error page. */
function formFailure(error: unknown, statuses: readonly number[] = [422]): DomainError {
  if (error instanceof DomainError && statuses.includes(error.status)) return error
  throw error
}

/** What was typed, to put back in the form: never a password. */
const typed = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).filter(([name]) => !/password/i.test(name)))

/** Form strings to the types the schemas take: blank is "not given". */
const numberField = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : Number(value)
const booleanField = (value: string | undefined) =>
  value === 'true' ? true : value === 'false' ? false : value
const given = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value)

const userAgent = (c: Context) => c.req.header('user-agent') ?? ''

const signedIn = (c: Context<AppEnv>): SignedInPerson => {
  const person = c.get('viewer').person
  if (!person) throw unauthenticated()
  return person
}

const SAVED: Record<string, string> = {
  profile: 'Your profile is saved.',
  password: 'Your password is changed, and every other session is signed out.',
  session: 'That session is signed out.',
}

/**
 * The people pages: plain HTML forms over the same services as the JSON API (account.api.ts and its
 * neighbours), complete without JavaScript. A refused form comes back with what was typed and an error
 * summary; signed-out visitors to a page that needs an account are sent to sign in first.
 */
export const peoplePageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const origin = (c: Context) =>
    siteOrigin(config, c.req.url, c.req.header('x-forwarded-proto'), c.req.header('x-forwarded-host'))

  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  const accountPage = async (
    c: Context,
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
        failed={
          failed && {
            form: failed.form,
            values: typed(failed.values),
            problems: problemsOf(failed.error),
          }
        }
      />,
      failed ? failed.error.status : 200,
    )
  }

  const openSignUp = () => account.signUpOpen(db)
  const signUpClosed = (c: Context, status: ContentfulStatusCode) =>
    message(
      c,
      'Sign-up is closed',
      <p>
        This instance takes new people by invitation only. Ask the people running a consultation for an
        invitation link, or <a href="/sign-in">sign in</a> if you have an account.
      </p>,
      status,
    )

  const invitationPage = async (
    c: Context<AppEnv>,
    token: string,
    extra: { values?: Record<string, string>; error?: DomainError } = {},
  ) => {
    const invitation = await invitations.describeInvitation(db, token)
    if (!invitation.usable) {
      return message(
        c,
        'This invitation cannot be used',
        <p>
          It has expired, been used up or been withdrawn. Ask whoever sent it for a new one.{' '}
          <a href={`/g/${invitation.guide}`}>Read the guide</a>.
        </p>,
        410,
      )
    }
    return page(
      c,
      <InvitationPage
        assets={assets}
        token={token}
        invitation={invitation}
        signedInAs={c.get('viewer').person?.displayName}
        values={extra.values ?? {}}
        problems={extra.error && problemsOf(extra.error)}
      />,
      extra.error?.status ?? 200,
    )
  }

  const invitationsPage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: {
      created?: Awaited<ReturnType<typeof invitations.createInvitation>>
      values?: Record<string, string>
      error?: DomainError
    } = {},
  ) => {
    const list = await invitations.listInvitations(db, c.get('viewer'), slug)
    const guide = await findGuideBySlug(db, slug)
    return page(
      c,
      <GuideInvitationsPage
        assets={assets}
        guide={{ slug, title: guide?.title ?? slug }}
        invitations={list}
        created={extra.created}
        values={extra.values ?? {}}
        problems={extra.error && problemsOf(extra.error)}
      />,
      extra.error?.status ?? (extra.created ? 201 : 200),
    )
  }

  const participantsPage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: { saved?: boolean; values?: Record<string, string>; error?: DomainError } = {},
  ) => {
    const viewer = c.get('viewer')
    const { guide, named, items } = await admin.participants(db, viewer, slug)
    const me = viewer.person ? items.find((p) => p.id === String(viewer.person?.id)) : undefined
    return page(
      c,
      <ParticipantsPage
        assets={assets}
        guide={guide}
        named={named}
        items={items}
        me={me}
        saved={extra.saved ?? false}
        values={extra.values ?? {}}
        problems={extra.error && problemsOf(extra.error)}
      />,
      extra.error?.status ?? 200,
    )
  }

  return (
    new Hono<AppEnv>()
      // Setup: the first account, made admin.
      .get('/setup', async (c) =>
        !(await account.needsSetup(db))
          ? message(
              c,
              'Gloss is set up',
              <p>
                This instance already has its administrator. <a href="/sign-in">Sign in</a>.
              </p>,
            )
          : page(c, <SetupPage assets={assets} />),
      )
      .post('/setup', formLimit, async (c) => {
        const form = await readForm(c)
        try {
          const input = check(schemas.NewAccount, {
            displayName: form.displayName ?? '',
            email: form.email ?? '',
            password: form.password ?? '',
          })
          const { session } = await account.setup(db, config, input, c.get('viewer'), userAgent(c))
          setSignInCookies(c, config, session)
          // An instance with no guide has one thing to do next: bring the first guide in.
          return c.redirect('/guides/new?done=setup', 303)
        } catch (error) {
          const failure = formFailure(error)
          return page(
            c,
            <SetupPage assets={assets} values={typed(form)} problems={problemsOf(failure)} />,
            failure.status,
          )
        }
      })

      // Signing in and out.
      .get('/sign-in', (c) =>
        page(
          c,
          <SignInPage
            assets={assets}
            next={safeNext(c.req.query('next'))}
            notice={c.req.query('reset') ? 'Your new password is saved. Sign in with it.' : undefined}
          />,
        ),
      )
      .post('/sign-in', formLimit, async (c) => {
        const form = await readForm(c)
        const next = safeNext(form.next)
        try {
          const input = check(schemas.SignIn, { email: form.email ?? '', password: form.password ?? '' })
          const { session } = await account.signIn(
            db,
            config,
            input,
            c.get('viewer'),
            userAgent(c),
            deviceCookie(c),
          )
          setSignInCookies(c, config, session)
          return c.redirect(next ?? '/account', 303)
        } catch (error) {
          const failure = formFailure(error, [401, 422])
          return page(
            c,
            <SignInPage assets={assets} next={next} values={typed(form)} problems={problemsOf(failure)} />,
            failure.status,
          )
        }
      })
      .post('/sign-out', formLimit, async (c) => {
        const person = c.get('viewer').person
        if (person) await account.signOut(db, person)
        clearSessionCookie(c)
        return c.redirect('/', 303)
      })

      // Open sign-up.
      .get('/signup', async (c) =>
        (await openSignUp()) ? page(c, <SignUpPage assets={assets} />) : signUpClosed(c, 200),
      )
      .post('/signup', formLimit, async (c) => {
        if (!(await openSignUp())) return signUpClosed(c, 403)
        const form = await readForm(c)
        try {
          const input = check(schemas.NewAccount, {
            displayName: form.displayName ?? '',
            email: form.email ?? '',
            password: form.password ?? '',
          })
          const { session } = await account.signUp(db, config, input, c.get('viewer'), userAgent(c))
          setSignInCookies(c, config, session)
          return c.redirect('/account', 303)
        } catch (error) {
          const failure = formFailure(error, [409, 422])
          return page(
            c,
            <SignUpPage assets={assets} values={typed(form)} problems={problemsOf(failure)} />,
            failure.status,
          )
        }
      })

      // Joining a guide by invitation.
      .get('/invitations/:token', (c) => invitationPage(c, c.req.param('token')))
      .post('/invitations/:token', formLimit, async (c) => {
        const token = c.req.param('token')
        const form = await readForm(c)
        try {
          const input = c.get('viewer').person
            ? {}
            : check(schemas.AcceptInvitation, {
                displayName: given(form.displayName),
                email: given(form.email),
                password: form.password === '' ? undefined : form.password,
              })
          const result = await invitations.acceptInvitation(
            db,
            config,
            c.get('viewer'),
            token,
            input,
            userAgent(c),
          )
          if (result.session) setSignInCookies(c, config, result.session)
          return c.redirect(`/g/${result.guide}`, 303)
        } catch (error) {
          // 409: an account has that email; its owner is pointed to signing in first.
          const failure = formFailure(error, [409, 422])
          return invitationPage(c, token, { values: typed(form), error: failure })
        }
      })

      // The account.
      .get('/account', (c) => accountPage(c, signedIn(c), { saved: SAVED[c.req.query('saved') ?? ''] }))
      .post('/account/profile', formLimit, async (c) => {
        const person = signedIn(c)
        const form = await readForm(c)
        try {
          await account.changeProfile(
            db,
            person,
            check(schemas.Profile, {
              displayName: form.displayName,
              organisation: form.organisation,
              description: form.description,
            }),
          )
        } catch (error) {
          return accountPage(c, person, {
            failed: { form: 'profile', values: form, error: formFailure(error) },
          })
        }
        return c.redirect('/account?saved=profile', 303)
      })
      .post('/account/password', formLimit, async (c) => {
        const person = signedIn(c)
        const form = await readForm(c)
        try {
          await account.changePassword(
            db,
            config,
            person,
            c.get('viewer').address,
            check(schemas.PasswordChange, {
              currentPassword: form.currentPassword ?? '',
              newPassword: form.newPassword ?? '',
            }),
          )
        } catch (error) {
          return accountPage(c, person, {
            failed: { form: 'password', values: form, error: formFailure(error) },
          })
        }
        return c.redirect('/account?saved=password', 303)
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
        try {
          const { password } = check(schemas.Erase, { password: form.password ?? '' })
          await account.erase(db, config, person, c.get('viewer').address, password)
        } catch (error) {
          return accountPage(c, person, {
            failed: { form: 'erase', values: form, error: formFailure(error) },
          })
        }
        clearSessionCookie(c)
        return message(
          c,
          'Your account is erased',
          <p>
            Your personal details are gone and you are signed out. What you wrote stays, shown as written by
            “a former participant”. <a href="/">See all guides</a>.
          </p>,
        )
      })

      // Password reset links.
      .get('/reset/:token', (c) => page(c, <ResetPage assets={assets} token={c.req.param('token')} />))
      .post('/reset/:token', formLimit, async (c) => {
        const token = c.req.param('token')
        const form = await readForm(c)
        try {
          const { password } = check(schemas.ResetPassword, { password: form.password ?? '' })
          await resets.resetPassword(db, config, c.get('viewer'), token, password)
        } catch (error) {
          const failure = formFailure(error)
          return page(
            c,
            <ResetPage assets={assets} token={token} problems={problemsOf(failure)} />,
            failure.status,
          )
        }
        return c.redirect('/sign-in?reset=1', 303)
      })

      // Administration.
      .get('/admin/people', async (c) => {
        const viewer = c.get('viewer')
        const people = await admin.people(db, viewer)
        return page(c, <AdminPeoplePage assets={assets} people={people} selfId={viewer.person?.id ?? 0} />)
      })
      .post('/admin/people/:id/admin', formLimit, async (c) => {
        const id = idFrom(c.req.param('id'), 'That person')
        const form = await readForm(c)
        const { isAdmin } = check(schemas.AdminChange, { isAdmin: booleanField(form.isAdmin) })
        await admin.changeAdmin(db, c.get('viewer'), id, isAdmin)
        return c.redirect('/admin/people', 303)
      })
      .post('/admin/people/:id/reset-link', formLimit, async (c) => {
        const viewer = c.get('viewer')
        const id = idFrom(c.req.param('id'), 'That person')
        const link = await resets.makeResetLink(db, viewer, id, origin(c))
        const person = (await admin.people(db, viewer)).find((p) => p.id === String(id))
        return page(
          c,
          <ResetLinkPage
            assets={assets}
            person={person ?? { displayName: 'this person', email: null }}
            url={link.url}
            expiresAt={link.expiresAt}
          />,
          201,
        )
      })
      .get('/admin/settings', async (c) => {
        const { openSignUp } = await admin.instanceSettings(db, c.get('viewer'))
        return page(
          c,
          <AdminSettingsPage assets={assets} openSignUp={openSignUp} saved={c.req.query('saved') === '1'} />,
        )
      })
      .post('/admin/settings', formLimit, async (c) => {
        const form = await readForm(c)
        const input = check(schemas.InstanceSettings, {
          openSignUp: booleanField(form.openSignUp ?? 'false'),
        })
        await admin.changeInstanceSettings(db, c.get('viewer'), input)
        return c.redirect('/admin/settings?saved=1', 303)
      })
      .get('/admin/audit', async (c) => {
        const cursor = c.req.query('cursor')
        const before = cursor ? idFrom(cursor, 'That page') : undefined
        const { items, next } = await admin.audit(db, c.get('viewer'), before)
        return page(c, <AuditPage assets={assets} items={items} next={next} older={before !== undefined} />)
      })

      // A guide's invitations and participants.
      .get('/g/:slug/invitations', (c) => invitationsPage(c, c.req.param('slug')))
      .post('/g/:slug/invitations', formLimit, async (c) => {
        const slug = c.req.param('slug')
        const form = await readForm(c)
        try {
          const input = check(schemas.NewInvitation, {
            role: form.role,
            expiresInDays: numberField(form.expiresInDays),
            maxUses: numberField(form.maxUses),
          })
          const { note } = check(InvitationNote, { note: form.note ?? '' })
          const created = await invitations.createInvitation(
            db,
            c.get('viewer'),
            slug,
            input,
            origin(c),
            note,
          )
          return await invitationsPage(c, slug, { created })
        } catch (error) {
          return invitationsPage(c, slug, { values: typed(form), error: formFailure(error) })
        }
      })
      .post('/g/:slug/invitations/:id/revoke', formLimit, async (c) => {
        const slug = c.req.param('slug')
        const id = idFrom(c.req.param('id'), 'That invitation')
        await invitations.revokeInvitation(db, c.get('viewer'), slug, id)
        return c.redirect(`/g/${slug}/invitations`, 303)
      })
      .get('/g/:slug/participants', (c) =>
        participantsPage(c, c.req.param('slug'), { saved: c.req.query('saved') === '1' }),
      )
      .post('/g/:slug/participants/me', formLimit, async (c) => {
        const slug = c.req.param('slug')
        const form = await readForm(c)
        try {
          const { introduction } = check(schemas.Introduction, { introduction: form.introduction ?? '' })
          await admin.introduce(db, c.get('viewer'), slug, introduction)
        } catch (error) {
          return participantsPage(c, slug, { values: typed(form), error: formFailure(error) })
        }
        return c.redirect(`/g/${slug}/participants?saved=1`, 303)
      })

      // A page that needs an account sends the signed-out visitor to sign in, and back after.
      .onError((error, c) => {
        if (
          error instanceof DomainError &&
          error.code === 'unauthenticated' &&
          (c.req.method === 'GET' || c.req.method === 'HEAD')
        ) {
          const url = new URL(c.req.url)
          return c.redirect(signInPath(url.pathname + url.search), 303)
        }
        throw error
      })
  )
}
