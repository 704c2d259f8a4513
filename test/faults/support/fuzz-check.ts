import { expect } from 'vitest'
import type { Db } from '../../../src/platform/db/database.ts'
import { changedTables, snapshot, type Snapshot } from './db-snapshot.ts'
import { campaignsPlaced } from '../../../src/campaigns/campaign-placement.service.ts'

/**
 * One request's longest allowed time; imports of large guides run off the request thread and are excepted.
 * A guard against catastrophe, not a speed target: a parser bomb or a backtracking pattern takes minutes,
 * while an ordinary request on a loaded two-core CI machine can take a few seconds (at 2 s, one slow
 * answer set fast-check shrinking until the test timed out). The speed figures are in the benchmarks.
 */
export const REQUEST_BUDGET_MS = 10_000

export interface Outcome {
  status: number
  type: string
  ms: number
  body: string
}

/** What the fuzzing did, printed at the end of a file for the record. */
export class Tally {
  readonly kinds = new Map<string, number>()
  readonly statuses = new Map<number, number>()
  requests = 0
  refused = 0
  slowest = { ms: 0, what: '' }
  slowestLarge = { ms: 0, what: '' }

  /** `large`: a source parsed off the request thread, which the time budget excepts. */
  count(what: string, kind: string, outcome: Outcome, large = false): void {
    this.requests += 1
    if (outcome.status >= 400) this.refused += 1
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1)
    this.statuses.set(outcome.status, (this.statuses.get(outcome.status) ?? 0) + 1)
    const slowest = large ? this.slowestLarge : this.slowest
    if (outcome.ms > slowest.ms) Object.assign(slowest, { ms: outcome.ms, what: `${what} (${kind})` })
  }

  report(title: string): string {
    const statuses = [...this.statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${String(s)}×${String(n)}`)
    // "json as text/plain" counts as json here, and once more among the bodies sent as something else.
    const grouped = new Map<string, number>()
    let otherType = 0
    for (const [kind, n] of this.kinds) {
      const [base = kind, type] = kind.split(' as ')
      grouped.set(base, (grouped.get(base) ?? 0) + n)
      if (type) otherType += n
    }
    const kinds = [...grouped].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${String(n)}`)
    if (otherType > 0) kinds.push(`(${String(otherType)} of them not as JSON)`)
    return [
      `${title}: ${String(this.requests)} requests, ${String(this.refused)} refused`,
      `  statuses: ${statuses.join(' ')}`,
      `  bodies: ${kinds.join(' ')}`,
      `  slowest: ${this.slowest.ms.toFixed(0)} ms, ${this.slowest.what}`,
      ...(this.slowestLarge.ms > 0
        ? [
            `  slowest large source (off the request thread): ${this.slowestLarge.ms.toFixed(0)} ms, ${this.slowestLarge.what}`,
          ]
        : []),
    ].join('\n')
  }
}

/** Sends one request, reading the whole answer (a streamed export included) and timing it. */
export async function timed(send: () => Promise<Response> | Response): Promise<Outcome> {
  const started = performance.now()
  const response = await send()
  const body = await response.text()
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    ms: performance.now() - started,
    body,
  }
}

/** The rules every answer to a hostile request keeps, whatever it asked. */
export function expectComposure(what: string, outcome: Outcome, options: { mustRefuse: boolean }): void {
  const detail = `${what} answered ${String(outcome.status)}: ${outcome.body.slice(0, 300)}`
  expect(outcome.status, detail).toBeLessThan(500)
  if (outcome.status >= 400) expect(outcome.type, detail).toContain('application/problem+json')
  if (options.mustRefuse)
    expect(outcome.status, `${detail} (a body no schema takes)`).toBeGreaterThanOrEqual(400)
  expect(outcome.ms, `${what} took ${outcome.ms.toFixed(0)} ms`).toBeLessThan(REQUEST_BUDGET_MS)
}

/**
 * Watches the database around requests: a snapshot after each, compared with the one before whenever
 * the request was refused. A snapshot costs a few milliseconds, so every refused request is checked on
 * its own rather than in batches; an allowed one just moves the baseline.
 */
export class Watcher {
  private last: Snapshot | undefined

  constructor(
    private readonly db: Db,
    private readonly tables: readonly string[],
  ) {}

  async baseline(): Promise<void> {
    this.last = await snapshot(this.db, this.tables)
  }

  async after(what: string, refused: boolean): Promise<void> {
    const before = this.last ?? (await snapshot(this.db, this.tables))
    // What an accepted request set going after its answer (placing a comment in its campaign) lands
    // before the next request is watched, not during it.
    await campaignsPlaced(this.db)
    const now = await snapshot(this.db, this.tables)
    this.last = now
    if (refused)
      expect(changedTables(before, now), `${what} was refused but changed the database`).toEqual([])
  }
}
