import type { Db } from '../platform/db/database.ts'
import { enqueue } from '../platform/queue/queue.service.ts'
import { PermanentJobFailure, type Job } from '../platform/queue/queue-worker.service.ts'
import { formatInZone } from '../kernel/time-zone.ts'
import { bouncedAddress, languageOfAddress, recordBounce } from './mail.repository.ts'
import { bilingualInvitationMessage, invitationMessage } from './invitation-mail.tsx'
import { messageId, type MailSender } from './notice-mail.service.ts'
import { logger } from '../platform/log.ts'
import { smtpFailure } from './transport.ts'
import { forgetPayloadFields } from '../platform/queue/job.repository.ts'
import type { Lang } from '../platform/i18n/languages.ts'

/** The job that emails an invitation link to one address. */
export const MAIL_INVITATION = 'mail.invitation'

export interface InvitationMail {
  invitationId: number
  /** The link itself: its token is kept nowhere else, so it waits here until sent. */
  url: string
  guideTitle: string
  role: 'reviewer' | 'editor'
  inviterName: string
  expiresAt: string
  /** The inviter's language when they sent it (absent on jobs queued before mail had languages). */
  language?: Lang
}

/** One job per address (keyed by invitation and address, so a repeat sends nothing more). */
export async function queueInvitationMail(
  db: Db,
  invitation: InvitationMail & { emails: readonly string[] },
): Promise<void> {
  const { emails, ...mail } = invitation
  await enqueue(
    db,
    emails.map((address) => ({
      kind: MAIL_INVITATION,
      key: `${MAIL_INVITATION}:${String(mail.invitationId)}:${address}`,
      payload: { ...mail, address },
    })),
  )
}

/** Sends one invitation; an address refused for good is marked bounced, and one that bounced before is not written to. */
export async function sendInvitationMail(
  db: Db,
  sender: MailSender,
  timeZone: string,
  job: Job,
): Promise<void> {
  const mail = job.payload as unknown as InvitationMail & { address: string }
  // The link opens the guide to whoever holds it: once sent, or never to be sent, it is not kept.
  const forgetLink = () => forgetPayloadFields(db, job.id, ['url'])
  if (await bouncedAddress(db, mail.address)) {
    await forgetLink()
    return
  }
  // In the language the invitee chose, if they have an account and chose one; the inviter's language
  // says nothing of theirs, so anyone else gets it in Welsh and English both.
  const known = await languageOfAddress(db, mail.address)
  const expires = (language: Lang) => formatInZone(new Date(mail.expiresAt), timeZone, language)
  const content = known
    ? await invitationMessage({ ...mail, expires: expires(known), language: known })
    : await bilingualInvitationMessage({ ...mail, expires: { cy: expires('cy'), en: expires('en') } })
  try {
    await sender.transport.sendMail({
      from: sender.config.from,
      to: mail.address,
      subject: content.subject,
      text: content.text,
      html: content.html,
      messageId: messageId(job, sender.origin),
      headers: { 'Auto-Submitted': 'auto-generated' },
    })
  } catch (error) {
    const failure = smtpFailure(error)
    if (!failure.permanent) throw error
    await forgetLink()
    if (!failure.addressRefused) throw new PermanentJobFailure(failure.message)
    // An address that does not exist is the inviter's mistake, not the queue's: recorded, and done.
    await recordBounce(db, mail.address, failure.message)
    logger.warn(
      { job: job.id, invitation: mail.invitationId },
      'mail: an invitation’s address was refused for good',
    )
    return
  }
  await forgetLink()
}
