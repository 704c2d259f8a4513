import { z } from '@hono/zod-openapi'
import { body, declare, empty, json, problem } from '../platform/http/contract.ts'
import { EditionParams } from '../guides/guide.schemas.ts'
import { DecisionInput } from '../decisions/decision.schemas.ts'
import {
  CampaignMemberParams,
  CampaignPage,
  CampaignPageQuery,
  CampaignParams,
  CampaignView,
} from './campaign.schemas.ts'

/**
 * Campaigns (SPEC.md, "Volume: campaigns and themes") are for the guide's editors alone: a campaign
 * lists comments whoever may read the thread sees one by one, but grouped it tells who sent the same
 * words as whom, and its decision may be a draft; the public meets a campaign's decision on each
 * comment, and its headcount in the report.
 */
export const campaignContract = {
  list: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/campaigns',
    tag: 'campaigns',
    summary:
      'The campaigns of an edition: near-identical comments from three or more people, each with its headcount, text and members',
    access: 'editors of the guide',
    request: { params: EditionParams, query: CampaignPageQuery },
    responses: { 200: json(CampaignPage, 'A page of campaigns, oldest first; `next` for the one after') },
  }),
  one: declare({
    method: 'get',
    path: '/campaigns/{id}',
    tag: 'campaigns',
    summary: 'One campaign, with its ETag for If-Match',
    access: 'editors of the guide',
    request: { params: CampaignParams },
    responses: { 200: json(CampaignView, 'The campaign; its ETag in the header') },
  }),
  decide: declare({
    method: 'put',
    path: '/campaigns/{id}/decision',
    tag: 'campaigns',
    summary:
      'One decision and response for every comment of a campaign, all or none, public or (`draft`) kept among the editors; a comment joining later gets it too; If-Match with the ETag is honoured',
    access: 'editors of the guide',
    request: {
      params: CampaignParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: body(DecisionInput),
    },
    responses: {
      200: json(CampaignView, 'The campaign with its decision; its new ETag in the header'),
      412: problem('The campaign changed since its ETag'),
    },
  }),
  splitOut: declare({
    method: 'delete',
    path: '/campaigns/{id}/members/{commentId}',
    tag: 'campaigns',
    summary:
      'Take a wrongly grouped comment out of a campaign: it keeps the decision it has, is decided on its own from now on, and never joins again',
    access: 'editors of the guide',
    request: { params: CampaignMemberParams },
    responses: { 204: empty('Taken out') },
  }),
}
