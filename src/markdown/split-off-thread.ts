import { Worker } from 'node:worker_threads'
import { DomainError, type FieldError } from '../errors.ts'
import { splitDocument, type SplitDocument } from './split.ts'

/** Sources past this size are split in a worker thread, so the server keeps answering while they parse. */
const OFF_THREAD_BYTES = 100 * 1024

interface Answer {
  ok: boolean
  document?: SplitDocument
  problem?: { status: DomainError['status']; code: string; message: string; errors: FieldError[] }
}

export function splitOffThread(source: string): Promise<SplitDocument> {
  if (source.length < OFF_THREAD_BYTES) return Promise.resolve().then(() => splitDocument(source))
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./split-worker.js', import.meta.url), {
      workerData: source,
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    })
    worker.once('message', (answer: Answer) => {
      if (answer.ok && answer.document) resolve(answer.document)
      else {
        const p = answer.problem
        reject(
          p
            ? new DomainError(p.status, p.code, p.message, p.errors)
            : new Error('The splitter gave no answer.'),
        )
      }
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}
