import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import * as admin from './admin.service.ts'
import { makeResetLink } from './password-reset.service.ts'
import { peopleContract as contract } from './people.contract.ts'
import { linkOrigin } from './request.ts'

/** The handlers of people.contract.ts's routes. */
export const peopleApi = ({ database: { db }, config }: Deps) =>
  routes()
    .openapi(contract.participants, async (c) =>
      c.json(await admin.participants(db, c.get('viewer'), c.req.valid('param').slug), 200),
    )
    .openapi(contract.introduce, async (c) => {
      await admin.introduce(db, c.get('viewer'), c.req.valid('param').slug, c.req.valid('json').introduction)
      return c.body(null, 204)
    })
    .openapi(contract.changeRole, async (c) => {
      const { slug, personId } = c.req.valid('param')
      await admin.changeRole(db, c.get('viewer'), slug, Number(personId), c.req.valid('json').role)
      return c.body(null, 204)
    })
    .openapi(contract.guideSettings, async (c) =>
      c.json(
        await admin.changeGuideSettings(db, c.get('viewer'), c.req.valid('param').slug, c.req.valid('json')),
        200,
      ),
    )
    .openapi(contract.people, async (c) =>
      c.json(await admin.peoplePage(db, c.get('viewer'), c.req.valid('query').cursor), 200),
    )
    .openapi(contract.changeAdmin, async (c) => {
      const { id } = c.req.valid('param')
      await admin.changeAdmin(db, c.get('viewer'), Number(id), c.req.valid('json').isAdmin)
      return c.body(null, 204)
    })
    .openapi(contract.resetLink, async (c) =>
      c.json(
        await makeResetLink(db, c.get('viewer'), Number(c.req.valid('param').id), linkOrigin(config, c)),
        201,
      ),
    )
    .openapi(contract.audit, async (c) => {
      const { cursor } = c.req.valid('query')
      return c.json(
        await admin.audit(db, c.get('viewer'), cursor === undefined ? undefined : Number(cursor)),
        200,
      )
    })
    .openapi(contract.settings, async (c) => c.json(await admin.instanceSettings(db, c.get('viewer')), 200))
    .openapi(contract.changeSettings, async (c) =>
      c.json(await admin.changeInstanceSettings(db, c.get('viewer'), c.req.valid('json')), 200),
    )
