import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { DomainError } from '../kernel/errors.ts'
import type { NamesShown } from '../kernel/words.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { applyRetention, guidesDueForRetention } from './retention.repository.ts'

/** The daily job that applies each guide's retention once its period has run out. */
export const RETENTION = 'privacy.retention'

/**
 * Applies retention to every guide whose period has run out since its consultation ended: each in its
 * own transaction with its audit entry, so one guide's failure leaves the others done and itself
 * untouched for the next run. A guide already done is skipped, so running twice changes nothing more.
 */
export async function runRetention(db: Db, now: Date = new Date()) {
  const applied: string[] = []
  for (const guide of await guidesDueForRetention(db, now)) {
    const done = await withTransaction(db, async (tx) => {
      const counts = await applyRetention(tx, guide.id, now)
      if (!counts) return false
      await recordAudit(tx, {
        actorId: null,
        action: 'guide.retention-applied',
        guideId: guide.id,
        detail: { retentionDays: guide.retentionDays, ...counts },
      })
      return true
    })
    if (done) applied.push(guide.slug)
  }
  return applied
}

/**
 * Full names may not come back once retention has put pseudonyms in their place: the privacy notice
 * says it was done, and the record's names stay pseudonymised (a 409 at the field `names`).
 */
export function refuseFullNamesAfterRetention(
  guide: { retentionAppliedAt: Date | null },
  names: NamesShown | undefined,
) {
  if (names !== 'full' || guide.retentionAppliedAt === null) return
  const detail = fieldMessage('field.namesAfterRetention')
  throw new DomainError(
    'names-after-retention',
    'Retention has put pseudonyms in place of names in this guide’s record, so its names cannot be shown in full again.',
    [{ pointer: '/names', detail }],
  )
}
