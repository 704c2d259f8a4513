import { Worker } from 'node:worker_threads'
import type { ErrorCode } from '../../kernel/error-codes.ts'
import { DomainError, type FieldError } from '../../kernel/errors.ts'
import { splitDocument, type SplitDocument } from './split.ts'

/**
 * Sources past this size are split in a worker thread, so the server keeps answering while they parse.
 * Prose parses at a few microseconds a character but dense markup (tables, links, emphasis) at up to
 * twenty, so a 100 kB table held the request thread for two seconds: 32 kB keeps it well under one.
 */
export const OFF_THREAD_BYTES = 32 * 1024
/**
 * Short sources of many lines go to the worker too: each block costs about a tenth of a millisecond
 * whatever its size (8,000 one-word paragraphs, 24 kB, held the request thread for a second; 32 kB of
 * one-word list items 1.3 s), and headings underlined with === or --- cost with their square. Under a
 * thousand lines neither reaches a tenth of a second.
 */
export const OFF_THREAD_LINES = 1_000

const manyLines = (source: string) => {
  let lines = 0
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1))
    if (++lines >= OFF_THREAD_LINES) return true
  return false
}
/** A worker idle this long goes; starting one costs about half a second (it loads tsx again). */
const IDLE_MS = 60_000

interface Answer {
  id: number
  ok: boolean
  document?: SplitDocument
  problem?: { code: ErrorCode; message: string; errors: FieldError[] }
}

interface Job {
  id: number
  source: string
  resolve: (document: SplitDocument) => void
  reject: (error: unknown) => void
}

/**
 * One long-lived worker splits large sources, one at a time, in the order asked. It is kept between
 * splits (a revision's preview, its page and its creation split the same sizes of source in a row),
 * never keeps the process alive, and is replaced if it dies (a source too large for its heap).
 */
class SplitWorker {
  private worker: Worker | undefined
  private readonly queue: Job[] = []
  private current: Job | undefined
  private idle: NodeJS.Timeout | undefined
  private nextId = 1

  split(source: string): Promise<SplitDocument> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, source, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    if (this.current) return
    const job = this.queue.shift()
    if (!job) {
      this.worker?.unref()
      this.idle = setTimeout(() => void this.stop(), IDLE_MS).unref()
      return
    }
    clearTimeout(this.idle)
    this.current = job
    const worker = this.start()
    // Kept alive by the process while it works (a command waiting for a split must not exit), not after.
    worker.ref()
    worker.postMessage({ id: job.id, source: job.source })
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./split-worker.js', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    })
    worker.on('message', (answer: Answer) => {
      const job = this.current
      if (!job || job.id !== answer.id) return
      this.current = undefined
      if (answer.ok && answer.document) job.resolve(answer.document)
      else {
        const p = answer.problem
        job.reject(
          p ? new DomainError(p.code, p.message, p.errors) : new Error('The splitter gave no answer.'),
        )
      }
      this.pump()
    })
    const fail = (error: unknown) => {
      if (this.worker !== worker) return
      this.worker = undefined
      const job = this.current
      this.current = undefined
      job?.reject(error)
      this.pump()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`The splitter stopped (exit code ${String(code)}).`)))
    this.worker = worker
    return worker
  }

  private async stop(): Promise<void> {
    const worker = this.worker
    if (!worker || this.current || this.queue.length > 0) return
    this.worker = undefined
    await worker.terminate()
  }
}

const shared = new SplitWorker()

/** How many sources went to the worker: lets tests see where a source was split without timing it. */
export const splitWork = { offThread: 0 }

export function splitOffThread(source: string): Promise<SplitDocument> {
  if (source.length < OFF_THREAD_BYTES && !manyLines(source))
    return Promise.resolve().then(() => splitDocument(source))
  splitWork.offThread++
  return shared.split(source)
}
