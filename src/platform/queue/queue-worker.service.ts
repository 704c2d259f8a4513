import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import type { Database } from '../db/database.ts'
import { logger } from '../log.ts'
import { backoffMs, DEFAULT_BACKOFF, type Backoff } from './backoff.ts'
import {
  claimJobs,
  failAbandoned,
  failJob,
  finishJob,
  insertJobs,
  JOBS_CHANNEL,
  RECURRING_PREFIX,
  rescheduleJob,
  retryJob,
  runRecurringNow,
  type JobRow,
} from './job.repository.ts'
import { jobGivenUp, jobAttemptFailed, watchQueue } from './queue-metrics.ts'

export type Job = JobRow

/** Thrown by a handler when trying again cannot help (a mail server's permanent refusal): given up on at once. */
export class PermanentJobFailure extends Error {}

export interface JobHandler {
  kind: string
  run(job: Job): Promise<void>
  /**
   * A recurring job: one row (key `every:<kind>`) that runs again this long after each run, for as long
   * as any process handles the kind. It never gives up: a failure is logged and kept on the row, its
   * attempts count the failures in a row, it is tried again after the back-off they call for (at most
   * `everyMs`), and it shows on the admins' page and in gloss_jobs_failed until a run succeeds.
   */
  everyMs?: number
  /** A NOTIFY payload on the jobs channel that brings the recurring job's next run forward to now. */
  wakeOn?: string
}

export interface WorkerOptions {
  /** How often an idle worker looks for due jobs when nothing wakes it (a job due later, another machine's). */
  pollMs?: number
  /** How long a claim holds a job: past it, a job whose process died is taken again. */
  lockMs?: number
  /** Jobs run at once by this process. */
  concurrency?: number
  backoff?: Backoff
  /** How long stop() lets jobs under way finish before leaving them to their claims' expiry. */
  drainMs?: number
}

const DEFAULTS: Required<WorkerOptions> = {
  pollMs: 5_000,
  // Sending one message takes seconds at worst; a process that dies holding one delays it this long.
  lockMs: 2 * 60_000,
  concurrency: 4,
  backoff: DEFAULT_BACKOFF,
  drainMs: 5_000,
}

export const recurringKey = (kind: string) => `${RECURRING_PREFIX}${kind}`

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 2_000) || 'failed without a message'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

/**
 * One per server process: claims due jobs (any number of processes share the table, see
 * job.repository.ts), runs each kind's handler, and records the outcome: done, due again after a
 * back-off, or given up on once its attempts are spent. A job added in any process wakes it at once
 * (NOTIFY at commit); otherwise it looks every `pollMs`. Delivery is at least once: a job whose process
 * dies mid-run is run again when its claim expires, so handlers make a second run harmless.
 */
export class QueueWorker {
  readonly id = `${hostname()}:${String(process.pid)}:${randomBytes(3).toString('hex')}`
  private readonly options: Required<WorkerOptions>
  private readonly handlers: Map<string, JobHandler>
  private stopped = false
  private awaken: (() => void) | undefined
  private woken = false
  private loop: Promise<void> | undefined
  private unlisten: (() => Promise<void>) | undefined
  private unwatch: (() => void) | undefined
  private bringingForward = new Set<string>()

  constructor(
    private readonly database: Database,
    handlers: readonly JobHandler[],
    options: WorkerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options }
    this.handlers = new Map(handlers.map((h) => [h.kind, h]))
  }

  async start(): Promise<void> {
    const { db } = this.database
    const recurring = [...this.handlers.values()].filter((h) => h.everyMs !== undefined)
    await insertJobs(
      db,
      recurring.map((h) => ({ kind: h.kind, key: recurringKey(h.kind) })),
    )
    this.unlisten = await this.database.listen(
      JOBS_CHANNEL,
      (payload) => this.heard(payload),
      () => this.wake(),
    )
    this.unwatch = watchQueue(db)
    this.loop = this.run()
  }

  /** Looks for due jobs now rather than at the next poll. */
  wake(): void {
    this.woken = true
    this.awaken?.()
  }

  /** Stops claiming, lets jobs under way finish (for up to `drainMs`), and stops listening. */
  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.wake()
    await Promise.race([this.loop, sleep(this.options.drainMs)])
    this.unwatch?.()
    await this.unlisten?.().catch(() => undefined)
  }

  private heard(payload: string): void {
    const handler = [...this.handlers.values()].find((h) => h.wakeOn !== undefined && h.wakeOn === payload)
    if (!handler) {
      this.wake()
      return
    }
    // A burst of notifications brings the run forward once.
    if (this.bringingForward.has(handler.kind)) return
    this.bringingForward.add(handler.kind)
    runRecurringNow(this.database.db, recurringKey(handler.kind))
      .catch((error: unknown) =>
        logger.warn({ err: error, kind: handler.kind }, 'could not bring a job forward'),
      )
      .finally(() => {
        this.bringingForward.delete(handler.kind)
        this.wake()
      })
  }

  private async run(): Promise<void> {
    const kinds = [...this.handlers.keys()]
    while (!this.stopped) {
      let claimed: Job[] = []
      this.woken = false
      try {
        await failAbandoned(this.database.db)
        claimed = await claimJobs(
          this.database.db,
          this.id,
          kinds,
          this.options.concurrency,
          this.options.lockMs,
        )
      } catch (error) {
        logger.warn({ err: error }, 'the job queue could not be read; trying again')
      }
      if (claimed.length > 0) {
        await Promise.all(claimed.map((job) => this.handle(job)))
        continue
      }
      await new Promise<void>((resolve) => {
        // A wake that came while claiming (a job committed meanwhile) is not slept through.
        if (this.woken || this.stopped) {
          resolve()
          return
        }
        this.awaken = resolve
        setTimeout(resolve, this.options.pollMs).unref()
      })
      this.awaken = undefined
      this.woken = false
    }
  }

  /** Runs one claimed job and records how it went; never throws. */
  async handle(job: Job): Promise<void> {
    const handler = this.handlers.get(job.kind)
    const { db } = this.database
    try {
      if (!handler) throw new PermanentJobFailure(`no handler for jobs of kind ${job.kind}`)
      await handler.run(job)
      if (handler.everyMs === undefined) await finishJob(db, job)
      else await rescheduleJob(db, job, handler.everyMs, null)
    } catch (error) {
      const message = errorText(error)
      jobAttemptFailed(job.kind)
      try {
        if (handler?.everyMs !== undefined) {
          const delay = Math.min(handler.everyMs, backoffMs(job.attempts, this.options.backoff))
          logger.warn(
            { err: error, kind: job.kind, job: job.id, attempts: job.attempts, retryInMs: delay },
            'a recurring job failed',
          )
          await rescheduleJob(db, job, delay, message)
        } else if (error instanceof PermanentJobFailure || job.attempts >= job.maxAttempts) {
          logger.error(
            { kind: job.kind, job: job.id, attempts: job.attempts, error: message },
            'a job was given up on',
          )
          jobGivenUp(job.kind)
          await failJob(db, job, message)
        } else {
          const delay = backoffMs(job.attempts, this.options.backoff)
          logger.warn(
            { kind: job.kind, job: job.id, attempts: job.attempts, retryInMs: delay, error: message },
            'a job failed; trying again later',
          )
          await retryJob(db, job, message, delay)
        }
      } catch (recording) {
        // Its claim expires and it runs again: at least once still holds.
        logger.warn({ err: recording, job: job.id }, 'a job’s outcome could not be recorded')
      }
    }
  }
}
