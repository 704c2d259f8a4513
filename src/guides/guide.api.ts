import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { guideContract as contract } from './guide.contract.ts'
import { createGuide } from './guide.service.ts'
import { editionView, guideList, guideView } from './reading.service.ts'

/** The handlers of guide.contract.ts's routes. */
export const guideApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.create, async (c) => {
      const { markdown, slug } = c.req.valid('json')
      const guide = await createGuide(db, c.get('viewer'), markdown, slug)
      return c.json(guide, 201, { location: `/api/guides/${guide.slug}` })
    })
    .openapi(contract.list, async (c) => c.json(await guideList(db, c.get('viewer')), 200))
    .openapi(contract.guide, async (c) =>
      c.json(await guideView(db, c.req.valid('param').slug, c.get('viewer')), 200),
    )
    .openapi(contract.edition, async (c) => {
      const { slug, n } = c.req.valid('param')
      return c.json(await editionView(db, slug, n, c.get('viewer')), 200)
    })
