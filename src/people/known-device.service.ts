import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from '../platform/db/database.ts'
import { deviceKey, existingDeviceKey } from './credentials.repository.ts'

/**
 * A browser that has signed in to an account carries a cookie saying so: `person.device.mac`, signed
 * with a key kept in the database, so no one can make one for an account they never signed in to.
 * `device` is random per browser, so each such browser has its own guessing allowance
 * (src/people/sign-in-limits.ts). It grants nothing by itself: a password is still needed.
 */
const mac = (key: string, payload: string) => createHmac('sha256', key).update(payload).digest('base64url')

export async function newDeviceToken(db: Db, personId: number): Promise<string> {
  const payload = `${String(personId)}.${randomBytes(16).toString('base64url')}`
  return `${payload}.${mac(await deviceKey(db), payload)}`
}

/** The browser's id when `token` is a genuine cookie of this person's; else undefined. */
export async function knownDevice(
  db: Db,
  token: string | undefined,
  personId: number | undefined,
): Promise<string | undefined> {
  const match = token && /^(\d{1,10})\.([\w-]{22})\.([\w-]{43})$/.exec(token)
  if (!match || personId === undefined || Number(match[1]) !== personId) return undefined
  // Before anyone signed in there is no key, and so no genuine cookie: a made-up one on a refused
  // sign-in must not make the key on the way (a refused request writes nothing).
  const key = await existingDeviceKey(db)
  if (!key) return undefined
  const expected = Buffer.from(mac(key, `${match[1]}.${match[2] ?? ''}`))
  const given = Buffer.from(match[3] ?? '')
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[2] : undefined
}
