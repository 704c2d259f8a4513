import { z } from '@hono/zod-openapi'
import { body, declare, empty, idParam, json, page, problem } from '../platform/http/contract.ts'
import { GuideParams } from '../guides/guide.schemas.ts'
import {
  AcceptInvitation,
  Invitation,
  InvitationOffer,
  Joined,
  NewInvitation,
  NewInvitationView,
} from './people.schemas.ts'
import { OnePageQuery } from '../platform/http/cursor.ts'

const InvitationParams = GuideParams.extend({ id: idParam('That invitation') })
const TokenParams = z.object({
  token: z.string().openapi({ description: 'The token of the invitation link' }),
})

const UNUSABLE = problem('Used up, expired or withdrawn')

/** Invitation links: how editors bring reviewers and editors into a guide. */
export const invitationContract = {
  invite: declare({
    method: 'post',
    path: '/guides/{slug}/invitations',
    tag: 'people',
    summary: 'An invitation link for a reviewer or editor: `{url, token}`',
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(NewInvitation) },
    responses: { 201: json(NewInvitationView, 'The invitation') },
  }),
  invitations: declare({
    method: 'get',
    path: '/guides/{slug}/invitations',
    tag: 'people',
    summary: "The guide's invitations",
    access: 'editors of the guide',
    request: { params: GuideParams, query: OnePageQuery },
    responses: { 200: json(page(Invitation), 'Every invitation of the guide, newest first, in one page') },
  }),
  withdraw: declare({
    method: 'delete',
    path: '/guides/{slug}/invitations/{id}',
    tag: 'people',
    summary: 'Withdraw an invitation',
    access: 'editors of the guide',
    request: { params: InvitationParams },
    responses: { 204: empty('Withdrawn') },
  }),
  describe: declare({
    method: 'get',
    path: '/invitations/{token}',
    tag: 'people',
    summary: 'What an invitation is for',
    access: 'anyone',
    request: { params: TokenParams },
    responses: { 200: json(InvitationOffer, 'The invitation'), 410: UNUSABLE },
  }),
  accept: declare({
    method: 'post',
    path: '/invitations/{token}/accept',
    tag: 'people',
    summary: 'Join through an invitation: signed in, with no body; signed out, with a new account (signs in)',
    access: 'anyone',
    request: {
      params: TokenParams,
      // Someone signed in sends nothing: an empty body reads as no fields.
      body: { ...body(AcceptInvitation, 'Signed out: the new account. Signed in: nothing'), required: false },
    },
    responses: {
      200: json(Joined, 'The person, signed in'),
      404: problem('No such invitation'),
      409: problem('That email cannot have a new account: its owner signs in first, then accepts'),
      410: UNUSABLE,
      422: problem('A new account needs an email, a password and a name'),
      429: problem('Too many password attempts from this address: see Retry-After'),
    },
  }),
}
