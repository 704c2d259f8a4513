import { createRequire } from 'node:module'

/** One family as parse-prometheus-text-format gives it (its shape follows prom2json). */
export interface MetricFamily {
  name: string
  help: string
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'
  metrics: { value?: string; labels?: Record<string, string>; count?: string; sum?: string }[]
}

// The package ships CommonJS without types; this is its one function, typed.
const parse = createRequire(import.meta.url)('parse-prometheus-text-format') as (
  text: string,
) => MetricFamily[]

/** Parses `/metrics` with a Prometheus text-format parser, so that a malformed line fails the test. */
export function parseMetrics(text: string): Map<string, MetricFamily> {
  return new Map(parse(text).map((family) => [family.name, family]))
}

/** A sample's value (a histogram's count), or 0 when no series has these labels yet. */
export function sample(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const series = families
    .get(name)
    ?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
  return Number(series?.value ?? series?.count ?? 0)
}
