import type { RateLimits } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { forgetBuckets, giveBack, hit } from './rate-limit.service.ts'
import { hashToken } from './tokens.ts'

/*
 * How password guessing is stopped without handing the guesser a way to lock the owner out.
 *
 * - Every request that makes the server hash or check a password counts against its client address
 *   (SIGN_IN_LIMIT_PER_ADDRESS), before the work: scrypt costs 32 MB and a tenth of a second, and no
 *   address may spend more than that many in a window, whatever it asks for.
 * - Only failures count against an account. Strictly per account and address (SIGN_IN_LIMIT_PER_ACCOUNT):
 *   one address gets a handful of guesses at an account, and stopping it stops only that address. More
 *   loosely per account from every address together (SIGN_IN_LIMIT_PER_ACCOUNT_OVERALL): a guesser
 *   spread over many addresses is still stopped, and so is every browser new to the account.
 * - A browser that has signed in to the account before (its signed cookie, src/people/known-device.service.ts)
 *   has its failures counted on its own instead (SIGN_IN_LIMIT_PER_ACCOUNT per browser), so the owner
 *   signs in from their own browser however many guesses were made elsewhere, and a stolen cookie
 *   still buys only a few. The address count applies to it too: a successful sign-in costs a hash as
 *   well, so only someone flooding the owner's own address can keep that browser out.
 *
 * A failure is counted before the password is checked and given back when it was right, so concurrent
 * guesses cannot overshoot a limit and a correct password leaves no trace. Accounts are counted by a
 * hash of the email typed, registered or not: the counters hold no email, and answer alike for both.
 */

/** An email as the counters know it. */
const accountKey = (email: string) => hashToken(`account:${email}`)

/** Counts a request that will hash or check a password against its address; 429 past the limit. */
export async function countPasswordWork(db: Db, limits: RateLimits, address: string): Promise<void> {
  if (!limits.enabled) return
  await hit(db, {
    bucket: `password:address:${address}`,
    max: limits.signInPerAddress,
    windowSeconds: limits.signInWindowSeconds,
  })
}

export interface PasswordCheck {
  /** The password was right: the failure counted in advance is given back. */
  passed(): Promise<void>
}

/** Counts an attempt at an account's password as a failure until `passed`; 429 when it is stopped. */
export async function beforePasswordCheck(
  db: Db,
  limits: RateLimits,
  attempt: { email: string; address: string; device?: string | undefined },
): Promise<PasswordCheck> {
  if (!limits.enabled) return { passed: () => Promise.resolve() }
  const account = accountKey(attempt.email)
  const buckets = attempt.device
    ? [{ bucket: `sign-in:device:${account}:${attempt.device}`, max: limits.signInPerAccount }]
    : [
        { bucket: `sign-in:account-address:${account}:${attempt.address}`, max: limits.signInPerAccount },
        { bucket: `sign-in:account:${account}`, max: limits.signInPerAccountOverall },
      ]
  await countPasswordWork(db, limits, attempt.address)
  for (const { bucket, max } of buckets)
    await hit(db, { bucket, max, windowSeconds: limits.signInWindowSeconds })
  return {
    async passed() {
      for (const { bucket } of buckets) await giveBack(db, bucket)
    },
  }
}

/** Erasure: the counters kept for an email go with it. */
export const forgetAccountLimits = (db: Db, email: string) => forgetBuckets(db, accountKey(email))
