import { parentPort, workerData } from 'node:worker_threads'
import { DomainError } from '../errors.ts'
import { splitDocument } from './split.ts'

/** Runs splitDocument for split-off-thread.ts, answering with the document or the problem. */
const port = parentPort
if (port) {
  try {
    port.postMessage({ ok: true, document: splitDocument(workerData as string) })
  } catch (error) {
    port.postMessage(
      error instanceof DomainError
        ? {
            ok: false,
            problem: { status: error.status, code: error.code, message: error.message, errors: error.errors },
          }
        : {
            ok: false,
            problem: {
              status: 422,
              code: 'source-unreadable',
              message: (error as Error).message,
              errors: [],
            },
          },
    )
  }
}
