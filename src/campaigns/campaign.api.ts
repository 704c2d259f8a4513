import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { campaignContract as contract } from './campaign.contract.ts'
import { campaignWithEtag, decideCampaign, listCampaigns, splitOutOfCampaign } from './campaign.service.ts'

/** The handlers of campaign.contract.ts's routes. */
export const campaignApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.list, async (c) => {
      const { slug, n } = c.req.valid('param')
      return c.json(await listCampaigns(db, c.get('viewer'), slug, n, c.req.valid('query').cursor), 200, {
        'cache-control': 'private, no-store',
      })
    })
    .openapi(contract.one, async (c) => {
      const { campaign, etag } = await campaignWithEtag(db, c.get('viewer'), Number(c.req.valid('param').id))
      return c.json(campaign, 200, { etag, 'cache-control': 'private, no-store' })
    })
    .openapi(contract.decide, async (c) => {
      const { campaign, etag } = await decideCampaign(
        db,
        c.get('viewer'),
        Number(c.req.valid('param').id),
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      )
      return c.json(campaign, 200, { etag })
    })
    .openapi(contract.splitOut, async (c) => {
      const { id, commentId } = c.req.valid('param')
      await splitOutOfCampaign(db, c.get('viewer'), Number(id), Number(commentId))
      return c.body(null, 204)
    })
