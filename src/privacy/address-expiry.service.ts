import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { forgetAddressesInAudit } from '../audit/audit.repository.ts'
import { deleteEndedWindows } from '../people/rate-limit.repository.ts'

/** The daily job that lets go of client network addresses once they are no longer needed. */
export const ADDRESS_EXPIRY = 'privacy.address-expiry'

const DAY = 86_400_000

/**
 * The addresses requests came from are personal data, kept only as long as they serve security: on
 * sign-ins, resets and other audited actions for `ADDRESS_RETENTION_DAYS` (the privacy notice says how
 * long), then blanked, the entries themselves staying; in the rate limits' counters only until their
 * window ends. Running twice changes nothing more.
 */
export async function expireAddresses(
  db: Db,
  config: Pick<Config, 'addressRetentionDays' | 'rateLimits'>,
  now = new Date(),
) {
  const longestWindow = Math.max(config.rateLimits.signInWindowSeconds, config.rateLimits.postWindowSeconds)
  const counters = await deleteEndedWindows(db, longestWindow)
  const auditEntries = await withTransaction(db, (tx) =>
    forgetAddressesInAudit(tx, new Date(now.getTime() - config.addressRetentionDays * DAY)),
  )
  return { counters, auditEntries }
}
