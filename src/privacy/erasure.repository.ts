import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Tx } from '../platform/db/transaction.ts'
import { forgetEmailInAudit } from '../audit/audit.repository.ts'
import { retireResetLinks } from '../people/credentials.repository.ts'
import { erasePerson, revokeSessionsOf } from '../people/people.repository.ts'
import { forgetAccountLimits } from '../people/sign-in-limits.ts'

/** What an erased address becomes where words about it are kept (the audit log says the same). */
const ERASED = 'an erased account'

/** The address as a case-blind pattern of itself (a mail server may write it as it was typed). */
const pattern = (email: string) => email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Takes an erased person's email address out of the mail and job tables, in the caller's transaction:
 * the refusal a mail server gave for it (`mail_bounces`: nobody is written to at it any more, so the
 * record goes), invitation mail to it not yet sent (removed), and wherever else the queue kept it — a
 * job's last error as admins read it at /admin/jobs, its payload, its key — replaced by words that name
 * nobody. Four statements however many jobs there are; the instance export reads these tables, so the
 * address leaves every later export too.
 */
export async function forgetEmailInQueue(tx: Tx | Db, email: string): Promise<void> {
  const address = email.toLowerCase()
  const inJson = JSON.stringify(address).slice(1, -1)
  const regex = pattern(address)
  await tx.deleteFrom('mailBounces').where('address', '=', address).execute()
  await sql`
    update mail_bounces set reason = regexp_replace(reason, ${regex}, ${ERASED}, 'gi')
    where reason ~* ${regex}`.execute(tx)
  await sql`
    delete from jobs
    where kind = 'mail.invitation' and finished_at is null and failed_at is null
      and lower(payload ->> 'address') = ${address}`.execute(tx)
  await sql`
    update jobs set
      last_error = regexp_replace(last_error, ${regex}, ${ERASED}, 'gi'),
      payload = case
        when lower(payload ->> 'address') = ${address} then payload - 'address' - 'url'
        else regexp_replace(payload::text, ${pattern(inJson)}, ${ERASED}, 'gi')::jsonb
      end,
      key = regexp_replace(key, ${regex}, ${`${ERASED} `} || id::text, 'gi')
    where last_error ~* ${regex} or payload::text ~* ${pattern(inJson)} or key ~* ${regex}`.execute(tx)
}

/**
 * Everything erasing an account does to the database, in the caller's transaction: its sessions end,
 * its personal details go (src/people/people.repository.ts), its reset links are retired, and its email
 * address leaves the audit log, the rate-limit counters and the mail and job tables. The same steps
 * whether the person erases their account or a restore erases again someone the backup still held.
 */
export async function eraseAccount(tx: Tx, personId: number, email: string | null): Promise<void> {
  await revokeSessionsOf(tx, personId)
  await erasePerson(tx, personId)
  await retireResetLinks(tx, personId)
  if (email) {
    await forgetEmailInAudit(tx, email, ERASED)
    await forgetAccountLimits(tx, email)
    await forgetEmailInQueue(tx, email)
  }
}

/** The accounts erased in this database: which a restore erases again in what it brings back. */
export const erasedAccounts = (tx: Tx) =>
  tx.selectFrom('people').select(['id', 'createdAt']).where('erasedAt', 'is not', null).execute()

/**
 * Erases again, in a restored instance, each account the database erased before the restore replaced it
 * (the same account: its id and when it was made), where the restored rows still hold it; how many.
 */
export async function eraseAgain(
  tx: Tx,
  erased: readonly { id: number; createdAt: Date }[],
): Promise<number> {
  if (erased.length === 0) return 0
  const restored = await tx
    .selectFrom('people')
    .select(['id', 'email', 'createdAt'])
    .where(
      'id',
      'in',
      erased.map((e) => e.id),
    )
    .where('erasedAt', 'is', null)
    .execute()
  const made = new Map(erased.map((e) => [e.id, new Date(e.createdAt).getTime()]))
  const again = restored.filter((p) => made.get(p.id) === new Date(p.createdAt).getTime())
  for (const person of again) await eraseAccount(tx, person.id, person.email)
  return again.length
}
