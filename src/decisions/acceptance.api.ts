import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { acceptanceContract as contract } from './acceptance.contract.ts'
import { acceptSuggestion } from './acceptance.service.ts'

/** The handlers of acceptance.contract.ts's routes. */
export const acceptanceApi = ({ database: { db } }: Deps) =>
  routes().openapi(contract.accept, async (c) =>
    c.json(
      await acceptSuggestion(db, c.get('viewer'), Number(c.req.valid('param').id), c.req.valid('json')),
      200,
    ),
  )
