import { AggregatorRegistry, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { RequestTally, asRegistered } from '../../../src/platform/metrics/request-tally.ts'
import { parseMetrics } from '../../support/prometheus.ts'

const BOUNDS = [0.001, 0.01, 0.1]

function tallied(observations: [string, string, number, number][]) {
  const tally = new RequestTally(BOUNDS)
  for (const [method, route, status, seconds] of observations) tally.observe(method, route, status, seconds)
  const registry = new Registry()
  registry.registerMetric(asRegistered(tally.counter('t_requests_total', 'Requests.')))
  registry.registerMetric(asRegistered(tally.histogram('t_duration_seconds', 'Seconds.')))
  return { tally, registry }
}

const line = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start))

describe('the request tally behind the HTTP metrics', () => {
  it('prints counts and cumulative buckets a Prometheus parser reads, one series per method, route and status', async () => {
    const { registry } = tallied([
      ['GET', '/g/:slug/:n', 200, 0.0004],
      ['GET', '/g/:slug/:n', 200, 0.001],
      ['GET', '/g/:slug/:n', 200, 0.05],
      ['GET', '/g/:slug/:n', 200, 3],
      ['GET', '/g/:slug/:n', 304, 0.0002],
      ['POST', '/api/guides/:slug', 201, 0.02],
    ])
    const text = await registry.metrics()
    const families = parseMetrics(text)
    expect(families.get('t_requests_total')?.type).toBe('COUNTER')
    expect(families.get('t_duration_seconds')?.type).toBe('HISTOGRAM')
    const counts = families.get('t_requests_total')?.metrics.map((m) => [m.labels, m.value])
    expect(counts).toEqual([
      [{ method: 'GET', route: '/g/:slug/:n', status: '200' }, '4'],
      [{ method: 'GET', route: '/g/:slug/:n', status: '304' }, '1'],
      [{ method: 'POST', route: '/api/guides/:slug', status: '201' }, '1'],
    ])
    // A bound holds what equals it (le: less than or equal); +Inf holds everything.
    const page = 't_duration_seconds_bucket{method="GET",route="/g/:slug/:n",status="200"'
    expect(line(text, `${page},le="0.001"}`)).toMatch(/ 2$/)
    expect(line(text, `${page},le="0.01"}`)).toMatch(/ 2$/)
    expect(line(text, `${page},le="0.1"}`)).toMatch(/ 3$/)
    expect(line(text, `${page},le="+Inf"}`)).toMatch(/ 4$/)
    expect(line(text, 't_duration_seconds_sum{method="GET",route="/g/:slug/:n",status="200"}')).toMatch(
      / 3\.0514$/,
    )
    expect(line(text, 't_duration_seconds_count{method="GET",route="/g/:slug/:n",status="200"}')).toMatch(
      / 4$/,
    )
  })

  it('keeps every method apart on one route and status, the rarer ones too', async () => {
    const { registry } = tallied([
      ['GET', '/', 405, 0.001],
      ['PROPFIND', '/', 405, 0.001],
      ['MKCOL', '/', 405, 0.001],
      ['PROPFIND', '/', 405, 0.001],
      ['HEAD', '/', 405, 0.001],
      ['MKCOL', '/x', 405, 0.001],
    ])
    const counts = parseMetrics(await registry.metrics())
      .get('t_requests_total')
      ?.metrics.map(
        (m) => `${m.labels?.method ?? ''} ${m.labels?.route ?? ''} ${m.labels?.status ?? ''} ${m.value}`,
      )
    expect(counts?.sort()).toEqual([
      'GET / 405 1',
      'HEAD / 405 1',
      'MKCOL / 405 1',
      'MKCOL /x 405 1',
      'PROPFIND / 405 2',
    ])
  })

  it('adds up across the workers of one machine as prom-client adds its own', async () => {
    const one = tallied([['GET', '/', 200, 0.002]])
    const two = tallied([
      ['GET', '/', 200, 0.5],
      ['GET', '/', 404, 0.0001],
    ])
    const merged = AggregatorRegistry.aggregate([
      await one.registry.getMetricsAsJSON(),
      await two.registry.getMetricsAsJSON(),
    ])
    const families = parseMetrics(await merged.metrics())
    const ok = families.get('t_requests_total')?.metrics.find((m) => m.labels?.status === '200')
    expect(ok?.value).toBe('2')
    const text = await merged.metrics()
    expect(line(text, 't_duration_seconds_bucket{method="GET",route="/",status="200",le="0.01"}')).toMatch(
      / 1$/,
    )
    expect(line(text, 't_duration_seconds_count{method="GET",route="/",status="200"}')).toMatch(/ 2$/)
  })

  it('starts again from nothing when the registry is reset', async () => {
    const { registry } = tallied([['GET', '/', 200, 0.002]])
    registry.resetMetrics()
    expect(parseMetrics(await registry.metrics()).get('t_requests_total')?.metrics ?? []).toEqual([])
  })
})
