import type { OpenAPIHono } from '@hono/zod-openapi'
import type { z } from 'zod'
import { ACCESS_EXTENSION, routes, type Access, type DeclaredRoute } from './platform/http/contract.ts'
import type { AppEnv, Deps } from './platform/http/env.ts'
import { openApiContract, openApiRoute } from './platform/http/openapi.ts'
import { API as UNDECLARED, type Operation } from './platform/http/api-docs.ts'
import { commentContract } from './comments/comment.contract.ts'
import { commentApi } from './comments/comment.api.ts'
import { guideRoutes } from './guides/guide.routes.ts'
import { peopleRoutes } from './people/people.routes.ts'
import { editionRoutes } from './editions/edition.routes.ts'
import { liveRoutes } from './live/live.routes.ts'
import { moderationRoutes } from './moderation/moderation.routes.ts'
import { decisionRoutes } from './decisions/decision.routes.ts'
import { myCommentsRoutes } from './comments/my-comments.routes.ts'
import { exportRoutes } from './exports/export.routes.ts'
import { searchRoutes } from './search/search.routes.ts'
import { instanceRoutes } from './instance/instance.routes.ts'

/**
 * The JSON API: every feature's contract, and the app that answers it. Each route is declared once in
 * its feature's `*.contract.ts`; the table below, the OpenAPI document and request validation are all
 * made from those declarations.
 */
const CONTRACTS: Record<string, DeclaredRoute>[] = [openApiContract, commentContract]

/** Each declared route as `METHOD /api/path` (Hono's `:param` form), the key tests and middleware use. */
export const API: Record<string, Operation> = {
  ...UNDECLARED,
  ...Object.fromEntries(
    CONTRACTS.flatMap((contract) => Object.values(contract)).map((route) => [
      `${route.method.toUpperCase()} /api${route.getRoutingPath()}`,
      operationOf(route),
    ]),
  ),
}

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
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', guideRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', peopleRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', editionRoutes(deps))
  api.route('/', commentApi(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', liveRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', moderationRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', decisionRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', myCommentsRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', exportRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', searchRoutes(deps))
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a plain Hono app, until its feature declares its routes
  api.route('/', instanceRoutes(deps))
  openApiRoute(api, deps.config.publicUrl)
  return api
}
