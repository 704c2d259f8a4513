import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAccountFromCommandLine } from '../../src/people/admin.service.ts'
import { hashPassword } from '../../src/people/password.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { json, testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'

/**
 * A browser that signed in before carries a cookie signed with a key the instance makes at the first
 * sign-in. On an instance whose accounts were all made with `gloss user add`, nobody has signed in yet,
 * so no genuine cookie exists: a made-up one sent with a wrong password is refused (401) and must not
 * make the key on the way.
 */
describe(`a made-up known-browser cookie before anyone signed in (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let personId = 0
  const settings = async () =>
    (await database.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()).map(
      (row) => `${row.key}=${JSON.stringify(row.value)}`,
    )

  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database, { rateLimits: { enabled: false } })
    const person = await addAccountFromCommandLine(database.db, {
      email: 'ed@example.org',
      displayName: 'Ed',
      passwordHash: await hashPassword(PASSWORD),
      isAdmin: true,
    })
    personId = person.id
  })
  afterAll(async () => {
    await database.close()
  })

  it('refuses the wrong password and writes no key, then signs in with the right one', async () => {
    const before = await settings()
    const cookie = `gloss_device=${String(personId)}.${'A'.repeat(22)}.${'B'.repeat(43)}`
    const refused = await app.request(
      '/api/session',
      json('POST', { email: 'ed@example.org', password: 'not the password' }, { cookie }),
    )
    expect(refused.status).toBe(401)
    expect(await settings()).toEqual(before)
    const signedIn = await app.request(
      '/api/session',
      json('POST', { email: 'ed@example.org', password: PASSWORD }, { cookie }),
    )
    expect(signedIn.status).toBeLessThan(300)
    expect(signedIn.headers.get('set-cookie')).toMatch(/gloss_session=[^;]+/)
  })
})
