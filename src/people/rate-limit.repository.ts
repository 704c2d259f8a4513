import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'

/**
 * Counts a hit on `bucket` in a fixed window of `windowSeconds`, in one statement that is atomic under
 * concurrency; answers the hits in the window so far and the seconds until it ends.
 */
export async function countHit(db: Db, bucket: string, windowSeconds: number) {
  const { rows } = await sql<{ hits: number; retryAfter: number }>`
    insert into rate_limits (bucket, window_start, hits) values (${bucket}, now(), 1)
    on conflict (bucket) do update set
      hits = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start < now() - make_interval(secs => ${windowSeconds}) then now() else rate_limits.window_start end
    returning hits, ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::integer as "retryAfter"`.execute(
    db,
  )
  return rows[0]
}

export async function takeBackHit(db: Db, bucket: string): Promise<void> {
  await db
    .updateTable('rateLimits')
    .set({ hits: sql<number>`greatest(hits - 1, 0)` })
    .where('bucket', '=', bucket)
    .execute()
}

export async function deleteBucketsNaming(db: Db, fragment: string): Promise<void> {
  await db
    .deleteFrom('rateLimits')
    .where(sql<boolean>`strpos(bucket, ${fragment}) > 0`)
    .execute()
}

/**
 * Removes the counters whose window ended `seconds` ago or more: a new hit would start them afresh
 * anyway, and their buckets name client addresses (address expiry, src/privacy/address-expiry.service.ts).
 */
export async function deleteEndedWindows(db: Db, seconds: number): Promise<number> {
  const result = await db
    .deleteFrom('rateLimits')
    .where('windowStart', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
