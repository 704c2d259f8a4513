import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimJobs, jobById } from '../../src/platform/queue/job.repository.ts'
import { QueueWorker, recurringKey, type Job } from '../../src/platform/queue/queue-worker.service.ts'
import { enqueue } from '../../src/platform/queue/queue.service.ts'
import { watchQueue } from '../../src/platform/queue/queue-metrics.ts'
import { registry } from '../../src/platform/metrics/metrics.ts'
import { sql } from 'kysely'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind } from '../support/database.ts'
import { englishLeftIn } from '../support/english-left.ts'

/**
 * Regular work (retention, the mail sweep) is never given up on, but one that keeps failing must not
 * go unseen: its failures in a row are counted, it is tried again after a growing wait, and it shows
 * in gloss_jobs_failed and on /admin/jobs until a run succeeds.
 */

const HOUR = 60 * 60_000
const KIND = 'privacy.retention'
let c: Consultation<never>

beforeAll(async () => {
  c = await consultation({ guides: [{ slug: 'guide' }] })
})
afterAll(async () => {
  await c.close()
})

describe(`a recurring job that keeps failing (${databaseKind})`, () => {
  it('counts its failures, waits longer each time, and shows in /metrics and on /admin/jobs', async () => {
    const db = c.database.db
    let failing = true
    const worker = new QueueWorker(c.database, [
      {
        kind: KIND,
        everyMs: 24 * HOUR,
        run: () => (failing ? Promise.reject(new Error('relation "guides" is locked')) : Promise.resolve()),
      },
    ])
    const [id] = await enqueue(db, [{ kind: KIND, key: recurringKey(KIND) }])
    const runOnce = async () => {
      await sql`update jobs set run_at = now() where id = ${id}`.execute(db)
      const [claimed] = await claimJobs(db, worker.id, [KIND], 1, HOUR)
      if (!claimed) throw new Error('the recurring job was not claimed')
      const before = Date.now()
      await worker.handle(claimed)
      const job = await jobById(db, id ?? 0)
      if (!job) throw new Error('no job')
      return { job, wait: job.runAt.getTime() - before }
    }
    const waits: number[] = []
    for (const attempt of [1, 2, 3]) {
      const { job, wait } = await runOnce()
      expect(job.attempts).toBe(attempt)
      expect(job.failedAt).toBeNull()
      expect(job.lastError).toBe('relation "guides" is locked')
      waits.push(wait)
    }
    expect(waits[1]).toBeGreaterThan((waits[0] ?? 0) * 2)
    expect(waits[2]).toBeGreaterThan((waits[1] ?? 0) * 2)

    const unwatch = watchQueue(db)
    try {
      expect(await registry.metrics()).toMatch(/^gloss_jobs_failed\{kind="privacy\.retention"\} 1$/m)
    } finally {
      unwatch()
    }
    const english = await (
      await c.admin.request('/admin/jobs', { headers: { 'accept-language': 'en-GB' } })
    ).text()
    expect(english).toContain('Failing again and again')
    expect(english).toContain('Removing personal data kept past its period')
    expect(english).toContain('relation &quot;guides&quot; is locked')
    const welsh = await (
      await c.admin.request('/admin/jobs', { headers: { 'accept-language': 'cy' } })
    ).text()
    expect(welsh).toContain('Yn methu dro ar ôl tro')
    expect(welsh).toContain('Dileu data personol a gadwyd y tu hwnt i’w gyfnod')
    expect(englishLeftIn(welsh.replace(/<code>[^<]*<\/code>/g, ''))).toEqual([])

    // Mended: the next run succeeds, its count starts afresh and it no longer shows.
    failing = false
    const { job } = await runOnce()
    expect(job.attempts).toBe(0)
    expect(job.lastError).toBeNull()
    const after = await (
      await c.admin.request('/admin/jobs', { headers: { 'accept-language': 'en-GB' } })
    ).text()
    expect(after).not.toContain('Failing again and again')
  })

  it('is still run after more failures in a row than a job’s attempts allow', async () => {
    const db = c.database.db
    const worker = new QueueWorker(c.database, [
      { kind: 'sweep-like', everyMs: HOUR, run: () => Promise.reject(new Error('down')) },
    ])
    const [id] = await enqueue(db, [{ kind: 'sweep-like', key: recurringKey('sweep-like'), maxAttempts: 2 }])
    for (let i = 0; i < 4; i++) {
      await sql`update jobs set run_at = now() where id = ${id}`.execute(db)
      const [claimed] = await claimJobs(db, worker.id, ['sweep-like'], 1, HOUR)
      expect(claimed?.id).toBe(id)
      await worker.handle(claimed as Job)
    }
    expect((await jobById(db, id ?? 0))?.attempts).toBe(4)
    expect((await jobById(db, id ?? 0))?.failedAt).toBeNull()
  })
})
