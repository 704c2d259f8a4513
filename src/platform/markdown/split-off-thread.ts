import type { ErrorCode } from '../../kernel/error-codes.ts'
import { DomainError, type FieldError } from '../../kernel/errors.ts'
import { splitDocument, type SplitDocument } from './split.ts'
import { WorkerQueue } from '../worker-queue.ts'

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
interface Answer {
  id: number
  ok: boolean
  document?: SplitDocument
  problem?: { code: ErrorCode; message: string; errors: FieldError[] }
}

/**
 * One worker splits large sources, one at a time, in the order asked: kept between splits (a
 * revision's preview, its page and its creation split the same sizes of source in a row), and
 * replaced if it dies (a source too large for its heap).
 */
const shared = new WorkerQueue<{ source: string }, Answer, SplitDocument>({
  url: new URL('./split-worker.js', import.meta.url),
  resourceLimits: { maxOldGenerationSizeMb: 2048 },
  outcome: ({ ok, document, problem }) => {
    if (ok && document) return document
    throw problem
      ? new DomainError(problem.code, problem.message, problem.errors)
      : new Error('The splitter gave no answer.')
  },
  lost: (cause) => new Error(`The splitter stopped: ${cause.message}`),
})

/** How many sources went to the worker: lets tests see where a source was split without timing it. */
export const splitWork = { offThread: 0 }

export function splitOffThread(source: string): Promise<SplitDocument> {
  if (source.length < OFF_THREAD_BYTES && !manyLines(source))
    return Promise.resolve().then(() => splitDocument(source))
  splitWork.offThread++
  return shared.run({ source })
}
