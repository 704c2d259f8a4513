import cluster from 'node:cluster'
import { writeSync } from 'node:fs'
import { hostname } from 'node:os'
import type { Writable } from 'node:stream'
import pino, { type Logger, type LoggerOptions } from 'pino'
import type { Config } from '../config.ts'

/**
 * An email address anywhere in a logged error: a mail server's refusal quotes the recipient ("550 5.1.1
 * <bob@resident.example>: no such user"), and people are logged by id, never by address. The local part
 * takes no "/", so a stack's `node_modules/@scope/name` is left alone.
 */
const EMAIL_ADDRESS = /[\w.!#$%&'*+=?^`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi

/** `text` with every email address in it replaced by `[address]`. */
export const withoutAddresses = (text: string): string => text.replace(EMAIL_ADDRESS, '[address]')

/** Every string in a serialised error (its message, stack, a mail server's `response`, `rejected`…) without addresses. */
function stripAddresses(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return withoutAddresses(value)
  if (typeof value !== 'object' || value === null || depth > 8) return value
  if (Array.isArray(value)) return value.map((item) => stripAddresses(item, depth + 1))
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) record[key] = stripAddresses(record[key], depth + 1)
  return record
}

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
  return stripAddresses(serialised)
}

/** A failure logged by its words (`error: message`, as the job queue logs one): without addresses too. */
const errorWords = (error: unknown): unknown =>
  error instanceof Error ? withoutRowValues(error) : stripAddresses(error)

/**
 * The members pino writes on every line itself. A line's own field of the same name would be written a
 * second time (`{"pid":21079,…,"pid":21114}`), and a collector keeps one or the other: a field that
 * collides is written with a `Given` suffix instead (`pidGiven`). Callers name theirs apart (`workerPid`,
 * `ownerPid`); this keeps a line valid when one forgets.
 */
const BASE_MEMBERS = ['pid', 'hostname', 'level', 'time', 'msg']

function withoutCollisions(fields: Record<string, unknown>): Record<string, unknown> {
  if (!BASE_MEMBERS.some((name) => name in fields)) return fields
  const renamed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields))
    renamed[BASE_MEMBERS.includes(key) ? `${key}Given` : key] = value
  return renamed
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
 * With `--workers`, every worker writes to the standard output they all inherit. A pipe (a container's
 * log, `gloss serve | collector`) takes a write of up to PIPE_BUF bytes (4,096 on Linux) whole; a longer
 * one may be interleaved with another process's, mid-line. So a worker hands a batch over in pieces of
 * whole lines within that size (a single longer line, a long stack say, still goes whole in one write of
 * its own). A process alone, which shares its output with no one, writes each batch whole.
 */
const WHOLE_WRITE = cluster.isWorker ? 4096 : Infinity

/**
 * A busy server writes its log at most this often: each write to a pipe wakes its reader, and on a
 * virtual machine a write that wakes a process on the other core cost as much as making ten lines.
 */
const WRITE_EVERY_MS = 10

/**
 * What a batch's buffer starts at: a few lines, since a quiet server writes one at a time. A busy
 * server's batch grows it, and the next batch's buffer starts as large as the last batch (take()).
 */
const GATHER_BYTES = 4096

/**
 * Lines go to standard output through process.stdout in batches: the first line after a quiet spell is
 * written at the end of its turn of the event loop (so `tail -f` and the tests see it at once), and the
 * lines that follow within WRITE_EVERY_MS of a write go together in the next, one system call for many
 * requests. On a pipe or a socket (a container's log, systemd's journal) process.stdout writes from the
 * event loop itself, without blocking: what the pipe cannot take yet waits in memory, so a server goes
 * on when its log's reader lags. sonic-boom, which wrote here before, handed every write to libuv's
 * thread pool, and waking that thread cost more than making the line (README, "Reading, writing and
 * observing"). A file or a terminal is written synchronously, as Node writes them.
 */
class LineBatch {
  /** The lines not yet handed to the output, encoded as they arrive (no string is joined and copied again). */
  private gathered = Buffer.allocUnsafe(GATHER_BYTES)
  private used = 0
  /** Pieces waiting for the one being written: one write at a time, so no two are joined into one longer write. */
  private readonly queue: Buffer[] = []
  /** The piece being written, until process.stdout says it is. */
  private inFlight: Buffer | undefined
  /** When the last batch was handed to the output (performance.now()). */
  private lastWrite = -Infinity

  /** Set once the output has failed (its reader gone): lines are counted and dropped from then on. */
  private failed = false
  dropped = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly out: Writable) {
    // The reader of the log can go away (a collector restarted, `gloss serve | head`). Unheard, the
    // error would stop the server. The log is not worth the service: it says so once on standard error
    // and goes on without it (gloss_log_lines_dropped_total counts).
    out.on('error', this.fail)
    // A line written just before a failed stop or a crash still reaches the output: what is pending is
    // written synchronously on exit. That is a last resort: behind a write that waits on a full pipe
    // nothing more can go in order, so a process that stops on purpose waits for `drained` first.
    process.on('exit', () => {
      // (A write that went in at once is finished, though its callback waits for the next tick.)
      if (this.failed || this.out.writableLength > 0) return
      try {
        for (const piece of [...this.queue.splice(0), ...this.take()]) writeWhole(1, piece)
      } catch {
        // The pipe is full or gone: what did not fit is lost with the process.
      }
    })
  }

  write(line: string): void {
    if (this.failed) {
      this.dropped++
      return
    }
    if (this.used === 0) {
      const wait = this.lastWrite + WRITE_EVERY_MS - performance.now()
      // Unref'd: a process with nothing else to do exits, and writes its last lines on the way out.
      if (wait > 0) setTimeout(this.flush, wait).unref()
      else setImmediate(this.flush)
    }
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    if (this.gathered.length - this.used < line.length * 3) this.grow(line.length * 3)
    this.used += this.gathered.write(line, this.used)
  }

  private grow(bytes: number): void {
    const larger = Buffer.allocUnsafe(Math.max(this.gathered.length * 2, this.used + bytes))
    this.gathered.copy(larger, 0, 0, this.used)
    this.gathered = larger
  }

  /** The gathered lines as pieces to write (WHOLE_WRITE); gathering starts again in a buffer of its own. */
  private take(): Buffer[] {
    if (this.used === 0) return []
    const lines = this.gathered.subarray(0, this.used)
    // As large as this batch: the next, as busy, need not grow into it again.
    this.gathered = Buffer.allocUnsafe(Math.max(GATHER_BYTES, lines.length))
    this.used = 0
    if (lines.length <= WHOLE_WRITE) return [lines]
    // Pieces end at the last line end that fits, or (a line longer than a piece) at its own end.
    const pieces: Buffer[] = []
    for (let from = 0; from < lines.length;) {
      const fits = lines.lastIndexOf(NEWLINE, from + WHOLE_WRITE - 1)
      const end = (fits >= from ? fits : lines.indexOf(NEWLINE, from)) + 1 || lines.length
      pieces.push(lines.subarray(from, end))
      from = end
    }
    return pieces
  }

  private readonly flush = (): void => {
    if (this.failed || this.used === 0) return
    this.lastWrite = performance.now()
    this.queue.push(...this.take())
    if (this.inFlight === undefined) this.next()
  }

  private next(): void {
    this.inFlight = this.queue.shift()
    if (this.inFlight === undefined) {
      for (const resolve of this.waiting.splice(0)) resolve()
      return
    }
    this.out.write(this.inFlight, this.written)
  }

  private readonly written = (error?: Error | null): void => {
    // An error is also emitted, and fail() counts it there.
    if (error || this.failed) return
    this.next()
  }

  private readonly fail = (error: NodeJS.ErrnoException): void => {
    if (this.failed) return
    this.failed = true
    // What was waiting to be written is lost with the output.
    for (const piece of [this.inFlight, ...this.queue, ...this.take()])
      this.dropped += piece ? countLines(piece) : 0
    this.queue.length = 0
    this.inFlight = undefined
    for (const resolve of this.waiting.splice(0)) resolve()
    try {
      writeSync(
        2,
        `gloss: the log's output failed (${error.code ?? error.message}); log lines are dropped from now on\n`,
      )
    } catch {
      // Standard error may be the same broken pipe.
    }
  }

  /**
   * Resolves once every line logged so far is written, or writing has failed; and with them the plain
   * lines written to the same output meanwhile (console.log's "SIGTERM: stopping."), which wait behind
   * the log's in the output's own queue: an empty write's callback comes once all before it are written.
   */
  async drained(): Promise<void> {
    this.flush()
    if (this.inFlight !== undefined) await new Promise<void>((resolve) => this.waiting.push(resolve))
    if (this.failed || this.out.writableLength === 0) return
    await new Promise<void>((resolve) => this.out.write(NOTHING, () => resolve()))
  }
}

/** Writes all of `piece` synchronously, however many writes that takes. */
function writeWhole(fd: number, piece: Buffer): void {
  for (let from = 0; from < piece.length;) from += writeSync(fd, piece, from)
}

const NEWLINE = 0x0a
const NOTHING = Buffer.alloc(0)

function countLines(bytes: Buffer): number {
  let lines = 0
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) lines++
  return lines
}

const destination = new LineBatch(process.stdout)

/** How the logger writes a line: also how a test makes one to compare with infoLine. */
export const lineOptions: LoggerOptions = {
  timestamp: isoTime,
  // "info", "error", not 30 and 50: the lines are read by people as often as by tools.
  formatters: { level: (label) => ({ level: label }), log: withoutCollisions },
  // Errors lose the row values PostgreSQL quotes and every email address (a mail server's refusal).
  serializers: { err: withoutRowValues, error: errorWords },
}

/**
 * The server's one logger: JSON lines on standard output (LineBatch). It is silent until `gloss serve`
 * sets its level from LOG_LEVEL (useLogLevel), so the gloss commands keep to their own output and tests
 * that build the app in-process stay quiet.
 */
export const logger: Logger = pino({ ...lineOptions, level: 'silent' }, destination)

/** The members pino puts on every line (its default `base`), as it writes them. */
const processMembers = JSON.stringify({ pid: process.pid, hostname: hostname() }).slice(1, -1)

/**
 * The line pino writes at info for `fields` and `msg`, made without pino: `fields` are the line's own
 * members already in JSON (`"status":200,…`). For the one line a busy server writes per request, pino's
 * walk of an object's fields cost twice what building the line costs here (README, "Reading, writing
 * and observing").
 */
export function infoLine(fields: string, msg: string): string {
  return `{"level":"info"${isoTime()},${processMembers},${fields},"msg":${JSON.stringify(msg)}}\n`
}

/** Writes infoLine's line, in order with the logger's own, if the logger writes info lines. */
export function writeInfoLine(fields: string, msg: string): void {
  if (logger.isLevelEnabled('info')) destination.write(infoLine(fields, msg))
}

/**
 * Resolves once every line logged so far has been written to standard output: a process that stops on
 * purpose waits for it, since a reader that lags (a full pipe) would otherwise lose the lines in its way.
 */
export function logDrained(): Promise<void> {
  return destination.drained()
}

/** Log lines dropped since the log's output failed (none while it works). */
export const logLinesDropped = (): number => destination.dropped

export function useLogLevel(level: Config['logLevel']): void {
  logger.level = level
}

/**
 * A plain line for the person who started `gloss serve` (where it serves, that it stops): on standard
 * error, so that standard output holds JSON lines alone, which a collector parses line by line.
 * Nothing at LOG_LEVEL=silent.
 */
export function tell(line: string): void {
  if (logger.level === 'silent') return
  process.stderr.write(`${line}\n`)
}
