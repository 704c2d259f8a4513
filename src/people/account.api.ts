import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { deviceCookie, setSignInCookies } from '../platform/http/device-cookie.ts'
import { clearSessionCookie } from '../platform/http/session.ts'
import * as account from './account.service.ts'
import { resetPassword } from './password-reset.service.ts'
import { accountContract as contract } from './account.contract.ts'
import { signedIn, userAgent } from './request.ts'

/** The handlers of account.contract.ts's routes. */
export const accountApi = ({ database: { db }, config }: Deps) =>
  routes()
    .openapi(contract.setup, async (c) => {
      const input = c.req.valid('json')
      const { personId, session } = await account.setup(db, config, input, c.get('viewer'), userAgent(c))
      setSignInCookies(c, config, session)
      return c.json(
        { id: String(personId), email: input.email, displayName: input.displayName, isAdmin: true as const },
        201,
      )
    })
    .openapi(contract.signIn, async (c) => {
      const { personId, session } = await account.signIn(
        db,
        config,
        c.req.valid('json'),
        c.get('viewer'),
        userAgent(c),
        deviceCookie(c),
      )
      setSignInCookies(c, config, session)
      return c.json({ id: String(personId) }, 200)
    })
    .openapi(contract.signOut, async (c) => {
      const person = c.get('viewer').person
      if (person) await account.signOut(db, person)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
    .openapi(contract.signUp, async (c) => {
      const { personId, session } = await account.signUp(
        db,
        config,
        c.req.valid('json'),
        c.get('viewer'),
        userAgent(c),
      )
      setSignInCookies(c, config, session)
      return c.json({ id: String(personId) }, 201)
    })
    .openapi(contract.me, async (c) => c.json(await account.me(db, signedIn(c)), 200))
    .openapi(contract.changeProfile, async (c) => {
      const person = signedIn(c)
      await account.changeProfile(db, person, c.req.valid('json'))
      return c.json(await account.me(db, person), 200)
    })
    .openapi(contract.changePassword, async (c) => {
      const person = signedIn(c)
      await account.changePassword(db, config, person, c.get('viewer').address, c.req.valid('json'))
      return c.body(null, 204)
    })
    .openapi(contract.sessions, async (c) =>
      c.json({ items: await account.sessionsOf(db, signedIn(c)), next: null }, 200),
    )
    .openapi(contract.endSession, async (c) => {
      await account.revoke(db, signedIn(c), Number(c.req.valid('param').id))
      return c.body(null, 204)
    })
    .openapi(contract.erase, async (c) => {
      const person = signedIn(c)
      await account.erase(db, config, person, c.get('viewer').address, c.req.valid('json').password)
      clearSessionCookie(c)
      return c.body(null, 204)
    })
    .openapi(contract.resetPassword, async (c) => {
      const { token } = c.req.valid('param')
      await resetPassword(db, config, c.get('viewer'), token, c.req.valid('json').password)
      return c.body(null, 204)
    })
