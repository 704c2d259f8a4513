import cluster from 'node:cluster'
import { writeSync } from 'node:fs'
import { hostname } from 'node:os'
import pino, { type Logger, type LoggerOptions } from 'pino'
import sonicBoom, { type SonicBoom } from 'sonic-boom'
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
 * With `--workers`, every worker writes to the standard output they all inherit. A pipe (a container's
 * log, `gloss serve | collector`) takes a write of up to PIPE_BUF bytes (4,096 on Linux) whole; a longer
 * one may be interleaved with another process's, mid-line. So a worker hands a batch over in pieces of
 * whole lines within that size (a single longer line, a long stack say, still goes whole in one write of
 * its own). A process alone, which shares its output with no one, writes in sonic-boom's larger pieces
 * (16 KB) and so a quarter of the system calls.
 */
const WHOLE_WRITE = cluster.isWorker ? 4096 : undefined

// sonic-boom's types name a class its CommonJS module does not export by name: the module is the class.
const SonicBoomClass = sonicBoom as unknown as typeof SonicBoom

/**
 * Lines go to standard output through sonic-boom, asynchronously with no minimum length: an idle server
 * writes each line at once (so `tail -f` and the tests see it), and a busy one writes the lines that
 * arrived meanwhile together, one system call for many requests (synchronous writes cost a reader 14 %
 * of its throughput; writing each turn's batch synchronously saved about a point of 9, not worth a
 * server that stops when its log's reader does). The lines of one turn of the event loop are handed to
 * sonic-boom together: in its string mode it measured its whole pending buffer on every write, which
 * flattened it, so a busy turn's forty lines copied kilobytes each.
 */
class TurnBatch {
  private pending = ''
  private written = false
  // Buffers, encoded once here: given strings, sonic-boom encodes each write twice (for the system call,
  // then again to find where a short write stopped). Each of its writes holds at most one piece
  // (maxWrite): it would otherwise join them again.
  private readonly out = new SonicBoomClass({
    fd: 1,
    sync: false,
    minLength: 0,
    maxWrite: WHOLE_WRITE,
    contentMode: 'buffer',
  })

  /** Bytes handed to sonic-boom and not yet written: what `drained` waits for. */
  private unwritten = 0

  /** Set once the output has failed (its reader gone): lines are counted and dropped from then on. */
  private failed = false
  dropped = 0

  constructor() {
    this.out.on('write', (n: number) => (this.unwritten -= n))
    // The reader of the log can go away (a collector restarted, `gloss serve | head`). Unheard, the
    // error would stop the server, and sonic-boom's flushSync at exit retries a broken pipe for ever,
    // so a server whose log reader died hung and served nothing. The log is not worth the service: it
    // says so once on standard error and goes on without it (gloss_log_lines_dropped_total counts).
    this.out.on('error', (error: NodeJS.ErrnoException) => {
      if (this.failed) return
      this.failed = true
      // What sonic-boom held when the write failed is lost with it, uncounted.
      this.dropped += countLines(this.pending)
      this.pending = ''
      this.unwritten = 0
      try {
        writeSync(
          2,
          `gloss: the log's output failed (${error.code ?? error.message}); log lines are dropped from now on\n`,
        )
      } catch {
        // Standard error may be the same broken pipe.
      }
    })
    // A line written just before a failed stop or a crash still reaches the output: what is pending is
    // written synchronously on exit (by a process that wrote any; flushSync also fsyncs the output).
    // That is a last resort: a piece whose write waits on a full pipe is skipped, and what follows it is
    // written, so a process that stops on purpose waits for `drained` first.
    process.on('exit', () => {
      this.flush()
      if (this.written && !this.failed) this.out.flushSync()
    })
  }

  write(line: string): void {
    if (this.failed) {
      this.dropped++
      return
    }
    if (this.pending === '') setImmediate(this.flush)
    this.pending += line
  }

  private readonly flush = (): void => {
    if (this.pending === '' || this.failed) return
    const lines = Buffer.from(this.pending)
    this.pending = ''
    this.written = true
    if (WHOLE_WRITE === undefined || lines.length <= WHOLE_WRITE) {
      this.send(lines)
      return
    }
    // Pieces end at the last line end that fits, or (a line longer than a piece) at its own end.
    for (let from = 0; from < lines.length;) {
      const fits = lines.lastIndexOf(NEWLINE, from + WHOLE_WRITE - 1)
      const end = (fits >= from ? fits : lines.indexOf(NEWLINE, from)) + 1 || lines.length
      this.send(lines.subarray(from, end))
      from = end
    }
  }

  private send(piece: Buffer): void {
    this.unwritten += piece.length
    // sonic-boom's types know only its strings; in buffer mode it takes Buffers.
    this.out.write(piece as unknown as string)
  }

  /** Resolves once every line logged so far is written, or writing has failed. */
  drained(): Promise<void> {
    this.flush()
    if (this.unwritten <= 0 || this.failed) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        this.out.off('drain', done)
        this.out.off('error', done)
        resolve()
      }
      this.out.on('drain', done)
      this.out.on('error', done)
    })
  }
}

const NEWLINE = 0x0a

function countLines(text: string): number {
  let lines = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++
  return lines
}

const destination = new TurnBatch()

/** How the logger writes a line: also how a test makes one to compare with infoLine. */
export const lineOptions: LoggerOptions = {
  timestamp: isoTime,
  // "info", "error", not 30 and 50: the lines are read by people as often as by tools.
  formatters: { level: (label) => ({ level: label }) },
  serializers: { err: withoutRowValues },
}

/**
 * The server's one logger: JSON lines on standard output (TurnBatch). It is silent until `gloss serve`
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
