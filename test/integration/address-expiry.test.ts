import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { loadConfig } from '../../src/config.ts'
import { jobHandlers } from '../../src/jobs.ts'
import { ADDRESS_EXPIRY } from '../../src/privacy/address-expiry.service.ts'
import { claimJobs } from '../../src/platform/queue/job.repository.ts'
import { enqueue } from '../../src/platform/queue/queue.service.ts'
import { QueueWorker, recurringKey } from '../../src/platform/queue/queue-worker.service.ts'

const DAY = 86_400_000

/**
 * The network addresses requests came from are personal data: the audit log keeps them with sign-ins
 * and other audited actions for ADDRESS_RETENTION_DAYS, then a daily job on the real queue blanks them
 * (the entries stay); the rate limits' counters, whose buckets name addresses, go once their window
 * has ended. The privacy notice says for how long.
 */
describe(`privacy: client addresses expire (${databaseKind})`, () => {
  let c: Consultation<'rita'>
  const db = () => c.database.db
  const config = { ...loadConfig({ ADDRESS_RETENTION_DAYS: '30' }) }

  async function runJob() {
    const runner = new QueueWorker(c.database, jobHandlers(config, c.database))
    await enqueue(db(), [{ kind: ADDRESS_EXPIRY, key: recurringKey(ADDRESS_EXPIRY) }])
    await db()
      .updateTable('jobs')
      .set({ runAt: new Date() })
      .where('key', '=', recurringKey(ADDRESS_EXPIRY))
      .execute()
    const jobs = await claimJobs(db(), runner.id, [ADDRESS_EXPIRY], 10, 60_000)
    expect(jobs).toHaveLength(1)
    for (const job of jobs) await runner.handle(job)
  }
  const entry = (subject: string) =>
    db()
      .selectFrom('auditLog')
      .select(['action', 'subject', 'detail', 'address', 'at'])
      .where('subject', '=', subject)
      .executeTakeFirstOrThrow()
  const buckets = async () =>
    (await db().selectFrom('rateLimits').select('bucket').orderBy('bucket').execute()).map((r) => r.bucket)

  beforeAll(async () => {
    c = await consultation({
      config: { addressRetentionDays: 30 },
      guides: [{ slug: 'bins', markdown: '# Bins\n\nCollected on Tuesdays.\n', state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed Editor' },
      people: { rita: { email: 'rita@example.org', name: 'Rita Reviewer' } },
    })
    const rita = await db()
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'rita@example.org')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('auditLog')
      .values([
        {
          actorId: rita.id,
          action: 'sign-in',
          subject: 'old sign-in',
          detail: JSON.stringify({ device: 'laptop' }),
          address: '203.0.113.9',
          at: new Date(Date.now() - 45 * DAY),
        },
        {
          actorId: rita.id,
          action: 'sign-in',
          subject: 'recent sign-in',
          address: '198.51.100.7',
          at: new Date(Date.now() - 10 * DAY),
        },
      ])
      .execute()
    await db()
      .insertInto('rateLimits')
      .values([
        { bucket: 'password:address:203.0.113.9', windowStart: new Date(Date.now() - 2 * DAY), hits: 3 },
        { bucket: 'password:address:198.51.100.7', windowStart: new Date(), hits: 1 },
      ])
      .execute()
  })
  afterAll(async () => {
    await c.close()
  })

  it('blanks addresses older than the period on the daily job, keeping the entries, and drops ended counters', async () => {
    const before = await entry('old sign-in')
    const auditPage = async () => (await c.admin.request('/admin/audit')).text()
    const shown = await auditPage()
    expect(shown).toContain('203.0.113.9')
    expect(shown).toContain('198.51.100.7')

    await runJob()

    const old = await entry('old sign-in')
    expect(old.address).toBe('')
    // Only the address went: who did what, when, is still in the record.
    expect({ ...old, address: before.address }).toEqual(before)
    expect((await entry('recent sign-in')).address).toBe('198.51.100.7')
    // Signing in to set up this test counted in windows still running: those stay too.
    const counters = await buckets()
    expect(counters).toContain('password:address:198.51.100.7')
    expect(counters.filter((b) => b.includes('203.0.113.9'))).toEqual([])
    const after = await auditPage()
    expect(after).not.toContain('203.0.113.9')
    expect(after).toContain('198.51.100.7')

    // Running again changes nothing more.
    await runJob()
    expect((await entry('recent sign-in')).address).toBe('198.51.100.7')
    expect(await buckets()).toEqual(counters)
  })

  it('still refuses any other change to the audit log, even while addresses are being blanked', async () => {
    const refused = (statement: ReturnType<typeof sql>) =>
      db()
        .transaction()
        .execute(async (tx) => {
          await sql`select set_config('gloss.audit_address_expiry', 'on', true)`.execute(tx)
          await statement.execute(tx)
        })
    // Without the job's setting, not even the address may change.
    await expect(
      sql`update audit_log set address = '' where subject = 'recent sign-in'`.execute(db()),
    ).rejects.toThrow(/append-only/)
    // With it, only blanking the address passes: not another address, nor the subject, nor a deletion.
    await expect(
      refused(sql`update audit_log set address = '192.0.2.1' where subject = 'recent sign-in'`),
    ).rejects.toThrow(/append-only/)
    await expect(
      refused(sql`update audit_log set address = '', subject = 'x' where subject = 'recent sign-in'`),
    ).rejects.toThrow(/append-only/)
    await expect(refused(sql`delete from audit_log where subject = 'recent sign-in'`)).rejects.toThrow(
      /append-only/,
    )
    expect((await entry('recent sign-in')).address).toBe('198.51.100.7')
  })

  it('tells people on the privacy notice how long their address is kept, in English and Welsh', async () => {
    const english = await (await c.admin.request('/g/bins/privacy')).text()
    expect(english).toContain('network (IP) address your browser connected from, for 30 days')
    const welsh = await (
      await c.admin.request('/g/bins/privacy', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('am 30 diwrnod')
  })
})
