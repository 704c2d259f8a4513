import { run } from './harness.ts'

const WRK = '/usr/bin/wrk'

export interface LoadResult {
  requestsPerSecond: number
  p50: number
  p99: number
  /** Answers that were not 2xx or 3xx, and socket errors and timeouts. */
  failures: string
}

/**
 * HTTP load from wrk (Debian's `wrk` package), in its own process: written in C, it takes far less of
 * this two-core machine than a Node load generator would, so the servers' own latency shows.
 */
export async function wrk(
  url: string,
  options: { connections: number; seconds: number; headers: Record<string, string> },
): Promise<LoadResult> {
  const output = await run(WRK, [
    '-t',
    '2',
    '-c',
    String(options.connections),
    '-d',
    `${String(options.seconds)}s`,
    '--latency',
    ...Object.entries(options.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    url,
  ]).catch((error: unknown) => {
    throw new Error(`wrk failed (apt-get install wrk): ${String(error)}`)
  })
  const latency = (p: string) => {
    // wrk pads a figure in seconds ("1.78s ") to the width of one in milliseconds.
    const match = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(output)
    if (!match) throw new Error(`wrk printed no ${p}% latency: ${output.replace(/\s+/g, ' ')}`)
    return Number(match[1]) * { us: 0.001, ms: 1, s: 1000 }[match[2] as 'us' | 'ms' | 's']
  }
  const failures = [
    /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[0],
    /Socket errors: .*/.exec(output)?.[0],
  ]
    .filter(Boolean)
    .join('; ')
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50: latency('50'),
    p99: latency('99'),
    failures,
  }
}
