/**
 * How long a job waits before its next attempt: growing from `baseMs` by `factor` after each failure,
 * so a mail server down for a minute is asked again soon, and capped so that one down for a day is
 * still tried every few hours. With the default ten attempts and these defaults the waits are 30 s,
 * 4 min, 32 min, about 4 h and then 6 h five times: a job gives up about a day and a half (35 h) after
 * its first try, so an overnight maintenance window loses nothing.
 */
export interface Backoff {
  baseMs: number
  capMs: number
  /** What each wait is multiplied by for the next; 2 (doubling) when left out. */
  factor?: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, capMs: 6 * 60 * 60_000, factor: 8 }

/** The wait after the `attempt`th failure (1 for the first). */
export function backoffMs(attempt: number, { baseMs, capMs, factor = 2 }: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(capMs, baseMs * factor ** Math.max(0, attempt - 1))
}
