import type { MailConfig } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { enqueue } from '../platform/queue/queue.service.ts'
import { handToJob, skipUnmailable, waitingDigests, waitingImmediate } from './mail.repository.ts'
import { digestTime } from './digest-period.ts'
import { MAIL_NOTICES, type MailNoticesPayload } from './notice-mail.service.ts'

/** The recurring job that hands waiting notices to mail jobs. */
export const MAIL_SWEEP = 'mail.sweep'

/** Notices handed out per sweep at most; the sweep runs again at once while there are more. */
const BATCH = 500

export interface SweepSettings {
  config: MailConfig
  timeZone: string
}

/**
 * Reads the notices no message has carried yet, whoever wrote them, and hands them to mail jobs: each
 * of a person who wants them at once to a job of its own (keyed by the notice, so two sweeps in two
 * processes make one job); those of a person who wants a digest, once its time has come in the
 * instance's zone, to one job for the period (keyed by person and period) that bundles every notice
 * since their last. Each job and its notices' state change commit together. Answers how many jobs it
 * made.
 */
export async function sweepNotices(db: Db, settings: SweepSettings, now = new Date()): Promise<number> {
  await skipUnmailable(db)
  let made = 0
  for (;;) {
    const waiting = await waitingImmediate(db, BATCH)
    let handed = 0
    for (const notice of waiting)
      handed += await handOut(
        db,
        `notice:${String(notice.id)}`,
        { personId: notice.personId },
        { ids: [notice.id] },
      )
    made += handed
    if (waiting.length < BATCH || handed === 0) break
  }
  for (const period of ['daily', 'weekly'] as const) {
    const at = digestTime(now, period, settings.timeZone, settings.config.digestHour)
    for (const { personId } of await waitingDigests(db, period, at))
      made += await handOut(
        db,
        `digest:${String(personId)}:${at.toISOString()}`,
        { personId, digest: period },
        { personId, before: at },
      )
  }
  return made
}

async function handOut(
  db: Db,
  key: string,
  payload: MailNoticesPayload,
  notices: Parameters<typeof handToJob>[2],
): Promise<number> {
  return withTransaction(db, async (tx) => {
    const [jobId] = await enqueue(tx, [
      { kind: MAIL_NOTICES, key: `${MAIL_NOTICES}:${key}`, payload: { ...payload } },
    ])
    if (jobId === undefined) return 0
    await handToJob(tx, jobId, notices)
    return 1
  })
}
