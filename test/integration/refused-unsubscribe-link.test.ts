import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE = '# Parks\n\nDogs on leads near the play area.\n'

/**
 * An unsubscribe link is signed with a key the instance makes when it first writes a message. Until
 * then no genuine link exists, so a made-up one is refused (404) and must leave the instance as it was:
 * refusing it must not make the key on the way.
 */
describe(`a made-up unsubscribe link before any mail was sent (${databaseKind})`, () => {
  let c: Consultation<never>
  const settings = async () =>
    (await c.database.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()).map(
      (row) => `${row.key}=${JSON.stringify(row.value)}`,
    )

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parks', markdown: GUIDE, state: 'open' }],
    })
  })
  afterAll(async () => {
    await c.close()
  })

  it('is refused by the page and by one-click unsubscribe, and writes nothing', async () => {
    const before = await settings()
    const forged = `/unsubscribe/1.${'A'.repeat(43)}`
    const asked = await c.visitor().request(forged)
    expect(asked.status).toBe(404)
    const posted = await c.visitor().request(forged, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(posted.status).toBe(404)
    expect(await settings()).toEqual(before)
  })
})
