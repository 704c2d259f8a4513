/**
 * How long a job waits before its next attempt: doubling from `baseMs` after each failure, so a mail
 * server down for minutes is asked a handful of times, not hammered, and capped so that one down for
 * a day is still tried every few hours. With the default ten attempts and these defaults a job gives up
 * after about a day and a half.
 */
export interface Backoff {
  baseMs: number
  capMs: number
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, capMs: 6 * 60 * 60_000 }

/** The wait after the `attempt`th failure (1 for the first). */
export function backoffMs(attempt: number, { baseMs, capMs }: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
}
