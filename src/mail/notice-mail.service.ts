import type { Transporter } from 'nodemailer'
import type { Config, MailConfig } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { PermanentJobFailure, type Job } from '../platform/queue/queue-worker.service.ts'
import { logger } from '../platform/log.ts'
import { noticesOfJob, recipient, recordBounce, settleJobNotices } from './mail.repository.ts'
import { digestMessage, noticeMessage, type MailLinks } from './notice-mail.tsx'
import { smtpFailure } from './transport.ts'
import { unsubscribeUrl } from './unsubscribe.service.ts'
import { notificationSettingsPath } from './urls.ts'

/** The job that mails a person's notices: one notice (at once) or a digest. */
export const MAIL_NOTICES = 'mail.notices'

export interface MailNoticesPayload {
  personId: number
  /** Absent for a notice sent on its own. */
  digest?: 'daily' | 'weekly'
}

export interface MailSender {
  config: MailConfig
  /** The site as people reach it, for every link: PUBLIC_URL, required with SMTP_URL. */
  origin: string
  transport: Transporter
}

export const mailSender = (config: Config, transport: Transporter): MailSender | undefined =>
  config.mail && config.publicUrl ? { config: config.mail, origin: config.publicUrl, transport } : undefined

/**
 * A Message-ID that is the job's own: a retry of the job (after the server failed, or after this
 * process died having sent it) carries the same id, so the only second copy a person can get is one a
 * crash made after the server took the first, and their mail program can tell the two are one. The
 * job's id alone is not enough: a database restored from a backup hands out the same ids again, to
 * other messages, so the moment the job was made (to the millisecond, in base 36) goes with it.
 */
export const messageId = (job: Pick<Job, 'id' | 'createdAt'>, origin: string) =>
  `<gloss.mail.${String(job.id)}.${job.createdAt.getTime().toString(36)}@${new URL(origin).hostname}>`

/**
 * Sends the notices handed to this job, checking first that the person may still be written to: never
 * to an erased account, an address that bounced, or someone who has since turned email off. A server
 * that is down or refuses for now throws, and the queue tries again later; a permanent refusal of the
 * address marks it bounced and gives up at once.
 */
export async function sendNoticeMail(db: Db, sender: MailSender, job: Job): Promise<void> {
  const payload = job.payload as unknown as MailNoticesPayload
  const person = await recipient(db, payload.personId)
  const notices = await noticesOfJob(db, job.id)
  if (
    !person?.email ||
    person.erasedAt !== null ||
    person.bounced ||
    person.choice === 'off' ||
    notices.length === 0
  ) {
    await settleJobNotices(db, job.id, 'skipped')
    return
  }
  const links: MailLinks = {
    origin: sender.origin,
    unsubscribe: await unsubscribeUrl(db, sender.origin, person.id),
    settings: `${sender.origin}${notificationSettingsPath}`,
  }
  const first = notices[0]
  // In the language the person chose on the site; one who never chose reads English.
  const language = person.language ?? 'en'
  const content =
    payload.digest === undefined && first && notices.length === 1
      ? await noticeMessage(first, links, language)
      : await digestMessage(notices, payload.digest ?? 'daily', links, language)
  try {
    await sender.transport.sendMail({
      from: sender.config.from,
      to: { name: person.displayName, address: person.email },
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId: messageId(job, sender.origin),
      headers: {
        'List-Unsubscribe': `<${links.unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'Auto-Submitted': 'auto-generated',
      },
    })
  } catch (error) {
    const failure = smtpFailure(error)
    if (!failure.permanent) throw error
    await settleJobNotices(db, job.id, 'skipped')
    // A person's address that bounced is theirs to mend (their notices page says so), not a fault of
    // the queue's: the job is done. Any other permanent refusal (of the sender, of the message) is the
    // instance's to look at, and is given up on where admins see it.
    if (!failure.addressRefused) throw new PermanentJobFailure(failure.message)
    await recordBounce(db, person.email, failure.message)
    logger.warn(
      { person: person.id, job: job.id },
      'mail: an address was refused for good; nothing more goes to it until its owner asks',
    )
    return
  }
  await settleJobNotices(db, job.id, 'sent')
}
