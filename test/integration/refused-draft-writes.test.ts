import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import type { Client } from '../support/session.ts'

const SOURCE = [
  '# Councillors online',
  '',
  'Post when you have something useful to say.',
  '',
  'Answer residents within two working days.',
  '',
].join('\n')

/**
 * A working draft is begun the first time an editor opens it. A request that is refused must not begin
 * one on the way: the refusal would otherwise leave a draft behind that nobody asked for (found by the
 * hostile-routes fuzz: `POST /api/guides/g1/editions` with a wrong `base` answered 409 and wrote a draft).
 */
describe(`requests refused before a working draft exists (${databaseKind})`, () => {
  let c: Consultation<'rita' | 'ed'>
  let ed: Client
  const drafts = async () =>
    (await c.database.db.selectFrom('workingDrafts').select('guideId').execute()).length

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [{ slug: 'guide', markdown: SOURCE, state: 'open' }],
      people: {
        rita: { email: 'rita@example.org', name: 'Rita Reviewer' },
        ed: { email: 'ed@example.org', name: 'Ed Editor', role: 'editor' },
      },
    })
    ed = c.people.ed
  })
  afterAll(async () => {
    await c.close()
  })

  it('leaves no draft when making or previewing an edition from it is refused', async () => {
    expect(await drafts()).toBe(0)
    for (const path of ['/api/guides/guide/editions', '/api/guides/guide/editions/preview']) {
      const wrongBase = await ed.send('POST', path, { base: 19032 })
      expect(wrongBase.status, path).toBeGreaterThanOrEqual(400)
      expect(wrongBase.status, path).toBeLessThan(500)
      expect(wrongBase.headers.get('content-type'), path).toContain('application/problem+json')
      const badOverride = await ed.send('POST', path, {
        overrides: [{ ordinal: 12, from: ['nothing', 'here'] }],
      })
      expect(badOverride.status, path).toBeGreaterThanOrEqual(400)
      expect(badOverride.status, path).toBeLessThan(500)
    }
    expect(await drafts()).toBe(0)
  })

  it('previews the edition the draft would make without storing a draft', async () => {
    const preview = await ed.send('POST', '/api/guides/guide/editions/preview', {})
    expect(preview.status).toBe(200)
    expect(await drafts()).toBe(0)
    // Opening it is what begins it.
    expect((await ed.request('/api/guides/guide/working-draft')).status).toBe(200)
    expect(await drafts()).toBe(1)
  })

  it('leaves no draft when accepting a suggestion is refused inside its transaction', async () => {
    const { id } = await c.people.rita.expect<{ id: string }>(
      201,
      'POST',
      `/api/guides/guide/editions/1/blocks/${c.guide.key('Answer residents')}/comments`,
      { kind: 'suggestion', body: 'Sooner.', proposal: 'Answer residents within one working day.' },
    )
    expect((await ed.send('POST', `/api/comments/${id}/acceptance`, {})).status).toBe(200)
    // The draft becomes edition 2, and no draft is left.
    expect((await ed.send('POST', '/api/guides/guide/editions', {})).status).toBe(201)
    expect(await drafts()).toBe(0)

    const again = await ed.send('POST', `/api/comments/${id}/acceptance`, {})
    expect(again.status).toBe(409)
    expect(((await again.json()) as { code: string }).code).toBe('already-accepted')
    expect(await drafts()).toBe(0)

    // An acceptance that goes through still begins the draft it writes into.
    const { id: other } = await c.people.rita.expect<{ id: string }>(
      201,
      'POST',
      `/api/guides/guide/editions/1/blocks/${c.guide.key('Post when')}/comments`,
      { kind: 'suggestion', body: 'Shorter.', proposal: 'Post when you have something to say.' },
    )
    expect((await ed.send('POST', `/api/comments/${other}/acceptance`, {})).status).toBe(200)
    expect(await drafts()).toBe(1)
  })
})
