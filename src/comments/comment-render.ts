import { DomainError, invalid } from '../kernel/errors.ts'
import { checkCommentBody, commentHtml, plainCommentHtml } from './comment-markdown.ts'
import { logger } from '../platform/log.ts'
import { WorkerQueue } from '../platform/worker-queue.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

/**
 * Bodies estimated at up to this much work (markdown-cost.ts, about 5 µs a unit, so a millisecond or
 * two) render on the request thread: most comments, which then cost no hand-over. Anything more, up to
 * the limit (a few tens of milliseconds of markup), renders in a worker thread, so that no comment,
 * however many arrive at once, holds up the requests of others.
 */
export const ON_THREAD_WORK = 400
const tooComplex = () =>
  invalid('This comment took too long to read; use less markup, or split it into two comments.', [
    { pointer: '/body', detail: fieldMessage('field.lessMarkup') },
  ])

/** One worker renders the bodies too costly for the request thread, one at a time. */
const renderer = new WorkerQueue<{ body: string }, { id: number; html?: string; failure?: string }, string>({
  url: new URL('./comment-render-worker.js', import.meta.url),
  // A render past this has met a cost the estimate missed: the worker is stopped, the body refused.
  timeoutMs: 2_000,
  // Bodies waiting past this many are turned away at once (503) rather than queued for seconds.
  maxWaiting: 32,
  busy: () =>
    new DomainError('busy', 'Many comments are being posted at once; try again in a moment.', [], {
      'retry-after': '1',
    }),
  // One the renderer failed on (it throws, dies or overruns) is refused.
  outcome: ({ html, failure }) => {
    if (html !== undefined) return html
    logger.warn({ failure }, 'a comment failed to render and was refused')
    throw tooComplex()
  },
  lost: () => tooComplex(),
})

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
  return work <= ON_THREAD_WORK ? commentHtml(body) : renderer.run({ body })
}
