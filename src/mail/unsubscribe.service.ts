import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Db } from '../platform/db/database.ts'
import { turnEmailOff } from '../notifications/notification-settings.service.ts'
import { existingMailLinkKey, mailLinkKey, recipient } from './mail.repository.ts'
import type { Lang } from '../platform/i18n/languages.ts'
import { unsubscribePath } from './urls.ts'

/**
 * The one-click unsubscribe link in every message (RFC 8058): it names the person and carries an HMAC
 * of their id under the instance's own key, so it works without signing in and no one can make one for
 * someone else. It never expires: an old message's link still stops the mail.
 */
const mac = (key: string, personId: number) =>
  createHmac('sha256', key)
    .update(`unsubscribe:${String(personId)}`)
    .digest('base64url')

export async function unsubscribeUrl(db: Db, origin: string, personId: number): Promise<string> {
  return `${origin}${unsubscribePath(`${String(personId)}.${mac(await mailLinkKey(db), personId)}`)}`
}

/** The person a link's token names when its signature holds; else undefined. */
export async function personOfUnsubscribeToken(db: Db, token: string): Promise<number | undefined> {
  const match = /^(\d{1,10})\.([\w-]{43})$/.exec(token)
  if (!match) return undefined
  const personId = Number(match[1])
  // Before any mail was sent there is no key, and so no genuine link: a made-up one is refused without
  // making the key (a refused request writes nothing).
  const key = await existingMailLinkKey(db)
  if (!key) return undefined
  const expected = Buffer.from(mac(key, personId))
  const given = Buffer.from(match[2] ?? '')
  return expected.length === given.length && timingSafeEqual(expected, given) ? personId : undefined
}

/** Turns email off for the link's person; false when the link is not one Gloss signed. */
export async function unsubscribe(db: Db, token: string): Promise<boolean> {
  const personId = await personOfUnsubscribeToken(db, token)
  if (personId === undefined) return false
  await turnEmailOff(db, personId)
  return true
}

/** The language the link's person chose on the site, if they did (their messages are in it). */
export async function unsubscribeLanguage(db: Db, personId: number): Promise<Lang | undefined> {
  return (await recipient(db, personId))?.language ?? undefined
}
