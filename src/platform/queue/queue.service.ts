import type { Db } from '../db/database.ts'
import {
  deleteFinished,
  failedJobs,
  failingRecurringJobs,
  insertJobs,
  jobCounts,
  retryFailedJob,
  type NewJob,
} from './job.repository.ts'

export type { NewJob }

/**
 * Adds jobs for the queue's workers, in the caller's transaction when given one: a job exists exactly
 * when what caused it does, and every process's worker hears of it at commit. A job whose key is taken
 * is not added again; answers the ids of those added.
 */
export async function enqueue(db: Db, jobs: readonly NewJob[]): Promise<number[]> {
  return (await insertJobs(db, jobs)).map((row) => row.id)
}

/** Jobs still to do and jobs given up on, by kind. */
export const queueCounts = (db: Db) => jobCounts(db)

const SHOWN_FAILURES = 100

/** The newest jobs given up on, for the admins' page. */
export async function failures(db: Db) {
  return (await failedJobs(db, SHOWN_FAILURES)).map((job) => ({
    id: String(job.id),
    kind: job.kind,
    attempts: job.attempts,
    lastError: job.lastError ?? '',
    createdAt: job.createdAt,
    failedAt: job.failedAt ?? job.createdAt,
  }))
}

/** Recurring work whose last run failed (it goes on trying), for the admins' page. */
export async function failingRecurring(db: Db) {
  return (await failingRecurringJobs(db)).map((job) => ({
    kind: job.kind,
    failures: job.attempts,
    lastError: job.lastError ?? '',
    nextAt: job.runAt,
  }))
}

/** Tries a job given up on again, from its first attempt; false when there is no such failed job. */
export const retryFailure = (db: Db, id: number) => retryFailedJob(db, id)

/**
 * Done jobs are kept a month, long after any sweep could look for their keys (a weekly digest's is a
 * week old at most), then deleted; failed ones stay until an admin retries them.
 */
export const pruneFinishedJobs = (db: Db) => deleteFinished(db, 30)
