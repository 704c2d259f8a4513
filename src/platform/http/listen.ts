import { createServer, type Server } from 'node:http'
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server'
import type { Config } from '../../config.ts'
import { FrontCache } from './front-cache.ts'
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}
