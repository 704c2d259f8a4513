import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { DomainError } from '../kernel/errors.ts'

export interface Limit {
  /** What is counted, e.g. `sign-in:address:203.0.113.9`. */
  bucket: string
  max: number
  windowSeconds: number
}

/**
 * Counts a hit in a fixed window kept in PostgreSQL, so the limit holds across every server process;
 * past the maximum, throws 429 with Retry-After. One statement, atomic under concurrency.
 */
export async function hit(db: Db, limit: Limit): Promise<void> {
  const { rows } = await sql<{ hits: number; retryAfter: number }>`
    insert into rate_limits (bucket, window_start, hits) values (${limit.bucket}, now(), 1)
    on conflict (bucket) do update set
      hits = case when rate_limits.window_start < now() - make_interval(secs => ${limit.windowSeconds}) then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${limit.windowSeconds}) then now() else rate_limits.window_start end
    returning hits, ceil(extract(epoch from (window_start + make_interval(secs => ${limit.windowSeconds}) - now())))::integer as "retryAfter"`.execute(
    db,
  )
  const row = rows[0]
  if (row && row.hits > limit.max) {
    const retryAfter = String(Math.max(1, row.retryAfter))
    throw new DomainError(429, 'rate-limited', `Too many attempts; try again in ${retryAfter} seconds.`, [], {
      'retry-after': retryAfter,
    })
  }
}

/** Takes back one hit counted in the current window: an attempt counted up front that turned out fine. */
export async function giveBack(db: Db, bucket: string): Promise<void> {
  await db
    .updateTable('rateLimits')
    .set({ hits: sql<number>`greatest(hits - 1, 0)` })
    .where('bucket', '=', bucket)
    .execute()
}

/** Drops every counter whose bucket names `fragment` (an erased account's key). */
export async function forgetBuckets(db: Db, fragment: string): Promise<void> {
  await db
    .deleteFrom('rateLimits')
    .where(sql<boolean>`strpos(bucket, ${fragment}) > 0`)
    .execute()
}
