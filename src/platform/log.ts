import pino, { type Logger } from 'pino'
import type { Config } from '../config.ts'

/**
 * PostgreSQL puts the offending row's values in an error's `detail` ("Failing row contains (…)"), and
 * those can be an email address or a password hash: the log keeps the message, code, table, constraint
 * and stack, never the row.
 */
function withoutRowValues(error: unknown): unknown {
  const serialised = pino.stdSerializers.err(error as Error) as unknown
  const strip = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return
    delete (value as { detail?: unknown }).detail
    const nested = (value as { aggregateErrors?: unknown }).aggregateErrors
    if (Array.isArray(nested)) nested.forEach(strip)
  }
  strip(serialised)
  return serialised
}

/**
 * pino's ISO time, made once per millisecond: a busy server writes several lines in each, and making
 * the string was a sixth of what logging and metrics cost a reader.
 */
let lastMs = 0
let lastTime = ''
function isoTime(): string {
  const now = Date.now()
  if (now !== lastMs) {
    lastMs = now
    lastTime = `,"time":"${new Date(now).toISOString()}"`
  }
  return lastTime
}

/**
 * The server's one logger: JSON lines on standard output. It is silent until `gloss serve` sets its
 * level from LOG_LEVEL (useLogLevel), so the gloss commands keep to their own output and tests that
 * build the app in-process stay quiet. Writes are asynchronous with no minimum length: an idle server
 * writes each line at once (so `tail -f` and the tests see it), and a busy one writes the lines that
 * arrived during the previous write together, one system call for many requests. Synchronous writes
 * cost a reader 14 % of its throughput in the observability benchmark. pino flushes what is pending
 * synchronously when the process exits, so a line written just before a failed stop or a crash still
 * reaches the output.
 */
export const logger: Logger = pino(
  {
    level: 'silent',
    timestamp: isoTime,
    // "info", "error", not 30 and 50: the lines are read by people as often as by tools.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: withoutRowValues },
  },
  pino.destination({ dest: 1, sync: false, minLength: 0 }),
)

export function useLogLevel(level: Config['logLevel']): void {
  logger.level = level
}
