import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Context } from 'hono'
import { clientHas } from './conditional.ts'
import { keepInFront } from './front-cache.ts'
import { routePattern } from './route-pattern.ts'

/** A response body made once and served many times: its strong ETag and its gzip and brotli forms. */
export interface Prepared {
  etag: string
  type: string
  identity: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
  br: Uint8Array<ArrayBuffer>
}

/**
 * Compresses once what will be sent many times (a reading page), at levels that take milliseconds:
 * brotli 5 already gets most of the way to 11 on HTML, at a fraction of the time.
 */
export function prepare(body: string, type = 'text/html; charset=utf-8'): Prepared {
  const identity = new TextEncoder().encode(body)
  return {
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    type,
    identity,
    gzip: new Uint8Array(gzipSync(identity, { level: 6 })),
    br: new Uint8Array(
      brotliCompressSync(identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
    ),
  }
}

/** The codings a client accepts (RFC 9110 §12.5.3), leaving out those it refuses with q=0. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>()
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name)
  }
  return accepted
}

/**
 * Sends a prepared body: 304 when the client has it, else the best encoding it accepts. With
 * `sameUntil`, the page is the same for every anonymous reader until then, and the front cache may
 * answer it again (front-cache.ts).
 */
export function sendPrepared(c: Context, p: Prepared, cacheControl: string, sameUntil?: number): Response {
  const headers: Record<string, string> = {
    etag: p.etag,
    'cache-control': cacheControl,
    vary: 'Accept-Encoding',
  }
  if (clientHas(c, p.etag)) return c.body(null, 304, headers)
  const accepted = acceptedEncodings(c.req.header('accept-encoding'))
  const [encoding, body] = accepted.has('br')
    ? (['br', p.br] as const)
    : accepted.has('gzip')
      ? (['gzip', p.gzip] as const)
      : ([undefined, p.identity] as const)
  if (sameUntil !== undefined)
    keepInFront(c, { until: sameUntil, route: routePattern(c), etag: p.etag, body })
  return c.body(body, 200, {
    ...headers,
    'content-type': p.type,
    ...(encoding ? { 'content-encoding': encoding } : {}),
  })
}
