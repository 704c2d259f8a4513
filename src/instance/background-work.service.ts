import type { Db } from '../platform/db/database.ts'
import { authoriseOnInstance } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { notFound } from '../kernel/errors.ts'
import { failingRecurring, failures, queueCounts, retryFailure } from '../platform/queue/queue.service.ts'

/**
 * What the admins' page shows of the job queue: what waits, by kind, the regular work that keeps
 * failing (retention, say: never given up on, so never among the failed), and what was given up on.
 */
export async function backgroundWork(db: Db, viewer: Viewer) {
  authoriseOnInstance(viewer, 'manage-settings')
  const [counts, failing, failed] = await Promise.all([queueCounts(db), failingRecurring(db), failures(db)])
  return { waiting: counts.filter((c) => c.waiting > 0), failing, failed }
}

/** An admin tries a failed job again from its first attempt. */
export async function retryBackgroundJob(db: Db, viewer: Viewer, id: number): Promise<void> {
  authoriseOnInstance(viewer, 'manage-settings')
  if (!(await retryFailure(db, id))) throw notFound('That failed job')
}
