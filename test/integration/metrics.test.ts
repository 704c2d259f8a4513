import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'
import { parseMetrics, sample } from '../support/prometheus.ts'
import { httpDuration } from '../../src/platform/metrics/metrics.ts'

const TOKEN = 'a-metrics-token-nobody-guesses'
const COMMENTS_ROUTE = '/api/guides/:slug/editions/:n/blocks/:key/comments'

describe(`/metrics (${databaseKind})`, () => {
  let c: Consultation<never>
  let database: TestDatabase
  let app: Hono<AppEnv>
  let behindProxy: Hono<AppEnv>
  let editor: Client
  let thread = ''

  const scrape = async () => {
    const response = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    return parseMetrics(await response.text())
  }

  beforeAll(async () => {
    c = await consultation({
      config: { metricsToken: TOKEN },
      guides: [{ slug: 'metrics', markdown: '# Metrics\n\nA paragraph to count.\n', state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed' },
    })
    ;({ database, app } = c)
    behindProxy = await testApp(database, { trustProxy: true })
    editor = c.admin
    thread = `/api/guides/metrics/editions/1/blocks/${c.guide.key('A paragraph')}/comments`
  })
  afterAll(async () => {
    await c.close()
  })

  it('counts a posted comment, its request by route pattern and status, and an open event stream', async () => {
    const before = await scrape()
    const stream = new SseReader(await app.request('/api/guides/metrics/editions/1/events'))
    expect((await editor.send('POST', thread, { kind: 'comment', body: 'Counted' })).status).toBe(201)
    await stream.waitFor(1)
    const during = await scrape()
    await stream.close()

    expect(
      sample(during, 'gloss_comments_posted_total') - sample(before, 'gloss_comments_posted_total'),
    ).toBe(1)
    const posted = { method: 'POST', route: COMMENTS_ROUTE, status: '201' }
    expect(
      sample(during, 'gloss_http_requests_total', posted) -
        sample(before, 'gloss_http_requests_total', posted),
    ).toBe(1)
    // The parser folds a labelled histogram's series together, so its counts are read from the registry.
    expect(during.get('gloss_http_request_duration_seconds')?.type).toBe('HISTOGRAM')
    const timed = (await httpDuration.get()).values.find(
      (v) =>
        v.metricName === 'gloss_http_request_duration_seconds_count' && v.labels.route === COMMENTS_ROUTE,
    )
    expect(timed?.value).toBe(sample(during, 'gloss_http_requests_total', posted))
    // Paths with slugs and keys never become series of their own.
    const routes = during.get('gloss_http_requests_total')?.metrics.map((m) => m.labels?.route) ?? []
    expect(routes.filter((route) => route?.includes('metrics/'))).toEqual([])
    expect(sample(during, 'gloss_event_streams_open')).toBeGreaterThanOrEqual(1)
  })

  it('shows the database pool, event-loop delay and process memory', async () => {
    const metrics = await scrape()
    const max = sample(metrics, 'gloss_db_pool_connections', { state: 'max' })
    expect(max).toBeGreaterThanOrEqual(databaseKind === 'embedded' ? 1 : 5)
    expect(metrics.get('gloss_db_pool_waiting')?.type).toBe('GAUGE')
    expect(metrics.get('gloss_db_connection_wait_seconds')?.metrics[0]?.count).toMatch(/^[1-9]/)
    expect(sample(metrics, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0)
    expect(metrics.get('nodejs_eventloop_lag_p99_seconds')?.type).toBe('GAUGE')
    expect(sample(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000)
    expect(sample(metrics, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(1_000_000)
  })

  it('is nothing to a client elsewhere, and forbidden to a wrong token', async () => {
    // app.request has no socket: the client's address is unknown, so not this machine.
    const outside = await app.request('/metrics')
    expect(outside.status).toBe(404)
    expect(outside.headers.get('content-type')).toContain('application/problem+json')
    expect(await outside.json()).toMatchObject({ status: 404 })
    const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer not-the-token-at-all' } })
    expect(wrong.status).toBe(403)
    expect(await wrong.json()).toMatchObject({ status: 403, code: 'forbidden' })
  })

  it('goes by the forwarded address behind a trusted proxy, and only then', async () => {
    const via = (app: Hono<AppEnv>, forwarded: string) =>
      app.request('/metrics', { headers: { 'x-forwarded-for': forwarded } })
    expect((await via(behindProxy, '127.0.0.1')).status).toBe(200)
    // A client's own X-Forwarded-For entry comes first; the proxy's, last, is the one believed.
    expect((await via(behindProxy, '127.0.0.1, 203.0.113.9')).status).toBe(404)
    expect((await via(behindProxy, '::1')).status).toBe(200)
    expect((await via(app, '127.0.0.1')).status).toBe(404)
  })

  it('is not there, and counts nothing, when METRICS is off', async () => {
    const off = await testApp(database, { metricsToken: TOKEN, metrics: false })
    const refused = await off.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(refused.status).toBe(404)
    const healthChecks = (metrics: Awaited<ReturnType<typeof scrape>>) =>
      sample(metrics, 'gloss_http_requests_total', { method: 'GET', route: '/healthz', status: '200' })
    const before = healthChecks(await scrape())
    expect((await off.request('/healthz')).status).toBe(200)
    expect(healthChecks(await scrape())).toBe(before)
    // The same request through an app that counts is counted: the figure above could have moved.
    expect((await app.request('/healthz')).status).toBe(200)
    expect(healthChecks(await scrape())).toBe(before + 1)
  })

  it('names each answer by the route it was for: a refusal by its route, a guess as unmatched', async () => {
    const before = await scrape()
    const refused = await app.request(thread, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(refused.status).toBe(403)
    expect((await app.request('/wp-login.php')).status).toBe(404)
    const after = await scrape()
    const moved = (labels: Record<string, string>) =>
      sample(after, 'gloss_http_requests_total', labels) - sample(before, 'gloss_http_requests_total', labels)
    expect(moved({ method: 'POST', route: COMMENTS_ROUTE, status: '403' })).toBe(1)
    expect(moved({ method: 'GET', route: '(unmatched)', status: '404' })).toBe(1)
  })
})
