import type { OpenAPIHono } from '@hono/zod-openapi'
import type { z } from 'zod'
import { ACCESS_EXTENSION, routes, type Access, type DeclaredRoute } from './platform/http/contract.ts'
import type { AppEnv, Deps } from './platform/http/env.ts'
import { openApiContract, openApiRoute } from './platform/http/openapi.ts'
import { commentContract } from './comments/comment.contract.ts'
import { commentApi } from './comments/comment.api.ts'
import { agreementApi } from './comments/agreement.api.ts'
import { agreementContract } from './comments/agreement.contract.ts'
import { guideApi } from './guides/guide.api.ts'
import { guideContract } from './guides/guide.contract.ts'
import { accountApi } from './people/account.api.ts'
import { accountContract } from './people/account.contract.ts'
import { invitationApi } from './people/invitation.api.ts'
import { invitationContract } from './people/invitation.contract.ts'
import { peopleApi } from './people/people.api.ts'
import { peopleContract } from './people/people.contract.ts'
import { editionApi } from './editions/edition.api.ts'
import { editionContract } from './editions/edition.contract.ts'
import { liveApi } from './live/live.api.ts'
import { liveContract } from './live/live.contract.ts'
import { moderationApi } from './moderation/moderation.api.ts'
import { moderationContract } from './moderation/moderation.contract.ts'
import { decisionApi } from './decisions/decision.api.ts'
import { decisionContract } from './decisions/decision.contract.ts'
import { campaignApi } from './campaigns/campaign.api.ts'
import { campaignContract } from './campaigns/campaign.contract.ts'
import { acceptanceApi } from './decisions/acceptance.api.ts'
import { acceptanceContract } from './decisions/acceptance.contract.ts'
import { myCommentsApi } from './comments/my-comments.api.ts'
import { myCommentsContract } from './comments/my-comments.contract.ts'
import { exportApi } from './exports/export.api.ts'
import { exportContract } from './exports/export.contract.ts'
import { searchApi } from './search/search.api.ts'
import { searchContract } from './search/search.contract.ts'
import { instanceApi } from './instance/instance.api.ts'
import { instanceContract } from './instance/instance.contract.ts'
import { notificationsApi } from './notifications/notifications.api.ts'
import { notificationsContract } from './notifications/notifications.contract.ts'
import { notificationSettingsApi } from './notifications/notification-settings.api.ts'
import { notificationSettingsContract } from './notifications/notification-settings.contract.ts'
import { themeApi } from './themes/theme.api.ts'
import { themeContract } from './themes/theme.contract.ts'

/**
 * The JSON API: every feature's contract, and the app that answers it. Each route is declared once in
 * its feature's `*.contract.ts`; the table below, the OpenAPI document and request validation are all
 * made from those declarations.
 */
const CONTRACTS: Record<string, DeclaredRoute>[] = [
  openApiContract,
  commentContract,
  agreementContract,
  guideContract,
  editionContract,
  searchContract,
  decisionContract,
  acceptanceContract,
  campaignContract,
  moderationContract,
  myCommentsContract,
  accountContract,
  invitationContract,
  peopleContract,
  liveContract,
  exportContract,
  instanceContract,
  notificationSettingsContract,
  notificationsContract,
  themeContract,
]

/** A declared route as tests and middleware read it. */
export interface Operation {
  summary: string
  tag: string
  access: Access
  /** The schema its JSON body is validated with: the same object, so the document cannot drift. */
  body?: z.ZodType
  query?: Record<string, string>
  /** Status → what it means; problems (4xx) answer `application/problem+json`. */
  responses: Record<number, string>
  /** The answer is not JSON: the media type. */
  produces?: string
}

/** Each declared route as `METHOD /api/path` (Hono's `:param` form), the key tests and middleware use. */
export const API: Record<string, Operation> = Object.fromEntries(
  CONTRACTS.flatMap((contract) => Object.values(contract)).map((route) => [
    `${route.method.toUpperCase()} /api${route.getRoutingPath()}`,
    operationOf(route),
  ]),
)

function operationOf(route: DeclaredRoute): Operation {
  const extended = route as unknown as Record<typeof ACCESS_EXTENSION, Access>
  const responses = route.responses as Record<string, { description: string; content?: object }>
  const produces = Object.entries(responses)
    .filter(([status]) => Number(status) < 300)
    .flatMap(([, response]) => Object.keys(response.content ?? {}))
    .find((type) => type !== 'application/json')
  const body = (route.request?.body?.content as Record<string, { schema?: unknown }> | undefined)?.[
    'application/json'
  ]?.schema as z.ZodType | undefined
  const query = route.request?.query as z.ZodObject | undefined
  return {
    summary: route.summary ?? '',
    tag: route.tags?.[0] ?? '',
    access: extended[ACCESS_EXTENSION],
    ...(body ? { body } : {}),
    ...(query ? { query: Object.fromEntries(Object.keys(query.shape).map((name) => [name, name])) } : {}),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, response]) => [Number(status), response.description]),
    ),
    ...(produces ? { produces } : {}),
  }
}

/** The app behind `/api`: each feature's handlers, and the document made from their declarations. */
export function apiRoutes(deps: Deps): OpenAPIHono<AppEnv> {
  const api = routes()
  api.route('/', guideApi(deps))
  api.route('/', accountApi(deps))
  api.route('/', invitationApi(deps))
  api.route('/', peopleApi(deps))
  api.route('/', editionApi(deps))
  api.route('/', commentApi(deps))
  api.route('/', agreementApi(deps))
  api.route('/', liveApi(deps))
  api.route('/', moderationApi(deps))
  api.route('/', decisionApi(deps))
  api.route('/', campaignApi(deps))
  api.route('/', acceptanceApi(deps))
  api.route('/', myCommentsApi(deps))
  api.route('/', exportApi(deps))
  api.route('/', searchApi(deps))
  api.route('/', instanceApi(deps))
  api.route('/', notificationsApi(deps))
  api.route('/', notificationSettingsApi(deps))
  api.route('/', themeApi(deps))
  openApiRoute(api, deps.config.publicUrl)
  return api
}
