import { sql, type Selectable } from 'kysely'
import type { Db } from '../db/database.ts'
import type { JobsTable } from '../db/schema.ts'

export type JobRow = Selectable<JobsTable>

/** The NOTIFY channel that wakes every process's workers when a job is added (at its commit). */
export const JOBS_CHANNEL = 'gloss_jobs'

const ms = (value: number) => sql<Date>`now() + make_interval(secs => ${value / 1000})`

export interface NewJob {
  kind: string
  payload?: Record<string, unknown>
  /** One job per key, ever: enqueueing a key already used adds nothing. */
  key?: string | undefined
  /** Not before this; now when left out. */
  runAt?: Date | undefined
  maxAttempts?: number | undefined
}

/**
 * Adds jobs unless their key is taken, and tells every process at commit; answers those added. In
 * the caller's transaction, the job exists exactly when what caused it does.
 */
export async function insertJobs(db: Db, jobs: readonly NewJob[]) {
  if (jobs.length === 0) return []
  const added = await db
    .insertInto('jobs')
    .values(
      jobs.map((job) => ({
        kind: job.kind,
        payload: JSON.stringify(job.payload ?? {}),
        key: job.key ?? null,
        ...(job.runAt ? { runAt: job.runAt } : {}),
        ...(job.maxAttempts ? { maxAttempts: job.maxAttempts } : {}),
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .returning(['id', 'key'])
    .execute()
  if (added.length > 0) await sql`select pg_notify(${JOBS_CHANNEL}, '')`.execute(db)
  return added
}

/** A recurring job's key: one row per kind, which is never given up on (queue-worker.service.ts). */
export const RECURRING_PREFIX = 'every:'
const recurring = sql<boolean>`coalesce(key like ${`${RECURRING_PREFIX}%`}, false)`

/**
 * Claims up to `limit` due jobs of these kinds for `worker` until `lockMs` from now, counting the
 * attempt. SKIP LOCKED passes over rows another process is claiming this instant, so two claimers never
 * take the same job; a job whose claim has expired (its process died) is due again.
 */
export const claimJobs = (db: Db, worker: string, kinds: readonly string[], limit: number, lockMs: number) =>
  db
    .updateTable('jobs')
    .set({
      lockedUntil: ms(lockMs),
      lockedBy: worker,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('finishedAt', 'is', null)
        .where('failedAt', 'is', null)
        .where('runAt', '<=', sql<Date>`now()`)
        .where((w) => w.or([w('lockedUntil', 'is', null), w('lockedUntil', '<', sql<Date>`now()`)]))
        // A recurring job's attempts count its failures in a row, with no last one.
        .where(sql<boolean>`(attempts < max_attempts or ${recurring})`)
        .where('kind', 'in', kinds)
        .orderBy('runAt')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute()

/**
 * A claim's own row, still held by it: the same worker and attempt. A claim that expired and was taken
 * by another worker no longer matches, so a late finish cannot undo the newer attempt's state.
 */
const held = (db: Db, job: Pick<JobRow, 'id' | 'lockedBy' | 'attempts'>) =>
  db
    .updateTable('jobs')
    .where('id', '=', job.id)
    .where('lockedBy', '=', job.lockedBy ?? '')
    .where('attempts', '=', job.attempts)
    .where('finishedAt', 'is', null)
    .where('failedAt', 'is', null)

export const finishJob = (db: Db, job: JobRow) =>
  held(db, job)
    .set({ finishedAt: sql<Date>`now()`, lockedUntil: null })
    .executeTakeFirst()

/** Due again after `delayMs`, the error kept for whoever looks. */
export const retryJob = (db: Db, job: JobRow, error: string, delayMs: number) =>
  held(db, job)
    .set({ runAt: ms(delayMs), lockedUntil: null, lastError: error })
    .executeTakeFirst()

/** Given up on: kept, with its error, for admins to see (and retry). */
export const failJob = (db: Db, job: JobRow, error: string) =>
  held(db, job)
    .set({ failedAt: sql<Date>`now()`, lockedUntil: null, lastError: error })
    .executeTakeFirst()

/**
 * A recurring job done (or failed) this time: due again after `delayMs`; due at once if it was asked
 * for while it ran (runRecurringNow moved its run_at on from the claimed one). Done, its attempts are
 * counted afresh; failed, they are kept (the claim counted this one), so they tell how many runs in a
 * row have failed, for its back-off, `/metrics` and the admins' page.
 */
export const rescheduleJob = (db: Db, job: JobRow, delayMs: number, error: string | null) =>
  held(db, job)
    .set({
      // Compared to the millisecond, as far as the claimed row's time came back to JavaScript.
      runAt: sql<Date>`case when date_trunc('milliseconds', run_at) > ${job.runAt} then now() else ${ms(delayMs)} end`,
      lockedUntil: null,
      ...(error === null ? { attempts: 0 } : {}),
      lastError: error,
    })
    .executeTakeFirst()

/**
 * Jobs whose every attempt was claimed by a process that never finished it (it died each time): given
 * up on, since claiming skips them.
 */
export const failAbandoned = (db: Db) =>
  db
    .updateTable('jobs')
    .set({ failedAt: sql<Date>`now()`, lastError: sql<string>`coalesce(last_error, '') || ${ABANDONED}` })
    .where('finishedAt', 'is', null)
    .where('failedAt', 'is', null)
    .where(sql<boolean>`attempts >= max_attempts`)
    .where(sql<boolean>`not ${recurring}`)
    .where('lockedUntil', '<', sql<Date>`now()`)
    .execute()

const ABANDONED = ' (the process running its last attempt stopped before finishing it)'

/**
 * Brings a recurring job's next run forward to now (it runs at the next claim); one running now is
 * marked to run again as soon as it finishes, since what woke it may have come too late for this run.
 */
export const runRecurringNow = (db: Db, key: string) =>
  db
    .updateTable('jobs')
    .set({ runAt: sql<Date>`now()` })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('runAt', '>', sql<Date>`now()`), eb('lockedUntil', '>', sql<Date>`now()`)]))
    .where('finishedAt', 'is', null)
    .where('failedAt', 'is', null)
    .execute()

/**
 * Jobs waiting to run (due or not) and those failing, by kind, for `/metrics`: given up on, or
 * recurring with their last run failed (they are never given up on, and so would never show).
 */
export const jobCounts = (db: Db) =>
  db
    .selectFrom('jobs')
    .select([
      'kind',
      (eb) =>
        eb.fn
          .countAll<number>()
          .filterWhere('finishedAt', 'is', null)
          .filterWhere('failedAt', 'is', null)
          .as('waiting'),
      (eb) =>
        eb.fn
          .countAll<number>()
          .filterWhere((f) =>
            f.or([
              f('failedAt', 'is not', null),
              f.and([f(recurring, '=', true), f('lastError', 'is not', null), f('attempts', '>', 0)]),
            ]),
          )
          .as('failed'),
    ])
    .where('finishedAt', 'is', null)
    .groupBy('kind')
    .execute()

/** The jobs given up on, newest first. */
export const failedJobs = (db: Db, limit: number) =>
  db
    .selectFrom('jobs')
    .select(['id', 'kind', 'payload', 'attempts', 'lastError', 'createdAt', 'failedAt'])
    .where('failedAt', 'is not', null)
    .orderBy('failedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()

/** Recurring jobs whose last run failed, the longest failing first: they go on trying, unseen but here. */
export const failingRecurringJobs = (db: Db) =>
  db
    .selectFrom('jobs')
    .select(['id', 'kind', 'attempts', 'lastError', 'runAt'])
    .where(recurring)
    .where('lastError', 'is not', null)
    .where('attempts', '>', 0)
    .where('finishedAt', 'is', null)
    .where('failedAt', 'is', null)
    .orderBy('attempts', 'desc')
    .orderBy('id')
    .execute()

/** A failed job to be tried again from its first attempt; answers whether there was one. */
export async function retryFailedJob(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ failedAt: null, attempts: 0, runAt: sql<Date>`now()`, lockedUntil: null, lockedBy: null })
    .where('id', '=', id)
    .where('failedAt', 'is not', null)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return false
  await sql`select pg_notify(${JOBS_CHANNEL}, '')`.execute(db)
  return true
}

export const jobById = (db: Db, id: number) =>
  db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()

/** Jobs done more than `days` ago: their rows have served their purpose (keys included). */
export const deleteFinished = (db: Db, days: number) =>
  db
    .deleteFrom('jobs')
    .where('finishedAt', '<', sql<Date>`now() - make_interval(days => ${days})`)
    .execute()

/**
 * Takes fields out of a job's payload once they are no longer needed: a secret it carried to its
 * handler (an invitation's link) should not stay in the table, the admins' page or an instance file.
 */
export const forgetPayloadFields = (db: Db, id: number, fields: readonly string[]) =>
  db
    .updateTable('jobs')
    .set({ payload: sql`payload - ${sql.val(fields)}::text[]` })
    .where('id', '=', id)
    .execute()
