import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registry } from '../../src/platform/metrics/metrics.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { parseMetrics, sample } from '../support/prometheus.ts'

const TOKEN = 'a-metrics-token-nobody-guesses'

/**
 * METRICS=off turns off the process's own measuring too: no timer sampling the event loop, no observer
 * on garbage collection. A file of its own, so that no app with metrics on has started them first in
 * this process (each test file has its own modules).
 */
describe(`process metrics follow METRICS (${databaseKind})`, () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database.close()
  })

  it('collects none while the only app has metrics off, and starts once one has them on', async () => {
    const off = await testApp(database, { metricsToken: TOKEN, metrics: false })
    expect((await off.request('/healthz')).status).toBe(200)
    expect(registry.getSingleMetric('nodejs_eventloop_lag_seconds')).toBeUndefined()
    expect(registry.getSingleMetric('process_resident_memory_bytes')).toBeUndefined()

    const on = await testApp(database, { metricsToken: TOKEN })
    // A second app with metrics on registers nothing twice (prom-client would throw).
    const again = await testApp(database, { metricsToken: TOKEN })
    const scraped = await again.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(scraped.status).toBe(200)
    const metrics = parseMetrics(await scraped.text())
    expect(sample(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000)
    expect(metrics.get('nodejs_eventloop_lag_p99_seconds')?.type).toBe('GAUGE')
    expect((await on.request('/healthz')).status).toBe(200)
  })
})
