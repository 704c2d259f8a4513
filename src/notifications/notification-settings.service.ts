import type { Db } from '../platform/db/database.ts'
import type { EmailChoice } from '../kernel/words.ts'
import { unauthenticated } from '../kernel/errors.ts'
import type { Viewer } from '../people/viewer.ts'
import { emailChoiceOf, writeEmailChoice } from './notification-settings.repository.ts'
import { bounceOf, clearBounce } from '../mail/mail.repository.ts'

/** Until a person chooses, their notices come by email once a day (SPEC.md). */
export const DEFAULT_EMAIL_CHOICE: EmailChoice = 'daily'

export interface NotificationSettings {
  email: EmailChoice
}

function personOf(viewer: Viewer) {
  if (!viewer.person) throw unauthenticated('Sign in to see how your notices reach you.')
  return viewer.person
}

export async function notificationSettings(db: Db, viewer: Viewer): Promise<NotificationSettings> {
  return { email: (await emailChoiceOf(db, personOf(viewer).id)) ?? DEFAULT_EMAIL_CHOICE }
}

export async function changeNotificationSettings(
  db: Db,
  viewer: Viewer,
  settings: NotificationSettings,
): Promise<NotificationSettings> {
  await writeEmailChoice(db, personOf(viewer).id, settings.email)
  return settings
}

/**
 * Whether a mail server refused the person's address for good, so no mail goes to it (and why): told on
 * their notices page, where the choice of email would otherwise look as if it works.
 */
export async function mailBounce(db: Db, viewer: Viewer) {
  const person = personOf(viewer)
  const bounce = await bounceOf(db, person.email)
  return bounce ? { address: person.email, reason: bounce.reason, at: bounce.bouncedAt } : null
}

/** The person says their address works again: mail is tried there once more. */
export async function retryMail(db: Db, viewer: Viewer) {
  await clearBounce(db, personOf(viewer).email)
}

/**
 * Turns a person's email off, from a signed unsubscribe link (no session): the link's signature was
 * checked by the caller (src/mail/unsubscribe.ts).
 */
export const turnEmailOff = (db: Db, personId: number) => writeEmailChoice(db, personId, 'off')
