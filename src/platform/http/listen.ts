import { createServer, STATUS_CODES, type Server } from 'node:http'
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server'
import type { Config } from '../../config.ts'
import type { Duplex } from 'node:stream'
import type { ProblemCode } from '../../kernel/error-codes.ts'
import { FrontCache } from './front-cache.ts'
import { makeProblem } from './problem.ts'
import { forwardedHeadersFilter } from './trusted-proxy.ts'

/** What answers a request that reached the app: Hono's fetch, as @hono/node-server calls it. */
export type FetchCallback = (
  request: Request,
  env: HttpBindings | Http2Bindings,
) => Response | Promise<Response>

/**
 * Serves `fetch` on the configured port with node:http, as @hono/node-server's `serve` would, with the
 * front cache before it: public reading pages the app has answered are answered again without it,
 * for as long as their route said they stay right (front-cache.ts). Port 0 takes any free port.
 */
export async function listen(fetch: FetchCallback, config: Config, port = config.port): Promise<Server> {
  const front = new FrontCache(config)
  const answer = getRequestListener(async (request, env) => {
    const response = await fetch(request, env)
    front.keep(request, env.incoming, response)
    return response
  })
  // Forwarded headers from anyone but a trusted proxy are dropped before the front cache or the app reads them.
  const untrusted = forwardedHeadersFilter(config)
  const server = createServer((incoming, outgoing) => {
    untrusted?.(incoming)
    if (!front.answer(incoming, outgoing)) void answer(incoming, outgoing)
  })
  server.on('clientError', refuseUnreadable)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}

/** What Node's parser refused, as Node itself would answer it (RFC 9457 problem details here). */
const PARSER_REFUSALS: Record<string, [ProblemCode, string]> = {
  HPE_HEADER_OVERFLOW: ['headers-too-large', 'The request’s address or headers are longer than Gloss takes.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: ['too-large', 'The request’s chunk extensions are longer than Gloss takes.'],
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 'The request did not arrive in time.'],
}

/**
 * A request Node's parser could not read never reaches the app: answered here with problem+json, as
 * every refusal is, instead of Node's bare status line. English, since no header could be read to
 * choose another language by. A socket already gone, or one whose answer has begun, is only closed.
 */
function refuseUnreadable(error: Error & { code?: string }, socket: Duplex): void {
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
  if (error.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
    socket.destroy()
    return
  }
  const [code, detail] = PARSER_REFUSALS[error.code ?? ''] ?? [
    'bad-request',
    'The request cannot be read as HTTP.',
  ]
  const problem = makeProblem(code, detail)
  const body = JSON.stringify(problem)
  socket.end(
    `HTTP/1.1 ${String(problem.status)} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
      'Content-Type: application/problem+json; charset=utf-8\r\n' +
      `Content-Length: ${String(Buffer.byteLength(body))}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  )
}
