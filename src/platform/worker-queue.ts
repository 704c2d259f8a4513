import { Worker, type ResourceLimits } from 'node:worker_threads'
import { logger } from './log.ts'

/** A worker idle this long goes; starting one costs about half a second (it loads tsx again). */
const IDLE_MS = 60_000

export interface WorkerQueueOptions<Answer, Out> {
  /** The worker's module; it answers each `{ id, ...input }` message with `{ id, ... }`. */
  url: URL
  resourceLimits?: ResourceLimits
  /** A job running past this is failed (`lost`) and its worker stopped, so the next gets a new one. */
  timeoutMs?: number
  /** Jobs waiting past this many are refused at once with `busy()` rather than queued for seconds. */
  maxWaiting?: number
  busy?: () => Error
  /** What a job's answer means: its result, or an error thrown. */
  outcome: (answer: Answer) => Out
  /** The error a job gets when its worker fails it: stopped, died, or overran `timeoutMs`. */
  lost: (cause: Error) => Error
}

interface Job<In, Out> {
  id: number
  input: In
  resolve: (out: Out) => void
  reject: (error: unknown) => void
}

/**
 * One long-lived worker thread doing jobs one at a time, in the order asked: kept between jobs, never
 * keeping the process alive once idle (a command waiting for a job is kept alive while it runs), and
 * replaced when it dies or is stopped. Comment rendering and document splitting each have one.
 */
export class WorkerQueue<In extends object, Answer extends { id: number }, Out> {
  private worker: Worker | undefined
  private readonly queue: Job<In, Out>[] = []
  private current: { job: Job<In, Out>; timer: NodeJS.Timeout | undefined } | undefined
  private idle: NodeJS.Timeout | undefined
  private nextId = 1

  constructor(private readonly options: WorkerQueueOptions<Answer, Out>) {}

  run(input: In): Promise<Out> {
    const { maxWaiting, busy } = this.options
    if (maxWaiting !== undefined && busy && this.queue.length >= maxWaiting) return Promise.reject(busy())
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject })
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
    const worker = this.start()
    worker.ref()
    const { timeoutMs } = this.options
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            // Let go of the worker first, so that the next job goes to a new one.
            this.worker = undefined
            void worker.terminate()
            this.settle(job.id, () => {
              throw this.options.lost(new Error(`The worker overran ${String(timeoutMs)} ms.`))
            })
          }, timeoutMs)
    this.current = { job, timer }
    worker.postMessage({ id: job.id, ...job.input })
  }

  /** Ends the job under way with what `outcome` makes of it, then starts the next. */
  private settle(id: number, outcome: () => Out): void {
    const current = this.current
    if (current?.job.id !== id) return
    clearTimeout(current.timer)
    this.current = undefined
    try {
      current.job.resolve(outcome())
    } catch (error) {
      current.job.reject(error)
    }
    this.pump()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const { url, resourceLimits } = this.options
    const worker = new Worker(url, resourceLimits ? { resourceLimits } : {})
    worker.on('message', (answer: Answer) => this.settle(answer.id, () => this.options.outcome(answer)))
    const gone = (cause: Error) => {
      if (this.worker !== worker) return
      this.worker = undefined
      const current = this.current
      if (current)
        this.settle(current.job.id, () => {
          throw this.options.lost(cause)
        })
    }
    worker.on('error', (error) => {
      logger.warn({ err: error, worker: url.pathname }, 'a worker thread stopped; its job failed')
      gone(error)
    })
    worker.on('exit', (code) => gone(new Error(`The worker stopped (exit code ${String(code)}).`)))
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
