import type { Config } from '../config.ts'
import type { Db } from '../platform/db/database.ts'
import { hit } from '../people/rate-limit.service.ts'
import type { SignedInPerson, Viewer } from '../people/viewer.ts'

/** The writes to comments a person, and an address, may make in a window: each kind counted apart. */
export type CommentWrite = 'post' | 'edit' | 'flag' | 'agree'

/**
 * Counts one write against its person and its address, in PostgreSQL so the limit holds across server
 * processes; past either limit, 429 with Retry-After. Called after the cheap checks and before the
 * costly work (rendering the body's Markdown), so even a body refused as too complex is counted.
 * Editing has the same allowance as posting: an edit renders as much Markdown as a new comment.
 */
export async function countCommentWrite(
  db: Db,
  config: Config,
  viewer: Viewer & { person: SignedInPerson },
  write: CommentWrite,
): Promise<void> {
  const limits = config.rateLimits
  if (!limits.enabled) return
  await hit(db, {
    bucket: `${write}:person:${String(viewer.person.id)}`,
    max: limits.postPerPerson,
    windowSeconds: limits.postWindowSeconds,
  })
  await hit(db, {
    bucket: `${write}:address:${viewer.address}`,
    max: limits.postPerAddress,
    windowSeconds: limits.postWindowSeconds,
  })
}
