import { parentPort } from 'node:worker_threads'
import { commentHtml } from './comment-markdown.ts'

/** Renders checked comment bodies for comment-render.ts, one at a time, answering with the HTML, or without it when rendering failed. */
const port = parentPort
port?.on('message', ({ id, body }: { id: number; body: string }) => {
  try {
    port.postMessage({ id, html: commentHtml(body) })
  } catch (error) {
    // The comment is refused either way; the main thread logs why, since a body that passed its checks
    // and still fails is a fault in the renderer.
    port.postMessage({ id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  }
})
