import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { DomainError, invalid } from '../../kernel/errors.ts'
import { isId } from '../../kernel/ids.ts'
import type { AppEnv } from './env.ts'
import { cacheBodyText, fieldErrors, readJsonBody } from './validate.ts'
import { ERROR_CODES, type ErrorCode } from '../../kernel/error-codes.ts'

/**
 * Each JSON route is declared once, in its feature's `*.contract.ts`: path, parameters, body, every
 * response's schema and who may call it. From those declarations come the OpenAPI document
 * (`/api/openapi.json`), request validation (before the handler runs), the typed handlers of
 * `*.api.ts`, the route-access test's list of routes and the web client's types.
 */

/** Who may call a route, as src/people/policy.ts decides it. */
export const ACCESS = [
  'anyone',
  'signed in',
  'people taking part in the guide',
  'its author',
  'editors of the guide',
  'admins',
  'editors',
  'the first person',
] as const
export type Access = (typeof ACCESS)[number]

/** The OpenAPI extension that carries a route's access line, read back by the route-access test. */
export const ACCESS_EXTENSION = 'x-gloss-access'

/** A declared route as the API table reads it back. */
export type DeclaredRoute = RouteConfig & { getRoutingPath: () => string }

/** A route's declaration: @hono/zod-openapi's, plus who may call it and its group in the document. */
export type Declaration = RouteConfig & { access: Access; tag: string; summary: string }

/**
 * Reads a declared JSON body before the validators do, as validate.ts reads one (415, 400, and the 413
 * of body-limits.ts). readJsonBody leaves the body's text in Hono's body cache, where the validator's
 * `c.req.json()` reads it.
 */
const jsonBody: MiddlewareHandler = async (c, next) => {
  await readJsonBody(c)
  await next()
}

/**
 * A body a route may do without (declared `required: false`): an empty one (Content-Length: 0, as a
 * browser sends a POST without a body) reads as no fields; any other is read as jsonBody reads it.
 */
const optionalJsonBody: MiddlewareHandler = async (c, next) => {
  if (c.req.header('content-length') !== '0') return jsonBody(c, next)
  cacheBodyText(c, '{}')
  await next()
}

/**
 * What a failed validation answers: a path parameter that cannot name anything is a 404 (its schema's
 * message says what was not found), a bad body or query a 422 naming each field.
 */
function refuse(result: { success: false; error: z.ZodError; target: string }): never {
  if (result.target === 'param')
    throw new DomainError('not-found', result.error.issues[0]?.message ?? 'That was not found.')
  throw invalid(
    result.target === 'query' ? 'Some of the query is not valid.' : 'Some fields are not valid.',
    fieldErrors(result.error),
  )
}

/** A feature's JSON routes: validation failures become problems, thrown to app.onError like any other. */
export const routes = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) refuse(result)
    },
  })

/** Declares a route: `access` becomes its description and the `x-gloss-access` extension. */
export function declare<const D extends Declaration>({ access, tag, ...route }: D) {
  const hasJsonBody = route.request?.body?.content['application/json'] !== undefined
  const reader = route.request?.body?.required === true ? jsonBody : optionalJsonBody
  const middleware = [...(hasJsonBody ? [reader] : []), ...(CHECK_RESPONSES ? [checkResponse(route)] : [])]
  return createRoute({
    ...route,
    tags: [tag],
    description: `Who may: ${access}.${route.description ? ` ${route.description}` : ''}`,
    [ACCESS_EXTENSION]: access,
    ...(middleware.length > 0 ? { middleware } : {}),
  })
}

/** A JSON request body. */
export const body = <S extends z.ZodType>(schema: S, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
})

/** A JSON answer. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** An answer without a body (204, 304). */
export const empty = (description: string) => ({ description })

const CATALOGUED = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]

/** RFC 9457 problem details; `errors` point into the request with JSON Pointers. */
const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    // A catalogued code (kernel/error-codes.ts), or http-<status> for a refusal by Hono itself.
    code: z.union([z.enum(CATALOGUED), z.string().regex(/^http-\d{3}$/)]),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .openapi('Problem')

/** A problem answer (RFC 9457), for the statuses a route documents beyond the usual ones. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
})

/** A page of a list: `{items, next}`, `next` the cursor for `?cursor=` or null. */
export const page = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), next: z.string().nullable() })

/** A path parameter that names a row by its id: anything else names nothing (404). */
export const idParam = (what: string) => z.string().refine(isId, `${what} was not found.`)

/**
 * In tests, every answer a declared route gives is checked against the schema declared for its status,
 * so a handler and its declaration cannot drift apart unnoticed. Switched on by the vitest configs
 * (GLOSS_CHECK_RESPONSES=1); off in production, where the parse would be work for nothing.
 */
const CHECK_RESPONSES = process.env.GLOSS_CHECK_RESPONSES === '1'

function checkResponse(route: RouteConfig): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const declared = route.responses[String(c.res.status)] as
      { content?: Record<string, { schema?: unknown }> } | undefined
    if (c.res.status >= 400) return
    if (!declared)
      throw new Error(
        `${route.method.toUpperCase()} ${route.path} answered ${String(c.res.status)}, which it does not declare`,
      )
    const schema = declared.content?.['application/json']?.schema
    if (!(schema instanceof z.ZodType)) return
    const answer: unknown = await c.res.clone().json()
    const parsed = schema.safeParse(answer)
    if (!parsed.success) {
      throw new Error(
        `${route.method.toUpperCase()} ${route.path} answered ${String(c.res.status)} off its schema: ${JSON.stringify(fieldErrors(parsed.error))}`,
      )
    }
  }
}
