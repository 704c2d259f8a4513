import { isId } from '../kernel/ids.ts'
import { Hono, type Context } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { readJson } from '../platform/http/validate.ts'
import { deviceCookie, setSignInCookies } from '../platform/http/device-cookie.ts'
import { clearSessionCookie } from '../platform/http/session.ts'
import { siteOrigin } from '../platform/http/security.ts'
import { notFound, unauthenticated } from '../kernel/errors.ts'
import * as account from './account.service.ts'
import * as admin from './admin.service.ts'
import * as invitations from './invitation.service.ts'
import * as resets from './password-reset.service.ts'
import * as schemas from './people.schemas.ts'
import type { SignedInPerson } from './viewer.ts'

const signedIn = (c: Context<AppEnv>): SignedInPerson => {
  const person = c.get('viewer').person
  if (!person) throw unauthenticated()
  return person
}

/** A numeric id from a path; anything else names nothing. */
export const idParam = (value: string | undefined, what: string): number => {
  if (!isId(value)) throw notFound(what)
  return Number(value)
}

const userAgent = (c: Context) => c.req.header('user-agent') ?? ''

/** Accounts, sessions, invitations, roles, the audit log and instance settings (SPEC.md's routes and beside them). */
export const peopleRoutes = ({ database: { db }, config }: Deps) => {
  const origin = (c: Context) =>
    siteOrigin(config, c.req.url, c.req.header('x-forwarded-proto'), c.req.header('x-forwarded-host'))
  return new Hono<AppEnv>()
    .post('/setup', async (c) => {
      const input = await readJson(c, schemas.NewAccount)
      const { personId, session } = await account.setup(db, config, input, c.get('viewer'), userAgent(c))
      setSignInCookies(c, config, session)
      return c.json(
        { id: String(personId), email: input.email, displayName: input.displayName, isAdmin: true },
        201,
      )
    })
    .post('/session', async (c) => {
      const input = await readJson(c, schemas.SignIn)
      const { personId, session } = await account.signIn(
        db,
        config,
        input,
        c.get('viewer'),
        userAgent(c),
        deviceCookie(c),
      )
      setSignInCookies(c, config, session)
      return c.json({ id: String(personId) })
    })
    .delete('/session', async (c) => {
      const person = c.get('viewer').person
      if (person) await account.signOut(db, person)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
    .post('/signup', async (c) => {
      const input = await readJson(c, schemas.NewAccount)
      const { personId, session } = await account.signUp(db, config, input, c.get('viewer'), userAgent(c))
      setSignInCookies(c, config, session)
      return c.json({ id: String(personId) }, 201)
    })
    .get('/me', async (c) => c.json(await account.me(db, signedIn(c))))
    .patch('/me', async (c) => {
      const person = signedIn(c)
      await account.changeProfile(db, person, await readJson(c, schemas.Profile))
      return c.json(await account.me(db, person))
    })
    .post('/me/password', async (c) => {
      const person = signedIn(c)
      const input = await readJson(c, schemas.PasswordChange)
      await account.changePassword(db, config, person, c.get('viewer').address, input)
      return c.body(null, 204)
    })
    .get('/me/sessions', async (c) =>
      c.json({ items: await account.sessionsOf(db, signedIn(c)), next: null }),
    )
    .delete('/me/sessions/:id', async (c) => {
      await account.revoke(db, signedIn(c), idParam(c.req.param('id'), 'That session'))
      return c.body(null, 204)
    })
    .post('/me/erase', async (c) => {
      const person = signedIn(c)
      const { password } = await readJson(c, schemas.Erase)
      await account.erase(db, config, person, c.get('viewer').address, password)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
    .post('/guides/:slug/invitations', async (c) => {
      const input = await readJson(c, schemas.NewInvitation)
      return c.json(
        await invitations.createInvitation(db, c.get('viewer'), c.req.param('slug'), input, origin(c)),
        201,
      )
    })
    .get('/guides/:slug/invitations', async (c) =>
      c.json({
        items: await invitations.listInvitations(db, c.get('viewer'), c.req.param('slug')),
        next: null,
      }),
    )
    .delete('/guides/:slug/invitations/:id', async (c) => {
      await invitations.revokeInvitation(
        db,
        c.get('viewer'),
        c.req.param('slug'),
        idParam(c.req.param('id'), 'That invitation'),
      )
      return c.body(null, 204)
    })
    .get('/invitations/:token', async (c) =>
      c.json(await invitations.describeInvitation(db, c.req.param('token'))),
    )
    .post('/invitations/:token/accept', async (c) => {
      const input = c.req.header('content-length') === '0' ? {} : await readJson(c, schemas.AcceptInvitation)
      const result = await invitations.acceptInvitation(
        db,
        config,
        c.get('viewer'),
        c.req.param('token'),
        input,
        userAgent(c),
      )
      if (result.session) setSignInCookies(c, config, result.session)
      return c.json({ id: String(result.personId), guide: result.guide, role: result.role })
    })
    .post('/password-resets/:token', async (c) => {
      const { password } = await readJson(c, schemas.ResetPassword)
      await resets.resetPassword(db, config, c.get('viewer'), c.req.param('token'), password)
      return c.body(null, 204)
    })
    .get('/guides/:slug/participants', async (c) =>
      c.json(await admin.participants(db, c.get('viewer'), c.req.param('slug'))),
    )
    .put('/guides/:slug/participants/me', async (c) => {
      const { introduction } = await readJson(c, schemas.Introduction)
      await admin.introduce(db, c.get('viewer'), c.req.param('slug'), introduction)
      return c.body(null, 204)
    })
    .put('/guides/:slug/roles/:personId', async (c) => {
      const { role } = await readJson(c, schemas.RoleChange)
      await admin.changeRole(
        db,
        c.get('viewer'),
        c.req.param('slug'),
        idParam(c.req.param('personId'), 'That person'),
        role,
      )
      return c.body(null, 204)
    })
    .patch('/guides/:slug/settings', async (c) => {
      const input = await readJson(c, schemas.GuideSettings)
      return c.json(await admin.changeGuideSettings(db, c.get('viewer'), c.req.param('slug'), input))
    })
    .get('/people', async (c) => c.json({ items: await admin.people(db, c.get('viewer')), next: null }))
    .patch('/people/:id', async (c) => {
      const { isAdmin } = await readJson(c, schemas.AdminChange)
      await admin.changeAdmin(db, c.get('viewer'), idParam(c.req.param('id'), 'That person'), isAdmin)
      return c.body(null, 204)
    })
    .post('/people/:id/reset-link', async (c) =>
      c.json(
        await resets.makeResetLink(db, c.get('viewer'), idParam(c.req.param('id'), 'That person'), origin(c)),
        201,
      ),
    )
    .get('/audit', async (c) => {
      const before = c.req.query('cursor')
      return c.json(await admin.audit(db, c.get('viewer'), before ? idParam(before, 'That page') : undefined))
    })
    .get('/settings', async (c) => c.json(await admin.instanceSettings(db, c.get('viewer'))))
    .put('/settings', async (c) => {
      const input = await readJson(c, schemas.InstanceSettings)
      return c.json(await admin.changeInstanceSettings(db, c.get('viewer'), input))
    })
}
