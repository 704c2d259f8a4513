import { z } from 'zod'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { declare, json } from './contract.ts'
import type { AppEnv } from './env.ts'

const DEFAULT_PROBLEM = {
  description:
    'A problem: 401 signed out, 403 not allowed, 404 not found (or not yours to see), 422 invalid input',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}

/**
 * The OpenAPI 3.1 document of the JSON API, made from the routes `api` declares (mounted at `/api`),
 * each operation given the usual problems as its default answer.
 */
export function openApiDocument(api: OpenAPIHono<AppEnv>, serverUrl: string) {
  const generated = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Gloss',
      version: '1',
      description:
        'Consulting people on a long document paragraph by paragraph. JSON in and out, cookie sessions (`POST /api/session`), errors as application/problem+json. Unsafe requests from another origin are refused; requests without an Origin header (scripts) are allowed.',
    },
    servers: [{ url: serverUrl }],
  })
  const paths: Record<string, Record<string, object>> = {}
  for (const [path, methods] of Object.entries(generated.paths ?? {})) {
    const at = (paths[`/api${path}`] ??= {})
    for (const [method, operation] of Object.entries(methods as Record<string, object>)) {
      at[method] = {
        ...operation,
        operationId: `${method.toUpperCase()}_api${path}`.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, ''),
      }
    }
  }
  for (const methods of Object.values(paths))
    for (const operation of Object.values(methods) as { responses: Record<string, object | undefined> }[])
      operation.responses.default ??= DEFAULT_PROBLEM
  return {
    ...generated,
    components: {
      ...generated.components,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gloss_session' } },
    },
    security: [{}, { session: [] }],
    paths,
  }
}

const OpenApiDocument = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .loose()

export const openApiContract = {
  document: declare({
    method: 'get',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This document',
    access: 'anyone',
    responses: { 200: json(OpenApiDocument, 'OpenAPI 3.1') },
  }),
}

/** Serves the document, made once: `api` must have every feature's routes by the first request. */
export function openApiRoute(api: OpenAPIHono<AppEnv>, publicUrl: string | undefined) {
  let document: ReturnType<typeof openApiDocument> | undefined
  return api.openapi(openApiContract.document, (c) => {
    // Kept and shared, so nothing of the request goes in: without PUBLIC_URL the server is "/", the
    // origin the document was fetched from, never a Host header the first asker chose.
    document ??= openApiDocument(api, publicUrl ?? '/')
    return c.json(document, 200, { 'cache-control': 'public, max-age=300' })
  })
}
