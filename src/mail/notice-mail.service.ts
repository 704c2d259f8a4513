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
 * crash made after the server took the first, and their mail program can tell the two are one.
 */
const messageId = (job: Job, origin: string) => `<gloss.mail.${String(job.id)}@${new URL(origin).hostname}>`

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
    if (failure.addressRefused) {
      await recordBounce(db, person.email, failure.message)
      logger.warn(
        { person: person.id, job: job.id },
        'mail: an address was refused for good; nothing more goes to it',
      )
    }
    await settleJobNotices(db, job.id, 'skipped')
    throw new PermanentJobFailure(failure.message)
  }
  await settleJobNotices(db, job.id, 'sent')
}
