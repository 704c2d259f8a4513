import { Counter, Gauge } from 'prom-client'
import { registry } from '../metrics/metrics.ts'
import type { Db } from '../db/database.ts'
import { queueCounts } from './queue.service.ts'

const attemptsFailed = new Counter({
  name: 'gloss_job_attempts_failed_total',
  help: 'Attempts at a queued job that failed (each is retried after a back-off until its attempts run out).',
  labelNames: ['kind'] as const,
  registers: [registry],
})

const givenUp = new Counter({
  name: 'gloss_jobs_given_up_total',
  help: 'Queued jobs given up on by this process after their last attempt failed (shown to admins).',
  labelNames: ['kind'] as const,
  registers: [registry],
})

export const jobAttemptFailed = (kind: string) => attemptsFailed.inc({ kind })
export const jobGivenUp = (kind: string) => givenUp.inc({ kind })

/** The databases whose queue the gauges read: the process's running workers. */
const watched = new Set<Db>()

/** Reads this database's queue when `/metrics` is scraped, until the function it answers is called. */
export function watchQueue(db: Db): () => void {
  watched.add(db)
  return () => watched.delete(db)
}

async function countsByKind() {
  const totals = new Map<string, { waiting: number; failed: number }>()
  for (const db of watched) {
    for (const row of await queueCounts(db)) {
      const total = totals.get(row.kind) ?? { waiting: 0, failed: 0 }
      total.waiting += row.waiting
      total.failed += row.failed
      totals.set(row.kind, total)
    }
  }
  return totals
}

// Both read the one table every process shares, so under --workers the figures are the same in each
// worker: the primary keeps one (max), not their sum.
new Gauge({
  name: 'gloss_jobs_waiting',
  help: 'Queued jobs not yet done (due now or later), by kind: the queue’s depth.',
  labelNames: ['kind'] as const,
  registers: [registry],
  aggregator: 'max',
  async collect() {
    this.reset()
    for (const [kind, total] of await countsByKind().catch(() => new Map<string, never>()))
      this.set({ kind }, total.waiting)
  },
})

new Gauge({
  name: 'gloss_jobs_failed',
  help: 'Queued jobs given up on (kept for an admin to look at or retry), and recurring jobs whose last run failed, by kind.',
  labelNames: ['kind'] as const,
  registers: [registry],
  aggregator: 'max',
  async collect() {
    this.reset()
    for (const [kind, total] of await countsByKind().catch(() => new Map<string, never>()))
      this.set({ kind }, total.failed)
  },
})
