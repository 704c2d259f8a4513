import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

interface Operation {
  'x-gloss-access'?: string
  requestBody?: { content: Record<string, { schema: object }> }
  responses: Record<string, { content?: Record<string, { schema?: { type?: string; $ref?: string } }> }>
}
interface Document {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, object> }
}

describe(`the OpenAPI document (${databaseKind})`, () => {
  let c: Consultation<never>
  let app: Hono<AppEnv>
  let document: Document

  beforeAll(async () => {
    // The admin is set up too (admin@example.org), as someone who may comment on the open guide.
    c = await consultation({
      guides: [{ slug: 'open-guide', markdown: '# Open guide\n\nText.\n', state: 'open' }],
    })
    app = c.app
    const response = await app.request('/api/openapi.json')
    expect(response.status).toBe(200)
    document = (await response.json()) as Document
  })
  afterAll(async () => {
    await c.close()
  })

  it('is OpenAPI 3.1 and lists every registered /api route, so none goes undocumented', () => {
    expect(document.openapi).toBe('3.1.0')
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
    )
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((m) => `${m} ${path}`),
      ),
    )
    expect([...registered].filter((route) => !documented.has(route))).toEqual([])
    // And nothing is documented that the app does not answer.
    expect([...documented].filter((route) => !registered.has(route))).toEqual([])
  })

  it('gives every operation a schema for each successful answer, and says who may call it', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, operation })),
    )
    expect(operations.length).toBeGreaterThan(60)
    const withoutSchema = operations.flatMap(({ route, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
        .filter(([, response]) => {
          const contents = Object.values(response.content ?? {})
          return (
            contents.length === 0 || contents.some((c) => !c.schema || Object.keys(c.schema).length === 0)
          )
        })
        .map(([status]) => `${route} ${status}`),
    )
    expect(withoutSchema).toEqual([])
    const access = new Set([
      'anyone',
      'signed in',
      'people taking part in the guide',
      'its author',
      'editors of the guide',
      'admins',
      'editors',
      'the first person',
    ])
    expect(
      operations
        .filter(({ operation }) => !access.has(operation['x-gloss-access'] ?? ''))
        .map((o) => o.route),
    ).toEqual([])
    // The comment's shape is one named schema, shared by every route that answers a comment.
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Comment', 'Problem']))
  })

  it('describes request bodies with the schemas that validate them', async () => {
    const schema = document.paths['/api/guides/{slug}/editions/{n}/blocks/{key}/comments']?.post?.requestBody
      ?.content['application/json']?.schema as {
      properties: Record<string, { enum?: string[] }>
      required: string[]
    }
    expect(schema.properties.kind?.enum).toEqual(['comment', 'reflection', 'example', 'suggestion'])
    expect(schema.required).toEqual(expect.arrayContaining(['kind', 'body']))
    // A body the document calls invalid (a kind outside the enum) is refused by the route, naming the
    // field, before the route looks for the paragraph: someone who may comment gets a 422, not a 404.
    const { admin } = c
    const response = await admin.send('POST', '/api/guides/open-guide/editions/1/blocks/abcdefgh/comments', {
      kind: 'rant',
      body: 'x',
    })
    expect(response.status).toBe(422)
    const problem = (await response.json()) as { errors: { pointer: string }[] }
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/kind'])
  })
})
