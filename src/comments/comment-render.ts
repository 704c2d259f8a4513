import { Worker } from 'node:worker_threads'
import { DomainError, invalid } from '../kernel/errors.ts'
import { checkCommentBody, commentHtml, plainCommentHtml } from './comment-markdown.ts'
import { logger } from '../platform/log.ts'

/**
 * Bodies estimated at up to this much work (markdown-cost.ts, about 5 µs a unit, so a millisecond or
 * two) render on the request thread: most comments, which then cost no hand-over. Anything more, up to
 * the limit (a few tens of milliseconds of markup), renders in a worker thread, so that no comment,
 * however many arrive at once, holds up the requests of others.
 */
export const ON_THREAD_WORK = 400
/** A render past this has met a cost the estimate missed: the worker is stopped, the body refused. */
const RENDER_TIMEOUT_MS = 2_000
/** Bodies waiting past this many are turned away at once (503) rather than queued for seconds. */
const MAX_WAITING = 32
/** A worker idle this long goes; starting one costs about half a second (it loads tsx again). */
const IDLE_MS = 60_000

interface Job {
  id: number
  body: string
  resolve: (html: string) => void
  reject: (error: unknown) => void
}

/** One worker, kept between bodies and replaced when it dies or is stopped, renders them in turn. */
class CommentRenderer {
  private worker: Worker | undefined
  private readonly queue: Job[] = []
  private current: { job: Job; timer: NodeJS.Timeout } | undefined
  private idle: NodeJS.Timeout | undefined
  private nextId = 1

  render(body: string): Promise<string> {
    if (this.queue.length >= MAX_WAITING)
      return Promise.reject(
        new DomainError('busy', 'Many comments are being posted at once; try again in a moment.', [], {
          'retry-after': '1',
        }),
      )
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, body, resolve, reject })
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
    const timer = setTimeout(() => {
      // Let go of the worker first, so that the next body goes to a new one.
      this.worker = undefined
      void worker.terminate()
      this.settle(job.id, undefined)
    }, RENDER_TIMEOUT_MS)
    this.current = { job, timer }
    worker.postMessage({ id: job.id, body: job.body })
  }

  /** The body's HTML, or its refusal: one the renderer failed on (it throws, dies or overruns) is refused. */
  private settle(id: number, html: string | undefined): void {
    const current = this.current
    if (current?.job.id !== id) return
    clearTimeout(current.timer)
    this.current = undefined
    if (html === undefined) current.job.reject(tooComplex())
    else current.job.resolve(html)
    this.pump()
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./comment-render-worker.js', import.meta.url))
    worker.on('message', (answer: { id: number; html?: string; failure?: string }) => {
      if (answer.failure)
        logger.warn({ failure: answer.failure }, 'a comment failed to render and was refused')
      this.settle(answer.id, answer.html)
    })
    const gone = () => {
      if (this.worker !== worker) return
      this.worker = undefined
      if (this.current) this.settle(this.current.job.id, undefined)
    }
    worker.on('error', (error) => {
      logger.warn({ err: error }, 'the comment renderer stopped; a comment was refused')
      gone()
    })
    worker.on('exit', gone)
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

const tooComplex = () =>
  invalid('This comment took too long to read; use less markup, or split it into two comments.', [
    { pointer: '/body', detail: 'Use less markup.' },
  ])

const renderer = new CommentRenderer()

/**
 * A comment body's sanitised HTML: refused (422) before parsing when too deep or too costly, rendered
 * here when cheap, else off the request thread. Rendered once, when written, and stored: reading a
 * comment never renders it again.
 */
export async function renderComment(body: string): Promise<string> {
  // Checked first even for prose: thousands of short lines are refused however plain they are, as
  // the pipeline would refuse them.
  const work = checkCommentBody(body)
  const plain = plainCommentHtml(body)
  if (plain !== undefined) return plain
  return work <= ON_THREAD_WORK ? commentHtml(body) : renderer.render(body)
}
