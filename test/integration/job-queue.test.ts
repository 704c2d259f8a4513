import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { claimJobs, jobById } from '../../src/platform/queue/job.repository.ts'
import {
  PermanentJobFailure,
  QueueWorker,
  recurringKey,
  type Job,
  type JobHandler,
} from '../../src/platform/queue/queue-worker.service.ts'
import { enqueue, failures, retryFailure } from '../../src/platform/queue/queue.service.ts'
import { backoffMs } from '../../src/platform/queue/backoff.ts'
import { registry } from '../../src/platform/metrics/metrics.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'

/**
 * The durable queue (src/platform/queue/) on the database it runs on: each job is claimed by one
 * worker at a time, a job whose process died is taken again once its claim expires, a failing job is
 * retried after a growing wait and given up on after its last attempt, where an admin sees it.
 */

let database: TestDatabase
const workers: QueueWorker[] = []

beforeAll(async () => {
  database = await createTestDatabase()
})
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()))
  await sql`delete from jobs`.execute(database.db)
})
afterAll(async () => {
  await database.close()
})

const HOUR = 60 * 60_000

/** A worker over the test database that polls rarely, so anything it does promptly was woken. */
function worker(handlers: JobHandler[], options: ConstructorParameters<typeof QueueWorker>[2] = {}) {
  const w = new QueueWorker(database, handlers, { pollMs: 60_000, ...options })
  workers.push(w)
  return w
}

const row = async (id: number | undefined) => {
  const job = await jobById(database.db, id ?? 0)
  if (!job) throw new Error(`no job ${String(id)}`)
  return job
}

/** Resolves once `check` holds, looking every 20 ms (a condition, not a speed: the test's own timeout bounds it). */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20))
}

describe(`the job queue (${databaseKind})`, () => {
  it('adds a job once per key, however often it is enqueued', async () => {
    const first = await enqueue(database.db, [{ kind: 'mail', key: 'notice:1', payload: { notice: 1 } }])
    const again = await enqueue(database.db, [{ kind: 'mail', key: 'notice:1', payload: { notice: 1 } }])
    expect(first).toHaveLength(1)
    expect(again).toEqual([])
    expect((await row(first[0])).payload).toEqual({ notice: 1 })
  })

  it('never lets two claimers take the same job, even claiming at the same moment', async () => {
    const ids = await enqueue(
      database.db,
      Array.from({ length: 40 }, (_, i) => ({ kind: 'mail', payload: { i } })),
    )
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        claimJobs(database.db, `claimer-${String(i % 2)}`, ['mail'], 3, HOUR),
      ),
    )
    const claimed = claims.flat().map((job) => job.id)
    expect(new Set(claimed).size).toBe(claimed.length)
    expect(claimed.sort((a, b) => a - b)).toEqual(ids.sort((a, b) => a - b))
    expect(await claimJobs(database.db, 'late', ['mail'], 10, HOUR)).toEqual([])
  })

  it.runIf(databaseKind === 'postgres')(
    'passes over a job another process is claiming this instant instead of waiting for it',
    async () => {
      const [a, b] = await enqueue(database.db, [{ kind: 'mail' }, { kind: 'mail' }])
      const holding = await database.db.startTransaction().execute()
      try {
        // Another process's claim under way: its row locked, not yet committed.
        await sql`select id from jobs where id = ${a} for update`.execute(holding)
        const taken = await claimJobs(database.db, 'other', ['mail'], 10, HOUR)
        expect(taken.map((job) => job.id)).toEqual([b])
      } finally {
        await holding.rollback().execute()
      }
    },
  )

  it('takes a job again once the claim of a process that died with it has expired, and not before', async () => {
    const [id, alive] = await enqueue(database.db, [{ kind: 'mail' }, { kind: 'mail' }])
    expect(await claimJobs(database.db, 'claimer', ['mail'], 2, HOUR)).toHaveLength(2)
    // The process holding `id` died; its claim has run out. The other's holder is still at work.
    await sql`update jobs set locked_until = now() - interval '1 second' where id = ${id}`.execute(
      database.db,
    )
    const again = await claimJobs(database.db, 'rescuer', ['mail'], 10, HOUR)
    expect(again.map((job) => job.id)).toEqual([id])
    expect(again[0]?.attempts).toBe(2)
    expect(again.map((job) => job.id)).not.toContain(alive)
  })

  it('does not let a claim that expired and was taken over record over the newer attempt', async () => {
    const [id] = await enqueue(database.db, [{ kind: 'slow' }])
    const [stale] = await claimJobs(database.db, 'slow-worker', ['slow'], 1, HOUR)
    await sql`update jobs set locked_until = now() - interval '1 second' where id = ${id}`.execute(
      database.db,
    )
    const done: number[] = []
    const w = worker([
      {
        kind: 'slow',
        run: (job) => {
          done.push(job.attempts)
          return Promise.resolve()
        },
      },
    ])
    const [fresh] = await claimJobs(database.db, w.id, ['slow'], 1, HOUR)
    // The stale worker fails after the new one has taken the job: its failure is not recorded.
    const failing = worker([{ kind: 'slow', run: () => Promise.reject(new PermanentJobFailure('late')) }])
    await failing.handle(stale as Job)
    expect((await row(id)).failedAt).toBeNull()
    await w.handle(fresh as Job)
    expect(done).toEqual([2])
    expect((await row(id)).finishedAt).not.toBeNull()
  })

  it('retries a failing job after a wait that doubles with each failure', async () => {
    const [id] = await enqueue(database.db, [{ kind: 'flaky' }])
    const w = worker([{ kind: 'flaky', run: () => Promise.reject(new Error('mail server down')) }], {
      backoff: { baseMs: HOUR, capMs: 24 * HOUR },
    })
    for (const attempt of [1, 2, 3]) {
      await sql`update jobs set run_at = now() where id = ${id}`.execute(database.db)
      const [claimed] = await claimJobs(database.db, w.id, ['flaky'], 1, HOUR)
      const before = Date.now()
      await w.handle(claimed as Job)
      const after = Date.now()
      const job = await row(id)
      expect(job.attempts).toBe(attempt)
      expect(job.lastError).toBe('mail server down')
      expect(job.failedAt).toBeNull()
      const wait = backoffMs(attempt, { baseMs: HOUR, capMs: 24 * HOUR })
      expect(wait).toBe(HOUR * 2 ** (attempt - 1))
      expect(job.runAt.getTime()).toBeGreaterThanOrEqual(before + wait - 1_000)
      expect(job.runAt.getTime()).toBeLessThanOrEqual(after + wait + 1_000)
      // Not due until then.
      expect(await claimJobs(database.db, 'other', ['flaky'], 1, HOUR)).toEqual([])
    }
  })

  it('keeps trying through an overnight outage: gives up about a day and a half after the first try', async () => {
    const [id] = await enqueue(database.db, [{ kind: 'outage' }])
    const w = worker([{ kind: 'outage', run: () => Promise.reject(new Error('connection refused')) }])
    const waits: number[] = []
    for (;;) {
      await sql`update jobs set run_at = now() where id = ${id}`.execute(database.db)
      const [claimed] = await claimJobs(database.db, w.id, ['outage'], 1, HOUR)
      if (!claimed) break
      const before = Date.now()
      await w.handle(claimed)
      const job = await row(id)
      if (job.failedAt !== null) break
      waits.push(job.runAt.getTime() - before)
    }
    // Ten attempts (the default), so nine waits; the 6 h cap is reached, and together they span 30–40 h.
    expect(waits).toHaveLength(9)
    expect(Math.max(...waits)).toBeGreaterThan(6 * HOUR - 2_000)
    expect(waits[0]).toBeLessThan(60_000)
    const total = waits.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThan(30 * HOUR)
    expect(total).toBeLessThan(40 * HOUR)
  })

  it('gives up after the last attempt, keeps the failure for admins, and can be tried again', async () => {
    const [id] = await enqueue(database.db, [{ kind: 'doomed', maxAttempts: 2 }])
    const w = worker([{ kind: 'doomed', run: () => Promise.reject(new Error('550 no such mailbox')) }], {
      backoff: { baseMs: 0, capMs: 0 },
    })
    for (let i = 0; i < 2; i++) {
      const [claimed] = await claimJobs(database.db, w.id, ['doomed'], 1, HOUR)
      await w.handle(claimed as Job)
    }
    const job = await row(id)
    expect(job.failedAt).not.toBeNull()
    expect(await claimJobs(database.db, w.id, ['doomed'], 1, HOUR)).toEqual([])
    expect(await failures(database.db)).toEqual([
      expect.objectContaining({
        id: String(id),
        kind: 'doomed',
        attempts: 2,
        lastError: '550 no such mailbox',
      }),
    ])
    expect(await retryFailure(database.db, id ?? 0)).toBe(true)
    expect((await claimJobs(database.db, w.id, ['doomed'], 1, HOUR)).map((j) => j.id)).toEqual([id])
    expect(await failures(database.db)).toEqual([])
  })

  it('gives up at once on a failure that trying again cannot mend', async () => {
    const [id] = await enqueue(database.db, [{ kind: 'refused' }])
    const w = worker([
      { kind: 'refused', run: () => Promise.reject(new PermanentJobFailure('refused for good')) },
    ])
    const [claimed] = await claimJobs(database.db, w.id, ['refused'], 1, HOUR)
    await w.handle(claimed as Job)
    const job = await row(id)
    expect(job.attempts).toBe(1)
    expect(job.failedAt).not.toBeNull()
    expect(job.lastError).toBe('refused for good')
  })

  it('gives up on a job whose every attempt died with its process', async () => {
    const [id] = await enqueue(database.db, [{ kind: 'crashy', maxAttempts: 1 }])
    await claimJobs(database.db, 'died', ['crashy'], 1, HOUR)
    await sql`update jobs set locked_until = now() - interval '1 second' where id = ${id}`.execute(
      database.db,
    )
    const w = worker([{ kind: 'crashy', run: () => Promise.resolve() }], { pollMs: 10 })
    await w.start()
    await until(async () => (await row(id)).failedAt !== null)
    expect((await row(id)).lastError).toMatch(/stopped before finishing/)
  })

  it('runs a job enqueued in any transaction as soon as it commits, and stops cleanly', async () => {
    const ran: unknown[] = []
    const w = worker([
      {
        kind: 'hello',
        run: (job) => {
          ran.push(job.payload)
          return Promise.resolve()
        },
      },
    ])
    await w.start()
    await database.db.transaction().execute(async (tx) => {
      await enqueue(tx, [{ kind: 'hello', payload: { to: 'you' } }])
    })
    await until(() => ran.length > 0)
    expect(ran).toEqual([{ to: 'you' }])
    await w.stop()
    await enqueue(database.db, [{ kind: 'hello', payload: { to: 'nobody' } }])
    await sql`select pg_sleep(0.1)`.execute(database.db)
    expect(ran).toEqual([{ to: 'you' }])
  })

  it('keeps one row for a recurring job, which runs again after its interval and survives restarts', async () => {
    let runs = 0
    const handler: JobHandler = {
      kind: 'sweep',
      everyMs: HOUR,
      run: () => {
        runs++
        return Promise.resolve()
      },
    }
    const first = worker([handler])
    await first.start()
    await until(() => runs === 1)
    await first.stop()
    const second = worker([handler])
    await second.start()
    const rows = await sql<{ runAt: Date; attempts: number; finishedAt: Date | null }>`
      select run_at, attempts, finished_at from jobs where key = ${recurringKey('sweep')}`.execute(
      database.db,
    )
    expect(rows.rows).toHaveLength(1)
    expect(rows.rows[0]?.finishedAt).toBeNull()
    expect(rows.rows[0]?.attempts).toBe(0)
    expect(rows.rows[0]?.runAt.getTime()).toBeGreaterThan(Date.now() + HOUR / 2)
    expect(runs).toBe(1)
  })

  it('shows the queue’s depth and what it gave up on in /metrics, by kind', async () => {
    await enqueue(database.db, [{ kind: 'later', runAt: new Date(Date.now() + HOUR) }, { kind: 'later' }])
    const [doomed] = await enqueue(database.db, [{ kind: 'doomed', maxAttempts: 1 }])
    const w = worker([{ kind: 'doomed', run: () => Promise.reject(new Error('refused')) }])
    const [claimed] = await claimJobs(database.db, w.id, ['doomed'], 1, HOUR)
    await w.handle(claimed as Job)
    expect((await row(doomed)).failedAt).not.toBeNull()
    await w.start()
    const text = await registry.metrics()
    expect(text).toMatch(/^gloss_jobs_waiting\{kind="later"\} 2$/m)
    expect(text).toMatch(/^gloss_jobs_failed\{kind="doomed"\} 1$/m)
    expect(text).toMatch(/^gloss_jobs_given_up_total\{kind="doomed"\} [1-9]/m)
  })

  it('brings a recurring job forward when told its work is waiting', async () => {
    let runs = 0
    const w = worker([
      {
        kind: 'sweep',
        everyMs: HOUR,
        wakeOn: 'work',
        run: () => {
          runs++
          return Promise.resolve()
        },
      },
    ])
    await w.start()
    await until(() => runs === 1)
    await sql`select pg_notify('gloss_jobs', 'work')`.execute(database.db)
    await until(() => runs === 2)
    expect(runs).toBe(2)
  })
})
