import type { IncomingMessage } from 'node:http'
import type { HttpBindings } from '@hono/node-server'
import type { Context } from 'hono'

/**
 * A request's body, read from Node's own request where there is one.
 *
 * Asking Hono for a body under @hono/node-server builds a whole Web `Request` around Node's request (a
 * ReadableStream, an AbortSignal, undici's headers): about a tenth of posting a comment's CPU, for
 * bytes Node already holds (#18). Where the body's length is declared, Node's parser delivers exactly
 * that many bytes, so they are read from Node's request directly, and handed to Hono's body cache for
 * anything that asks again. A body without a declared length (chunked) goes through the Web Request,
 * which body-limits.ts wraps to count it; so does every request made without a socket (`app.request`).
 */

/** Node's own request, where the app is served over a socket; none under `app.request`. */
const nodeRequest = (c: Context): IncomingMessage | undefined =>
  (c.env as Partial<HttpBindings> | undefined)?.incoming

/** Node's request when it can be read directly: served over a socket, length declared, nothing read yet. */
function directly(c: Context): IncomingMessage | undefined {
  const incoming = nodeRequest(c)
  if (!incoming || incoming.headers['transfer-encoding'] !== undefined) return undefined
  if (incoming.headers['content-length'] === undefined || incoming.readableDidRead) return undefined
  if (Object.keys(c.req.bodyCache).length > 0) return undefined
  return incoming
}

/**
 * Whether the request carries a body, by its headers where Node's request is at hand (a declared
 * length above nothing, or chunks), without building the Web Request that asking `c.req.raw.body` does.
 */
export function hasBody(c: Context): boolean {
  const incoming = nodeRequest(c)
  if (!incoming) return c.req.raw.body !== null
  const length = incoming.headers['content-length']
  return incoming.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** The body's bytes; a body cut short by its sender fails the read, as Hono's own read would. */
export async function bodyBytes(c: Context): Promise<Uint8Array> {
  const incoming = directly(c)
  if (!incoming) return new Uint8Array(await c.req.arrayBuffer())
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)))
    incoming.once('error', reject)
    incoming.once('close', () => {
      if (!incoming.complete) reject(new Error('The request was cut short before its body arrived.'))
    })
  })
  const body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // Anything reading the body again through Hono gets these bytes rather than an emptied stream (Hono
  // keeps promises there, whatever its types say).
  ;(c.req.bodyCache as Record<string, unknown>).arrayBuffer = Promise.resolve(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  )
  return body
}
