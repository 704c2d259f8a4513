import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'

const GUIDE = '# Parks\n\nDogs on leads near the play area.\n'

/** A failed sign-in with an address that has no account keeps no address: it is someone else's, or a guess. */
describe(`failed sign-ins for no account keep no address (${databaseKind})`, () => {
  let c: Consultation<never>
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

  it('records the attempt without the address typed, and the log says so in either language', async () => {
    const typed = 'someone.else@gmail.example'
    const failed = await c.visitor().send('POST', '/api/session', { email: typed, password: 'not this one' })
    expect(failed.status).toBe(401)
    const entries = await c.database.db
      .selectFrom('auditLog')
      .select(['subject', 'detail'])
      .where('action', '=', 'sign-in.failed')
      .execute()
    expect(entries).toHaveLength(1)
    expect(JSON.stringify(entries)).not.toContain(typed)
    const log = await (await c.admin.request('/admin/audit')).text()
    expect(log).not.toContain(typed)
    expect(log).toContain('failed to sign in with an email address that has no account here')
    // A wrong password for an account that exists still names the account.
    await c.visitor().send('POST', '/api/session', { email: 'admin@example.org', password: 'not this one' })
    expect(await (await c.admin.request('/admin/audit')).text()).toContain(
      'failed to sign in as admin@example.org',
    )
  })
})
