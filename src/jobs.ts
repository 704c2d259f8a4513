import type { Config } from './config.ts'
import type { Database } from './platform/db/database.ts'
import { QueueWorker, type JobHandler, type WorkerOptions } from './platform/queue/queue-worker.service.ts'
import { pruneFinishedJobs } from './platform/queue/queue.service.ts'
import { CLOSING_REMINDERS, remindOfClosing } from './notifications/closing-reminder.service.ts'
import { MAIL_SWEEP, sweepNotices } from './mail/mail-sweep.service.ts'
import { MAIL_NOTICES, mailSender, sendNoticeMail } from './mail/notice-mail.service.ts'
import { mailTransport } from './mail/transport.ts'
import { MAIL_INVITATION, sendInvitationMail } from './mail/invitation-mail.service.ts'
import { RETENTION, runRetention } from './privacy/retention.service.ts'
import { ADDRESS_EXPIRY, expireAddresses } from './privacy/address-expiry.service.ts'
import { PLACE_UNPLACED, placeUnplaced } from './campaigns/campaign-placement.service.ts'

const MINUTE = 60_000

/**
 * Every kind of job a server process runs, from each feature: like api.ts for routes, the one place
 * that lists them. Mail runs only where the instance has a mail server; without one, notices stay in
 * the site.
 */
export function jobHandlers(config: Config, { db }: Database): JobHandler[] {
  const handlers: JobHandler[] = [
    { kind: 'queue.prune', everyMs: 60 * MINUTE, run: () => pruneFinishedJobs(db).then(() => undefined) },
    // A day's notice needs no finer clock than a quarter of an hour.
    { kind: CLOSING_REMINDERS, everyMs: 15 * MINUTE, run: () => remindOfClosing(db).then(() => undefined) },
    // Retention is counted in days: once a day is soon enough, and a restart runs it again from its row.
    { kind: RETENTION, everyMs: 24 * 60 * MINUTE, run: () => runRetention(db).then(() => undefined) },
    {
      kind: ADDRESS_EXPIRY,
      everyMs: 24 * 60 * MINUTE,
      run: () => expireAddresses(db, config).then(() => undefined),
    },
    // Comments are placed in campaigns just after they are answered; this finds any a stopped process left.
    { kind: PLACE_UNPLACED, everyMs: 10 * MINUTE, run: () => placeUnplaced(db).then(() => undefined) },
  ]
  const sender = config.mail ? mailSender(config, mailTransport(config.mail)) : undefined
  if (config.mail && sender) {
    const settings = { config: config.mail, timeZone: config.timeZone }
    handlers.push(
      // Woken by every notice written (a trigger NOTIFYs at its commit), so "at once" is seconds.
      {
        kind: MAIL_SWEEP,
        everyMs: MINUTE,
        wakeOn: 'notices',
        run: () => sweepNotices(db, settings).then(() => undefined),
      },
      { kind: MAIL_NOTICES, run: (job) => sendNoticeMail(db, sender, job) },
      { kind: MAIL_INVITATION, run: (job) => sendInvitationMail(db, sender, config.timeZone, job) },
    )
  }
  return handlers
}

/** The process's queue worker, running every kind above. */
export async function startJobs(config: Config, database: Database, options: WorkerOptions = {}) {
  const worker = new QueueWorker(database, jobHandlers(config, database), options)
  await worker.start()
  return worker
}
