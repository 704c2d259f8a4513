import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { setSignInCookies } from '../platform/http/device-cookie.ts'
import * as invitations from './invitation.service.ts'
import { invitationContract as contract } from './invitation.contract.ts'
import { linkOrigin, userAgent } from './request.ts'

/** The handlers of invitation.contract.ts's routes. */
export const invitationApi = ({ database: { db }, config }: Deps) =>
  routes()
    .openapi(contract.invite, async (c) =>
      c.json(
        await invitations.createInvitation(
          db,
          c.get('viewer'),
          c.req.valid('param').slug,
          c.req.valid('json'),
          linkOrigin(config, c),
          '',
          config.mail !== undefined,
        ),
        201,
      ),
    )
    .openapi(contract.invitations, async (c) =>
      c.json(
        {
          items: await invitations.listInvitations(db, c.get('viewer'), c.req.valid('param').slug),
          next: null,
        },
        200,
      ),
    )
    .openapi(contract.withdraw, async (c) => {
      const { slug, id } = c.req.valid('param')
      await invitations.revokeInvitation(db, c.get('viewer'), slug, Number(id))
      return c.body(null, 204)
    })
    .openapi(contract.describe, async (c) =>
      c.json(await invitations.describeInvitation(db, c.req.valid('param').token), 200),
    )
    .openapi(contract.accept, async (c) => {
      const result = await invitations.acceptInvitation(
        db,
        config,
        c.get('viewer'),
        c.req.valid('param').token,
        c.req.valid('json'),
        userAgent(c),
      )
      if (result.session) setSignInCookies(c, config, result.session)
      return c.json({ id: String(result.personId), guide: result.guide, role: result.role }, 200)
    })
