import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { Client, PASSWORD } from '../support/session.ts'
import { SseReader } from '../support/sse.ts'
import { parseMetrics, sample } from '../support/prometheus.ts'
import { httpDuration } from '../../src/platform/metrics/metrics.ts'

const TOKEN = 'a-metrics-token-nobody-guesses'
const COMMENTS_ROUTE = '/api/guides/:slug/editions/:n/blocks/:key/comments'

describe(`/metrics (${databaseKind})`, () => {
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
    database = await createTestDatabase()
    app = await testApp(database, { metricsToken: TOKEN })
    behindProxy = await testApp(database, { trustProxy: true })
    await importGuide(database.db, '# Metrics\n\nA paragraph to count.\n', {
      slug: 'metrics',
      defaultState: 'open',
    })
    editor = new Client(app)
    await editor.send('POST', '/api/setup', {
      email: 'ed@example.org',
      password: PASSWORD,
      displayName: 'Ed',
    })
    const edition = (await (await editor.request('/api/guides/metrics/editions/1')).json()) as {
      blocks: { key: string }[]
    }
    thread = `/api/guides/metrics/editions/1/blocks/${edition.blocks[1]?.key ?? ''}/comments`
  })
  afterAll(async () => {
    await database.close()
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
})
