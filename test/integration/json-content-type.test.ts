import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>
}

describe(`JSON routes take JSON only (${databaseKind})`, () => {
  let c: Consultation<'rita'>
  beforeAll(async () => {
    c = await consultation({
      guides: [{ slug: 'guide', state: 'open' }],
      people: { rita: { email: 'rita@example.org', name: 'Rita Reviewer' } },
      comments: [{ name: 'one', by: 'rita', on: 1, body: 'A comment.' }],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('refuses a body sent as anything but application/json (or +json) on every declared JSON route, with a 415 problem', async () => {
    const doc = (await (await c.visitor().request('/api/openapi.json')).json()) as OpenApi
    const refused: string[] = []
    let routes = 0
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.requestBody?.content?.['application/json'] === undefined) continue
        routes++
        const url = path
          .replace('{slug}', 'guide')
          .replace('{n}', '1')
          .replace('{key}', c.guide.key(1))
          .replace('{id}', c.ids.one ?? '')
          .replace(/\{[A-Za-z]+\}/g, '1')
        for (const type of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded']) {
          const answer = await c.admin.request(url, {
            method: method.toUpperCase(),
            headers: { 'content-type': type },
            body: '{}',
          })
          if (
            answer.status !== 415 ||
            !answer.headers.get('content-type')?.startsWith('application/problem+json')
          )
            refused.push(`${method.toUpperCase()} ${url} as ${type}: ${String(answer.status)}`)
        }
      }
    expect(routes).toBeGreaterThan(30)
    expect(refused).toEqual([])
  })
})
