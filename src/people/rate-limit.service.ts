import type { Db } from '../platform/db/database.ts'
import { DomainError } from '../kernel/errors.ts'
import { countHit, deleteBucketsNaming, takeBackHit } from './rate-limit.repository.ts'

export interface Limit {
  /** What is counted, e.g. `sign-in:address:203.0.113.9`. */
  bucket: string
  max: number
  windowSeconds: number
}

/**
 * Counts a hit in a fixed window kept in PostgreSQL, so the limit holds across every server process;
 * past the maximum, throws 429 with Retry-After.
 */
export async function hit(db: Db, limit: Limit): Promise<void> {
  const row = await countHit(db, limit.bucket, limit.windowSeconds)
  if (row && row.hits > limit.max) {
    const retryAfter = String(Math.max(1, row.retryAfter))
    throw new DomainError('rate-limited', `Too many attempts; try again in ${retryAfter} seconds.`, [], {
      'retry-after': retryAfter,
    })
  }
}

/** Takes back one hit counted in the current window: an attempt counted up front that turned out fine. */
export const giveBack = (db: Db, bucket: string) => takeBackHit(db, bucket)

/** Drops every counter whose bucket names `fragment` (an erased account's key). */
export const forgetBuckets = (db: Db, fragment: string) => deleteBucketsNaming(db, fragment)
