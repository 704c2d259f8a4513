import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { logLinesDropped } from '../log.ts'
import { RequestTally, asRegistered } from './request-tally.ts'

/**
 * The process's metrics, in one registry read by `/metrics`. Process-wide, as Prometheus expects: a
 * process serves one app, and tests that build several apps in one process read differences.
 */
export const registry = new Registry()

let collecting = false

/**
 * Event-loop delay, process memory and CPU, heap and handles, as every Node exporter names them: from
 * the first app that serves metrics on (app.tsx). Collecting keeps a timer sampling the event loop and an
 * observer on every garbage collection, which a server with METRICS=off, or a cluster's primary, need
 * not pay for.
 */
export function collectProcessMetrics(): void {
  if (collecting) return
  collecting = true
  collectDefaultMetrics({ register: registry })
}

/**
 * Requests by route pattern (`/api/guides/:slug`, never the slug itself), so the series stay few, and
 * how long they took: from a page kept in memory (tens of microseconds) to the 2 s a request may wait
 * for a database connection.
 */
export const requestTally = new RequestTally([
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
])

export const httpRequests = requestTally.counter(
  'gloss_http_requests_total',
  'HTTP requests answered, by method, route pattern and status.',
)
registry.registerMetric(asRegistered(httpRequests))

export const httpDuration = requestTally.histogram(
  'gloss_http_request_duration_seconds',
  "Seconds from a request's arrival to its response's head (an event stream's until it opened).",
)
registry.registerMetric(asRegistered(httpDuration))

export const commentsPosted = new Counter({
  name: 'gloss_comments_posted_total',
  help: 'Comments and replies stored (held for moderation or published).',
  registers: [registry],
})

new Counter({
  name: 'gloss_log_lines_dropped_total',
  help: 'Log lines dropped because standard output failed (its reader gone); none while it works.',
  registers: [registry],
  collect() {
    this.reset()
    this.inc(logLinesDropped())
  },
})

/** What the gauges below read when scraped: the app's live hub and database (its Deps). */
export interface MetricSource {
  live: { readonly streams: number }
  database: { pool(): PoolUse }
}

export interface PoolUse {
  /** Connections the pool may open (1 for the embedded database, which is one connection). */
  max: number
  inUse: number
  idle: number
  /** Requests waiting for a connection now. */
  waiting: number
}

/** Held weakly (the app's routes hold the source): an app built by a test and dropped is collected. */
const sources = new Set<WeakRef<MetricSource>>()

export function watch(source: MetricSource): void {
  sources.add(new WeakRef(source))
}

function sum(read: (source: MetricSource) => number): number {
  let total = 0
  for (const ref of sources) {
    const source = ref.deref()
    if (source) total += read(source)
    else sources.delete(ref)
  }
  return total
}

new Gauge({
  name: 'gloss_event_streams_open',
  help: 'Server-Sent Event streams open now.',
  registers: [registry],
  collect() {
    this.set(sum((s) => s.live.streams))
  },
})

new Gauge({
  name: 'gloss_db_pool_connections',
  help: 'Database connections by state: in use, idle, and the most the pool may open.',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.set(
      { state: 'in_use' },
      sum((s) => s.database.pool().inUse),
    )
    this.set(
      { state: 'idle' },
      sum((s) => s.database.pool().idle),
    )
    this.set(
      { state: 'max' },
      sum((s) => s.database.pool().max),
    )
  },
})

new Gauge({
  name: 'gloss_db_pool_waiting',
  help: 'Requests waiting for a database connection now.',
  registers: [registry],
  collect() {
    this.set(sum((s) => s.database.pool().waiting))
  },
})

export const connectionWaits = new Histogram({
  name: 'gloss_db_connection_wait_seconds',
  help: 'Seconds each query or transaction waited for a database connection.',
  // Mostly none; a pool too small for the load moves this up long before the 2 s refusal.
  buckets: [0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2],
  registers: [registry],
})
