import { parentPort } from 'node:worker_threads'
import { DomainError } from '../../kernel/errors.ts'
import { splitDocument } from './split.ts'

/** Runs splitDocument for split-off-thread.ts, one source at a time, answering with the document or the problem. */
const port = parentPort
port?.on('message', ({ id, source }: { id: number; source: string }) => {
  try {
    port.postMessage({ id, ok: true, document: splitDocument(source) })
  } catch (error) {
    port.postMessage({
      id,
      ok: false,
      problem:
        error instanceof DomainError
          ? { code: error.code, message: error.message, errors: error.errors }
          : { code: 'source-unreadable', message: (error as Error).message, errors: [] },
    })
  }
})
