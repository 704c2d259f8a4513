import { DomainError } from '../kernel/errors.ts'
import type { Viewer } from '../people/viewer.ts'

/**
 * How many event streams this process holds open at once. An open stream costs the server 40 KB in the
 * live benchmark and up to 110 KB measured under attack, so a client that may open any number can spend
 * the process's memory. The counts are this process's own: several processes behind a load balancer
 * each hold their share, and counting across them would need a shared table that outlives a crash.
 */
export interface StreamLimits {
  /** A signed-in session: one stream per open tab, with room for many tabs. */
  perSession: number
  /** The public at one address, which many readers may share (an office, a school, a mobile network). */
  perAddress: number
  /** Everyone: four times the benchmarked 1,000 streams, at most about 450 MB. */
  perProcess: number
}

export const STREAM_LIMITS: StreamLimits = { perSession: 16, perAddress: 64, perProcess: 4_000 }

/** Enough for another tab or reader to let go of its stream. */
const RETRY_AFTER_SECONDS = '10'

export class StreamCounts {
  private readonly held = new Map<string, number>()
  private total = 0

  constructor(private readonly limits: StreamLimits) {}

  /**
   * Counts a new stream for the viewer's session (or, for the public, their address), or refuses it:
   * 429 past the client's share, unless `perClient` is off (benchmarks), and 503 when the process is
   * full. Returns the function that gives the place back; calling it again does nothing.
   */
  admit(viewer: Viewer, perClient: boolean): () => void {
    if (this.total >= this.limits.perProcess) {
      throw new DomainError(
        'streams-full',
        'This server holds all the event streams it can; try again shortly.',
        [],
        {
          'retry-after': RETRY_AFTER_SECONDS,
        },
      )
    }
    const session = viewer.person?.sessionId
    const client = session === undefined ? `address:${viewer.address}` : `session:${String(session)}`
    const max = session === undefined ? this.limits.perAddress : this.limits.perSession
    const count = this.held.get(client) ?? 0
    if (perClient && count >= max) {
      throw new DomainError(
        'too-many-streams',
        `You already have ${String(max)} event streams open; close one, or try again in ${RETRY_AFTER_SECONDS} seconds.`,
        [],
        { 'retry-after': RETRY_AFTER_SECONDS },
      )
    }
    this.held.set(client, count + 1)
    this.total += 1
    let released = false
    return () => {
      if (released) return
      released = true
      this.total -= 1
      const left = (this.held.get(client) ?? 1) - 1
      if (left > 0) this.held.set(client, left)
      else this.held.delete(client)
    }
  }
}
