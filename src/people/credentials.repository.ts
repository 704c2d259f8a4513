import { randomBytes } from 'node:crypto'
import type { Db } from '../platform/db/database.ts'
import { readSetting } from './people.repository.ts'

// Password-reset links

export const insertResetLink = (
  db: Db,
  link: { personId: number; tokenHash: string; createdBy: number; expiresAt: Date },
) => db.insertInto('passwordResets').values(link).execute()

/** The person a reset link would reset, while it is unused and unexpired. */
export const findUsableResetLink = (db: Db, tokenHash: string) =>
  db
    .selectFrom('passwordResets')
    .select('personId')
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', new Date())
    .executeTakeFirst()

/** Marks a usable link used and says whose it was; nothing when it was not usable (atomic under races). */
export const useResetLink = (db: Db, tokenHash: string) =>
  db
    .updateTable('passwordResets')
    .set({ usedAt: new Date() })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', new Date())
    .returning(['personId'])
    .executeTakeFirst()

/**
 * Ends every unused link of a person. A link is retired as though used: only the newest may set a
 * password, and none once the password has changed by any route.
 */
export const retireResetLinks = (db: Db, personId: number) =>
  db
    .updateTable('passwordResets')
    .set({ usedAt: new Date() })
    .where('personId', '=', personId)
    .where('usedAt', 'is', null)
    .execute()

// The key that signs known-browser cookies

const DEVICE_KEY = 'knownDeviceKey'

/** The key, if a cookie was ever signed: checking a cookie only reads it. */
export const existingDeviceKey = (db: Db) => readSetting(db, DEVICE_KEY, '')

/** The instance's key for known-browser cookies, made on first use; the same in every process. */
export async function deviceKey(db: Db): Promise<string> {
  const key = await existingDeviceKey(db)
  if (key) return key
  await db
    .insertInto('settings')
    .values({ key: DEVICE_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return readSetting(db, DEVICE_KEY, '')
}
