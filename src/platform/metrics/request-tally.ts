import type { Metric } from 'prom-client'

/** A value as prom-client's registry reads it from a metric's get(). */
interface Value {
  labels: Record<string, string | number>
  value: number
  metricName?: string
}

/** What prom-client's registry reads of a metric: enough to print it, sum it across workers, reset it. */
export interface TallyMetric {
  name: string
  help: string
  type: 'counter' | 'histogram'
  aggregator: 'sum'
  get(): Promise<{ name: string; help: string; type: string; aggregator: 'sum'; values: Value[] }>
  reset(): void
}

/** The registry's own type is a union of prom-client's classes; what it calls is TallyMetric's. */
export const asRegistered = (metric: TallyMetric) => metric as unknown as Metric

type Labels = { method: string; route: string; status: string }

/** The methods a server answers, numbered for the tally's keys; any other is 0. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
const methodNumber = (method: string): number => METHODS.indexOf(method) + 1

interface Series {
  labels: Labels
  count: number
  sum: number
  /** Observations per bucket, not cumulative: the last is those above every bound. */
  inBucket: number[]
}

/**
 * Requests counted and timed by method, route pattern and status: the two series every dashboard reads,
 * `gloss_http_requests_total` and `gloss_http_request_duration_seconds`. Kept here rather than in
 * prom-client's Counter and Histogram, which check and hash the labels of every observation: with
 * pages answered from the front cache in tens of microseconds, that was a fifth of what logging and
 * metrics cost a reader (README, "Reading, writing and observing"). Read by the same registry in the
 * same format, and summed across workers as prom-client sums its own (aggregator `sum`).
 */
export class RequestTally {
  /**
   * Series by route pattern, then method and status. The patterns are the router's own strings, whose
   * hash V8 keeps; a key joined from the three for every answer was a new string to make and hash each
   * time, half of what counting cost.
   */
  private readonly byRoute = new Map<string, Map<number, Series>>()
  private readonly series: Series[] = []

  constructor(private readonly bounds: readonly number[]) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    let ofRoute = this.byRoute.get(route)
    if (ofRoute === undefined) {
      ofRoute = new Map()
      this.byRoute.set(route, ofRoute)
    }
    const key = methodNumber(method) * 1000 + status
    let series = ofRoute.get(key)
    if (series === undefined || series.labels.method !== method) {
      // A method of its own (methodNumber's 0) is told apart by its name, in a map of its own.
      series = this.seriesFor(ofRoute, key, method, route, status)
    }
    series.count++
    series.sum += seconds
    let bucket = 0
    while (bucket < this.bounds.length && seconds > (this.bounds[bucket] ?? Infinity)) bucket++
    series.inBucket[bucket] = (series.inBucket[bucket] ?? 0) + 1
  }

  private seriesFor(
    ofRoute: Map<number, Series>,
    key: number,
    method: string,
    route: string,
    status: number,
  ): Series {
    const found = this.series.find(
      (s) => s.labels.route === route && s.labels.method === method && s.labels.status === String(status),
    )
    if (found) return found
    const series: Series = {
      labels: { method, route, status: String(status) },
      count: 0,
      sum: 0,
      inBucket: new Array<number>(this.bounds.length + 1).fill(0),
    }
    this.series.push(series)
    if (!ofRoute.has(key)) ofRoute.set(key, series)
    return series
  }

  /** The counter's view, for the registry: one value per series. */
  counter(name: string, help: string): TallyMetric {
    return this.metric(name, help, 'counter', () =>
      this.series.map((s): Value => ({ labels: { ...s.labels }, value: s.count })),
    )
  }

  /** The histogram's view: cumulative buckets, `+Inf`, sum and count per series, as prom-client names them. */
  histogram(name: string, help: string): TallyMetric {
    return this.metric(name, help, 'histogram', () =>
      this.series.flatMap((s) => {
        let below = 0
        const values: Value[] = this.bounds.map((le, i) => {
          below += s.inBucket[i] ?? 0
          return { labels: { ...s.labels, le }, value: below, metricName: `${name}_bucket` }
        })
        values.push(
          { labels: { ...s.labels, le: '+Inf' }, value: s.count, metricName: `${name}_bucket` },
          { labels: { ...s.labels }, value: s.sum, metricName: `${name}_sum` },
          { labels: { ...s.labels }, value: s.count, metricName: `${name}_count` },
        )
        return values
      }),
    )
  }

  private metric(
    name: string,
    help: string,
    type: 'counter' | 'histogram',
    values: () => Value[],
  ): TallyMetric {
    return {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: values() }),
      reset: () => {
        this.series.length = 0
        this.byRoute.clear()
      },
    }
  }
}
