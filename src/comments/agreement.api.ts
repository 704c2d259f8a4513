import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { agreementContract as contract } from './agreement.contract.ts'
import { setAgreement } from './agreement.service.ts'

/** The handlers of agreement.contract.ts's routes. */
export const agreementApi = ({ database: { db }, config }: Deps) =>
  routes()
    .openapi(contract.agree, async (c) =>
      c.json(await setAgreement(db, config, c.get('viewer'), Number(c.req.valid('param').id), true), 200),
    )
    .openapi(contract.disagree, async (c) =>
      c.json(await setAgreement(db, config, c.get('viewer'), Number(c.req.valid('param').id), false), 200),
    )
