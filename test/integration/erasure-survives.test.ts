import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { exportToBuffer } from '../support/instance.ts'
import { PASSWORD } from '../support/session.ts'
import { restoreInstance, restoredBy } from '../../src/instance/instance-restore.service.ts'
import { MAIL_INVITATION } from '../../src/mail/invitation-mail.service.ts'
import { enqueue } from '../../src/platform/queue/queue.service.ts'

const GUIDE = '# Parks\n\nDogs on leads near the play area.\n'
const EVE = 'eve@example.org'

/**
 * An erased account leaves nothing of its address behind — in the mail and job tables, the admin's
 * job list, an export — and a backup made before the erasure does not bring it back.
 */
describe(`an erasure reaches every table and survives a restore (${databaseKind})`, () => {
  let c: Consultation<'eve'>
  let backup: Buffer
  const db = () => c.database.db
  /** Every place the address could still be, as text. */
  const traces = async () =>
    JSON.stringify([
      await db().selectFrom('mailBounces').selectAll().execute(),
      await db().selectFrom('jobs').select(['key', 'payload', 'lastError']).execute(),
      await db().selectFrom('people').select(['email']).execute(),
    ]).toLowerCase()

  beforeAll(async () => {
    c = await consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'admin@example.org', name: 'Admin' },
      guides: [{ slug: 'parks', markdown: GUIDE, state: 'open' }],
      people: { eve: { email: EVE, name: 'Eve Evans' } },
    })
    // A mail server refused her address for good, a notice job to her failed for good naming it, and
    // an invitation to it waits to be sent.
    await db()
      .insertInto('mailBounces')
      .values({ address: EVE, reason: '550 5.1.1 <Eve@Example.org>: mailbox unavailable' })
      .execute()
    await db()
      .insertInto('jobs')
      .values({
        kind: 'mail.notices',
        key: 'failed-for-eve',
        payload: JSON.stringify({ personId: 2, to: 'Eve@example.org' }),
        lastError: 'SMTP 550: <eve@example.org> refused',
        attempts: 10,
        failedAt: new Date(),
      })
      .execute()
    await enqueue(db(), [
      {
        kind: MAIL_INVITATION,
        key: `${MAIL_INVITATION}:1:${EVE}`,
        payload: { invitationId: 1, address: EVE, url: 'https://x.test/i/1' },
      },
    ])
    expect(await traces()).toContain(EVE)
    backup = await exportToBuffer(c.database)
    expect((await c.people.eve.send('POST', '/api/me/erase', { password: PASSWORD })).status).toBe(204)
  })
  afterAll(async () => {
    await c.close()
  })

  it('takes her address out of mail bounces, jobs (kept failures too), the job list and the export', async () => {
    expect(await traces()).not.toContain(EVE)
    const jobs = await (await c.admin.request('/admin/jobs')).text()
    expect(jobs.toLowerCase()).not.toContain(EVE)
    expect(jobs).toContain('an erased account')
    expect(
      gunzipSync(await exportToBuffer(c.database))
        .toString()
        .toLowerCase(),
    ).not.toContain(EVE)
  })

  it('erases her again when a backup from before is restored, in the same transaction, and says so in the audit log', async () => {
    const restored = await restoreInstance(db(), [backup], {
      replace: { mode: 'anything' },
      audit: restoredBy({ subject: 'gloss restore', name: 'gloss restore' }),
    })
    expect(restored.erasuresApplied).toBe(1)
    const eve = await db()
      .selectFrom('people')
      .select(['email', 'passwordHash', 'erasedAt'])
      .where('displayName', '<>', 'Admin')
      .where('isAdmin', '=', false)
      .execute()
    expect(eve).toHaveLength(1)
    expect(eve[0]).toMatchObject({ email: null, passwordHash: null })
    expect(eve[0]?.erasedAt).not.toBeNull()
    expect(await traces()).not.toContain(EVE)
    const signIn = await c.visitor().send('POST', '/api/session', { email: EVE, password: PASSWORD })
    expect(signIn.status).toBe(401)
    const entry = await db()
      .selectFrom('auditLog')
      .select(['action', 'subject', 'detail'])
      .where('action', '=', 'instance.restored')
      .executeTakeFirstOrThrow()
    expect(entry).toMatchObject({
      action: 'instance.restored',
      subject: 'gloss restore',
      detail: { count: 1 },
    })
    const log = await (await (await c.signIn('admin@example.org')).request('/admin/audit')).text()
    expect(log).toContain('erased again 1 account erased since the file was made')
  })
})
