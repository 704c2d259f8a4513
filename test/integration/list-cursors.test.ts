import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE_PAGE } from '../../src/people/admin.service.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import type { Client } from '../support/session.ts'

interface Page {
  items: { id?: string | null }[]
  next: string | null
}

/**
 * SPEC: "Lists answer `{items, next}`: `next` is a cursor for `?cursor=`, or null." A list either pages
 * with a cursor it gave, or comes whole with `next` null and refuses a cursor (it gave none) with a 422
 * on `/cursor`, as the paged lists refuse one they never gave: never the first page again with a 200.
 */
describe(`every list answers {items, next} and honours or refuses ?cursor= (${databaseKind})`, () => {
  let world: Consultation<'rita'>
  let admin: Client
  let rita: Client
  beforeAll(async () => {
    world = await consultation({
      guides: [{ slug: 'ga', markdown: '# Guide A\n\nA paragraph to comment on.\n', state: 'open' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
      people: { rita: { email: 'rita@example.org', name: 'Rita Reviewer' } },
      comments: [
        {
          name: 'one',
          by: 'rita',
          on: 1,
          body: 'Say more.',
          decision: { by: 'admin', decision: 'accepted', response: 'Done.' },
        },
      ],
      invitations: { waiting: {} },
    })
    ;({ admin } = world)
    rita = world.people.rita
  })
  afterAll(async () => {
    await world.close()
  })

  const whole = () =>
    [
      [admin, '/api/guides'],
      [rita, '/api/me/sessions'],
      [admin, '/api/guides/ga/invitations'],
      [admin, '/api/guides/ga/themes'],
      [admin, '/api/guides/ga/editions/1/theme-suggestions'],
      [rita, '/api/guides/ga/participants'],
      [admin, `/api/comments/${world.ids.one ?? ''}/decisions`],
    ] as const

  it('answers {items, next} on a list that comes whole, next null', async () => {
    for (const [who, path] of whole()) {
      const response = await who.request(path)
      expect(response.status, path).toBe(200)
      const body = (await response.json()) as Page
      expect(Array.isArray(body.items), path).toBe(true)
      expect(body.items.length, path).toBeGreaterThan(
        path.endsWith('themes') || path.endsWith('suggestions') ? -1 : 0,
      )
      expect(body, path).toHaveProperty('next', null)
    }
  })

  it('refuses a cursor on a list that comes whole, with a 422 on /cursor', async () => {
    for (const [who, path] of whole()) {
      for (const cursor of ['zzz', '1', '']) {
        const response = await who.request(`${path}?cursor=${cursor}`)
        expect(response.status, `${path}?cursor=${cursor}`).toBe(422)
        expect(response.headers.get('content-type')).toContain('application/problem+json')
        const problem = (await response.json()) as { errors: { pointer: string }[] }
        expect(
          problem.errors.map((e) => e.pointer),
          path,
        ).toEqual(['/cursor'])
      }
    }
  })

  it('pages the people list with the cursor it gives, and refuses one it never gave', async () => {
    await sql`
      insert into people (email, display_name)
      select 'p' || i || '@example.org', 'Person ' || i from generate_series(1, ${PEOPLE_PAGE + 30}) i`.execute(
      world.database.db,
    )
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const response = await admin.request(`/api/people${cursor === null ? '' : `?cursor=${cursor}`}`)
      expect(response.status, await response.clone().text()).toBe(200)
      const page = (await response.json()) as Page
      expect(page.items.length).toBeLessThanOrEqual(PEOPLE_PAGE)
      seen.push(...page.items.map((p) => p.id ?? ''))
      cursor = page.next
      pages += 1
    } while (cursor !== null && pages < 10)
    expect(pages).toBe(2)
    expect(new Set(seen).size).toBe(seen.length)
    // Ada, Rita and the people added.
    expect(seen).toHaveLength(PEOPLE_PAGE + 32)
    for (const bad of ['zzz', '', '-1', '1.5']) {
      const response = await admin.request(`/api/people?cursor=${bad}`)
      expect(response.status, bad).toBe(422)
      const problem = (await response.json()) as { errors: { pointer: string }[] }
      expect(problem.errors.map((e) => e.pointer)).toEqual(['/cursor'])
    }
  })
})
