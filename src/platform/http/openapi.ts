import { Hono } from 'hono'
import { z } from 'zod'
import { API, type Operation } from './api-docs.ts'
import type { AppEnv, Deps } from './env.ts'

const PROBLEM = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` point into the request body with JSON Pointers.',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
        required: ['pointer', 'detail'],
      },
    },
  },
  required: ['title', 'status'],
}

/** A body schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), from the zod schema that validates it. */
const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
  return rest
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}')

function operation(key: string, op: Operation) {
  const path = key.slice(key.indexOf(' ') + 1)
  const parameters = [
    ...[...path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...Object.entries(op.query ?? {}).map(([name, description]) => ({
      name,
      in: 'query',
      required: false,
      description,
      schema: { type: 'string' },
    })),
  ]
  const responses: Record<string, object> = {}
  for (const [status, description] of Object.entries(op.responses)) {
    const problem = Number(status) >= 400
    responses[status] = {
      description,
      ...(Number(status) === 204 || Number(status) === 304
        ? {}
        : {
            content: problem
              ? { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
              : { [op.produces ?? 'application/json']: {} },
          }),
    }
  }
  responses.default = {
    description:
      'A problem: 401 signed out, 403 not allowed, 404 not found (or not yours to see), 422 invalid input',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  }
  return {
    summary: op.summary,
    description: `Who may: ${op.access}.`,
    tags: [op.tag],
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_+$/, ''),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses,
  }
}

/** The OpenAPI 3.1 document of the JSON API, built once from the route table and the request schemas. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, object>> = {}
  for (const [key, op] of Object.entries(API)) {
    const [method = 'get', path = '/'] = key.split(' ')
    const at = (paths[openApiPath(path)] ??= {})
    at[method.toLowerCase()] = operation(key, op)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gloss',
      version: '1',
      description:
        'Consulting people on a long document paragraph by paragraph. JSON in and out, cookie sessions (`POST /api/session`), errors as application/problem+json. Unsafe requests from another origin are refused; requests without an Origin header (scripts) are allowed.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Problem: PROBLEM },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gloss_session' } },
    },
    security: [{}, { session: [] }],
    paths,
  }
}

export const openApiRoutes = ({ config }: Deps) => {
  let document: string | undefined
  return new Hono<AppEnv>().get('/openapi.json', (c) => {
    // Kept and shared, so nothing of the request goes in: without PUBLIC_URL the server is "/", the
    // origin the document was fetched from, never a Host header the first asker chose.
    document ??= JSON.stringify(openApiDocument(config.publicUrl ?? '/'))
    return c.body(document, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
    })
  })
}
