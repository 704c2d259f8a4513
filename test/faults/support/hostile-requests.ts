import fc from 'fast-check'
import type { Hono } from 'hono'
import { API } from '../../../src/api.ts'
import type { AppEnv } from '../../../src/platform/http/env.ts'
import { jsonSchemaOf, validValue, wrongValue, type JsonSchema } from './schema-values.ts'
import { ROLES, type Known, type Role } from './world.ts'

export interface FuzzRoute {
  method: string
  path: string
  /** The body schema `readJson` validates with, as JSON Schema; undefined for routes without a body. */
  body: JsonSchema | undefined
  query: string[]
}

/**
 * Every JSON route the app registers, so a route added tomorrow is fuzzed tomorrow. The event stream is
 * left out: it never ends, and the fault suite's stream tests cover it.
 */
export function fuzzableRoutes(app: Hono<AppEnv>): FuzzRoute[] {
  const seen = new Map<string, FuzzRoute>()
  for (const { method, path } of app.routes) {
    if (!path.startsWith('/api/') || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue
    if (path.endsWith('/events')) continue
    const key = `${method} ${path}`
    const operation = API[key]
    seen.set(key, {
      method,
      path,
      body: operation?.body ? jsonSchemaOf(operation.body) : undefined,
      query: Object.keys(operation?.query ?? {}),
    })
  }
  return [...seen.values()]
}

export interface HostileRequest {
  role: Role
  method: string
  url: string
  headers: Record<string, string>
  body: string | Uint8Array | undefined
  /** What kind of body this is, for the tally and for failure messages. */
  kind: string
  /** Refused whoever sends it: a body no schema takes, or not JSON at all. */
  mustRefuse: boolean
}

/** Percent-encodes every byte of the UTF-8 (lone surrogates become U+FFFD) but unreserved characters. */
const percent = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')

/** Path segments that are already encoded, or meant to look like something they are not. */
const RAW_JUNK = [
  '0',
  '-1',
  '1.5',
  '1e3',
  '01',
  '2147483648',
  '99999999999999999999',
  '%00',
  '%FF',
  '%C0%80',
  '%ED%A0%80',
  '..',
  '%2e%2e',
  '%2F',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'g1%00',
  "1'%20or%20'1'='1",
  '%3Cscript%3E',
  '%ZZ',
  '%',
  '%E0%A4%A',
  'a'.repeat(3000),
]

const pathValue = (name: string, known: Known): fc.Arbitrary<string> => {
  const junk = fc.oneof(
    fc.constantFrom(...RAW_JUNK),
    fc.string({ maxLength: 30, unit: 'binary' }).map(percent),
    fc.string({ maxLength: 12, unit: 'grapheme' }).map(percent),
  )
  const real = known[name]
  return real && real.length > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 3 }, { arbitrary: junk, weight: 2 })
    : junk
}

const fillPath = (path: string, known: Known): fc.Arbitrary<string> => {
  const names = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string)
  if (names.length === 0) return fc.constant(path)
  return fc.tuple(...names.map((name) => pathValue(name, known))).map((values) => {
    let i = 0
    return path.replace(/:[A-Za-z]+/g, () => values[i++] ?? '')
  })
}

const queryString = (names: string[]): fc.Arbitrary<string> => {
  const value = fc.oneof(
    fc.constantFrom(
      '',
      '1',
      '0',
      '-1',
      '11',
      '1e9',
      'all',
      'removed',
      'general',
      'blocks',
      '"a phrase"',
      '-x or y',
      '%00',
      'x'.repeat(5000),
    ),
    fc.string({ maxLength: 20, unit: 'binary' }).map(percent),
  )
  const name = fc.oneof(
    fc.constantFrom(...(names.length > 0 ? names : ['cursor'])),
    fc.constantFrom('cursor', 'q', 'page', 'x'),
  )
  return fc
    .array(fc.tuple(name, value), { maxLength: 4 })
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`))
}

/** Header values a client can send: Latin-1 bytes other than NUL, CR and LF, not padded. */
const headerText = (maxLength: number) =>
  fc
    .string({
      maxLength,
      unit: fc
        .integer({ min: 0x20, max: 0xff })
        .filter((c) => c !== 0x7f)
        .map((c) => String.fromCharCode(c)),
    })
    .map((s) => s.trim())

const oddHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 4 },
  fc.record(
    {
      'if-match': fc.oneof(
        headerText(40),
        fc.constantFrom('*', 'W/"c1v1"', '"c1v1"', '"c1v999"', '""', '"'),
        fc.constant('x'.repeat(8000)),
      ),
      'if-none-match': fc.oneof(headerText(40), fc.constantFrom('*', '"c1v1"')),
      'idempotency-key': fc.oneof(
        headerText(220),
        fc.constant('k'.repeat(10_000)),
        fc.constantFrom('', ' ', 'same-key'),
      ),
      cookie: fc.oneof(
        fc.constantFrom(
          'gloss_session=',
          'gloss_session=junk',
          'gloss_session=%00',
          `gloss_session=${'a'.repeat(4000)}`,
        ),
        headerText(100),
      ),
      accept: fc.constantFrom('*/*', 'text/html', 'application/json', 'image/png', 'x/y;q=2'),
      'x-forwarded-for': fc.oneof(headerText(40), fc.constant('1.2.3.4, 5.6.7.8')),
      'accept-encoding': fc.constantFrom('gzip', 'br', 'identity;q=0', 'x'.repeat(300)),
      'content-encoding': fc.constantFrom('gzip', 'br', 'deflate'),
    },
    { requiredKeys: [] },
  ),
)

const CONTENT_TYPES = [
  'text/plain',
  '',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonp',
  'application/xml',
]
const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/problem+json',
]

const INVALID_UTF8: number[][] = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0x80],
]

interface Body {
  text: string | Uint8Array | undefined
  kind: string
  mustRefuse: boolean
  json: boolean
}

function bodies(route: FuzzRoute, known: Known): fc.Arbitrary<Body> {
  const schema = route.body
  const takesJson = schema !== undefined
  const valid = schema ? validValue(schema, '', known) : fc.constant({})
  const refused =
    (kind: string) =>
    (text: string | Uint8Array | undefined): Body => ({ text, kind, mustRefuse: takesJson, json: true })
  const maybe =
    (kind: string) =>
    (text: string | Uint8Array | undefined): Body => ({ text, kind, mustRefuse: false, json: true })
  const fields = Object.entries(schema?.properties ?? {})
  const choices: fc.WeightedArbitrary<Body>[] = [
    { arbitrary: fc.constant(undefined).map(maybe('none')), weight: 1 },
    {
      arbitrary: fc
        .anything()
        .map((v) => JSON.stringify(v))
        .map(maybe('anything')),
      weight: 3,
    },
    { arbitrary: fc.json().map(maybe('json')), weight: 2 },
    {
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, cut]) => {
        const text = JSON.stringify(v)
        const truncated = text.slice(0, cut % Math.max(1, text.length))
        return truncated === '' ? maybe('truncated')(truncated) : refused('truncated')(truncated)
      }),
      weight: 2,
    },
    { arbitrary: valid.map((v) => JSON.stringify(v)).map(maybe('valid')), weight: 2 },
    {
      arbitrary: fc.integer({ min: 500, max: 30_000 }).chain((depth) =>
        fc.constantFrom('[', '{"a":').map((open) => {
          const close = open === '[' ? ']' : '}'
          return refused('deep-json')(open.repeat(depth) + (open === '[' ? '' : '1') + close.repeat(depth))
        }),
      ),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(valid, fc.constantFrom(...INVALID_UTF8), fc.nat()).map(([v, bytes, at]) => {
        const text = Buffer.from(JSON.stringify(v), 'utf8')
        // Inside the first string value, if there is one, so it still looks like JSON.
        const quote = text.indexOf(0x22, text.indexOf(0x3a))
        const where = quote === -1 ? at % (text.length + 1) : quote + 1
        return maybe('invalid-utf8')(
          new Uint8Array(Buffer.concat([text.subarray(0, where), Buffer.from(bytes), text.subarray(where)])),
        )
      }),
      weight: 2,
    },
    {
      arbitrary: fc.integer({ min: 1, max: 8 }).chain((mb) =>
        fc.constantFrom('raw', 'string', 'field').map((shape) => {
          const huge = 'x'.repeat(mb * 1024 * 1024)
          const text = shape === 'raw' ? huge : shape === 'string' ? `"${huge}"` : `{"zzz":"${huge}"}`
          return refused(`huge-${shape}`)(text)
        }),
      ),
      weight: 1,
    },
  ]
  if (fields.length > 0) {
    const required = schema?.required ?? []
    choices.push({
      arbitrary: fc
        .tuple(valid, fc.constantFrom(...fields))
        .chain(([v, [name, field]]) => {
          const object = v as Record<string, unknown>
          const options: fc.Arbitrary<Record<string, unknown>>[] = [
            wrongValue(field).map((wrong) => ({ ...object, [name]: wrong })),
            fc.constant({ ...object, unexpected: 1 }),
          ]
          if (required.includes(name))
            options.push(fc.constant(Object.fromEntries(Object.entries(object).filter(([k]) => k !== name))))
          return fc.oneof(...options)
        })
        .map((v) => refused('wrong-field')(JSON.stringify(v))),
      weight: 4,
    })
    choices.push({
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(...fields.map(([name]) => name)),
          fc.constantFrom('\u0000', 'a\u0000b', '\u0000'.repeat(50)),
        )
        .map(([v, name, nul]) => JSON.stringify({ ...(v as object), [name]: nul }))
        .map(maybe('nul')),
      weight: 2,
    })
  }
  return fc.oneof(...choices)
}

/** One hostile request: a route, a role, filled path and query, a body, a content type and odd headers. */
export function hostileRequest(routes: readonly FuzzRoute[], known: Known): fc.Arbitrary<HostileRequest> {
  return fc.constantFrom(...routes).chain((route) => {
    const hasBody = route.method !== 'GET'
    return fc
      .record({
        role: fc.constantFrom(...ROLES),
        path: fillPath(route.path, known),
        query: route.method === 'GET' ? queryString(route.query) : fc.constant(''),
        body: hasBody
          ? bodies(route, known)
          : fc.constant<Body>({ text: undefined, kind: 'none', mustRefuse: false, json: false }),
        headers: oddHeaders,
        type: fc.oneof(
          { arbitrary: fc.constantFrom(...JSON_TYPES), weight: 6 },
          { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 1 },
        ),
      })
      .map(({ role, path, query, body, headers, type }): HostileRequest => {
        const jsonType = JSON_TYPES.includes(type)
        const all: Record<string, string> = { ...headers }
        if (body.text !== undefined && type !== '') all['content-type'] = type
        const notJson = route.body !== undefined && body.text !== undefined && !jsonType
        return {
          role,
          method: route.method,
          url: path + query,
          headers: all,
          body: body.text,
          kind: jsonType || body.text === undefined ? body.kind : `${body.kind} as ${type || 'no type'}`,
          mustRefuse: body.mustRefuse || notJson,
        }
      })
  })
}
