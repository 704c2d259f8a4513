import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { Context } from 'hono'
import type { Config } from '../../config.ts'
import { LruCache } from '../../kernel/lru-cache.ts'
import { isLang } from '../i18n/languages.ts'
import { countRequest } from '../metrics/http-metrics.ts'
import { hasTag } from './conditional.ts'
import { LANGUAGE_COOKIE, languageAsked } from './language.tsx'
import { logRequest, placeMembers } from './request-log.ts'
import { requestIdOf } from './request-id.ts'
import { originHeaders } from './security.ts'

/**
 * What a route said may be answered again from the front, without the app: the page's bytes as sent,
 * until when it stays right, and the route that made it (for the log and the metrics).
 */
export interface FrontOffer {
  until: number
  route: string
  etag: string
  body: Uint8Array
}

/** What the front reads of a request: Node's IncomingMessage, or HTTP/2's request. */
interface Arrival {
  method?: string | undefined
  url?: string | undefined
  headers: IncomingHttpHeaders
}

/** Offers made while the app answers, by the request they answer: read once the answer is back. */
const offers = new WeakMap<Request, FrontOffer>()

/**
 * A route's word that its answer is the same for every anonymous reader of the same language and
 * coding until `until`: the front cache keeps it only if the request named nobody (see eligibleKey).
 */
export function keepInFront(c: Context, offer: FrontOffer): void {
  if (offer.until > Date.now()) offers.set(c.req.raw, offer)
}

/**
 * Head fields for one kind of answer, with a place for the request's id: its value is written in for
 * each answer just before writeHead, which turns the fields into the head's bytes there and then and keeps
 * nothing, so one object serves every answer instead of a copy of a dozen fields each time.
 */
type Head = Record<string, string> & { 'x-request-id': string }

interface Entry extends FrontOffer {
  /** The app's own headers on the page (less the request's id) and its length: a GET's head. */
  full: Head
  /** The same less the length, as the app answers a HEAD. */
  headers: Head
  /** Those it sends with a 304: the page's, less its type and coding. */
  notModified: Head
  /** Its log line's path and route, made once (request-log.ts). */
  place: string
}

/** Headers that belong to one answer, not the page: made again for each. */
const PER_ANSWER = new Set(['x-request-id', 'date', 'content-length', 'connection', 'keep-alive'])
/** Headers a 304 leaves out (RFC 9110 §15.4.5 lists what it keeps; the app sends no others). */
const NOT_ON_304 = new Set(['content-type', 'content-encoding'])

/**
 * Public reading pages answered before the app is reached. A reading page costs the app a routing,
 * its middlewares and a Response; answered here it costs a lookup, so a busy server keeps pace with a
 * static file server on the pages everyone reads (README, "Reading, writing and observing").
 *
 * Only what a route offered (keepInFront) is kept, only from a request that named nobody (no cookie but
 * the language switch's, no Authorization), only as long as the route said, and only a 200 that is
 * `public` and sets no cookie; it is answered only to requests that name nobody, keyed by everything
 * the page varies by: address, interface language (cookie, else Accept-Language), Accept-Encoding,
 * and the forwarded headers absolute links are built from where those are trusted. Each answer gets
 * its own request id, log line and metrics, as the app's do.
 */
export class FrontCache {
  private readonly entries = new LruCache<Entry>(256)
  private readonly forwarded: boolean

  constructor(private readonly config: Config) {
    this.forwarded = originHeaders(config).length > 0
  }

  /** Answers the request if a kept page fits it; false sends it on to the app. */
  answer(incoming: IncomingMessage, outgoing: ServerResponse): boolean {
    const started = performance.now()
    const key = this.eligibleKey(incoming)
    if (key === undefined) return false
    const entry = this.entries.get(key)
    if (entry === undefined) return false
    if (entry.until <= Date.now()) {
      // Past its time the route checks again, as it would for a page it kept itself.
      this.entries.delete(key)
      return false
    }
    const requestId = requestIdOf(this.config, header(incoming, 'x-request-id'))
    const status = hasTag(header(incoming, 'if-none-match'), entry.etag) ? 304 : 200
    if (status === 304) {
      entry.notModified['x-request-id'] = requestId
      outgoing.writeHead(304, entry.notModified)
      outgoing.end()
    } else if (incoming.method === 'HEAD') {
      // The page's headers and nothing else, as the app answers a HEAD.
      entry.headers['x-request-id'] = requestId
      outgoing.writeHead(200, entry.headers)
      outgoing.end()
    } else {
      entry.full['x-request-id'] = requestId
      outgoing.writeHead(200, entry.full)
      outgoing.end(entry.body)
    }
    const durationMs = performance.now() - started
    const method = incoming.method ?? 'GET'
    logRequest(
      { requestId, method, path: incoming.url ?? '/', route: entry.route, status, durationMs },
      entry.place,
    )
    if (this.config.metrics) countRequest(method, entry.route, status, durationMs / 1000)
    return true
  }

  /** Once the app has answered: keeps the page if its route offered it and the request named nobody. */
  keep(request: Request, incoming: Arrival, response: Response): void {
    const offer = offers.get(request)
    if (offer === undefined || response.status !== 200) return
    const headers = response.headers
    if (headers.has('set-cookie') || !/\bpublic\b/.test(headers.get('cache-control') ?? '')) return
    const key = this.eligibleKey(incoming)
    if (key === undefined) return
    const kept: Record<string, string> = {}
    const notModified: Record<string, string> = {}
    for (const [name, value] of headers) {
      if (PER_ANSWER.has(name)) continue
      kept[name] = value
      if (!NOT_ON_304.has(name)) notModified[name] = value
    }
    this.entries.set(key, {
      ...offer,
      full: { ...kept, 'x-request-id': '', 'content-length': String(offer.body.byteLength) },
      headers: { ...kept, 'x-request-id': '' },
      notModified: { ...notModified, 'x-request-id': '' },
      place: placeMembers(incoming.url ?? '/', offer.route),
    })
  }

  /**
   * The key a request's page is kept under, or undefined for a request the front may not answer: one
   * that is not a GET or HEAD, or that names someone or something (any cookie but `lang=en|cy`, an
   * Authorization header). A `lang` cookie the app would read differently (quoted, encoded, twice) is
   * left to the app.
   */
  private eligibleKey(incoming: Arrival): string | undefined {
    const method = incoming.method
    if (method !== 'GET' && method !== 'HEAD') return undefined
    const headers = incoming.headers
    if (headers.authorization !== undefined) return undefined
    let cookieLanguage: string | undefined
    if (headers.cookie !== undefined) {
      for (const pair of headers.cookie.split(';')) {
        const crumb = pair.trim()
        if (crumb === '') continue
        const at = crumb.indexOf('=')
        if (at < 0 || crumb.slice(0, at).trim() !== LANGUAGE_COOKIE || cookieLanguage !== undefined)
          return undefined
        cookieLanguage = crumb.slice(at + 1).trim()
        if (!isLang(cookieLanguage)) return undefined
      }
    }
    const lang = languageAsked(cookieLanguage, headers['accept-language'])
    const key = `${lang}\n${headers['accept-encoding'] ?? ''}\n${incoming.url ?? ''}`
    return this.forwarded
      ? `${key}\n${header(incoming, 'x-forwarded-host') ?? ''}\n${header(incoming, 'x-forwarded-proto') ?? ''}`
      : key
  }
}

/** One header's value as the app reads it: repeated ones joined, as Node joins most. */
const header = (incoming: Arrival, name: string): string | undefined => {
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
