import type { Context, MiddlewareHandler } from 'hono'
import { DomainError, unauthenticated } from '../../kernel/errors.ts'
import { MAX_SOURCE_BYTES } from '../markdown/limits.ts'
import { mayOnInstance } from '../../people/policy.ts'
import type { Viewer } from '../../people/viewer.ts'
import type { Access } from './contract.ts'
import type { AppEnv } from './env.ts'
import { hasBody } from './request-body.ts'

/**
 * What the public sends at most: a sign-in, sign-up, invitation or password-reset form, whose fields are
 * capped at a few hundred characters (a 200-character password JSON-escaped is 1.2 KB).
 */
export const PUBLIC_BODY_BYTES = 8 * 1024
/** JSON bodies of people signed in: a comment or a decision's response of 10,000 characters, escaped. */
const JSON_BODY_BYTES = 64 * 1024
/** A guide's source in JSON. */
const SOURCE_BODY_BYTES = MAX_SOURCE_BYTES + 64 * 1024
/** A page's form: the pages' own limit (personal-pages.tsx); the upload pages set theirs. */
const FORM_BODY_BYTES = 128 * 1024

/**
 * Where a guide's source is sent, as JSON or as a form (those pages limit their own bodies): an import,
 * a revision and its preview, and an edition's text in a second language.
 */
const TAKES_SOURCE = /^\/api\/guides(\/[^/]+\/editions(\/preview|\/\d+\/translations)?)?$/
const TAKES_SOURCE_FORM = /^\/(guides\/new(\/preview)?|g\/[^/]+\/revise\/(text|blocks\/[^/]+))$/
/** Where an instance file is sent: streamed to disk by the route, for admins only. */
const TAKES_INSTANCE = /^\/(api|admin)\/instance\/restore$/

const PUBLIC_ACCESS: readonly Access[] = ['anyone', 'the first person']

/** What this middleware needs to know of each JSON route (src/api.ts's table). */
export interface RouteNeeds {
  access: Access
  body?: unknown
}

/** The API's routes: a path pattern, and whether the public may call it or send it a body. */
const routeMatcher = (api: Record<string, RouteNeeds>) => {
  const routes = Object.entries(api).map(([key, operation]) => {
    const [method = '', path = ''] = key.split(' ')
    const pattern = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')
    return {
      method,
      pattern: new RegExp(`^${pattern}$`),
      signedInOnly: !PUBLIC_ACCESS.includes(operation.access),
      takesBody: operation.body !== undefined || TAKES_INSTANCE.test(path),
    }
  })
  return (method: string, path: string) =>
    routes.find((route) => route.method === method && route.pattern.test(path))
}

/** How many bytes of body this viewer may send here; undefined where the route sets its own limit. */
function limitFor(viewer: Viewer, path: string): number | undefined {
  if (!viewer.person) return PUBLIC_BODY_BYTES
  if (TAKES_INSTANCE.test(path) && viewer.person.isAdmin) return undefined
  const maySendSource = mayOnInstance(viewer, 'import-guide')
  if (path.startsWith('/api/'))
    return maySendSource && TAKES_SOURCE.test(path) ? SOURCE_BODY_BYTES : JSON_BODY_BYTES
  return maySendSource && TAKES_SOURCE_FORM.test(path) ? undefined : FORM_BODY_BYTES
}

const tooLarge = (viewer: Viewer) =>
  new DomainError(
    'body-too-large',
    viewer.person
      ? 'The request body is too large.'
      : 'The request body is too large for someone not signed in.',
  )

/**
 * Lets the route read at most `maxSize` bytes of body, as it reads them: a declared length over it is
 * refused at once, and a body sent without one fails the read that passes it. Nothing is read ahead, so a
 * route that refuses the viewer before reading reads nothing.
 */
function limitBody(c: Context<AppEnv>, maxSize: number): void {
  const declared = c.req.header('content-length')
  if (declared !== undefined && !c.req.header('transfer-encoding')) {
    if (Number(declared) > maxSize) throw tooLarge(c.get('viewer'))
    // Node's HTTP parser delivers exactly the declared length, so a body within it needs no counting:
    // nearly every request (every comment) skips the wrapping stream below.
    return
  }
  const reader = (c.req.raw.body as ReadableStream<Uint8Array> | null)?.getReader()
  if (!reader) return
  let bytes = 0
  const limited = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) {
          controller.close()
          return
        }
        bytes += value.byteLength
        if (bytes > maxSize) {
          await reader.cancel()
          controller.error(tooLarge(c.get('viewer')))
          return
        }
        controller.enqueue(value)
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  )
  c.req.raw = new Request(c.req.raw, { body: limited, duplex: 'half' })
}

/**
 * Limits every request body by who sends it, before any route reads it, so no one makes the server read
 * more than they may send: the public a few kilobytes, people signed in what their forms and JSON need, and
 * a guide's source or an instance file only from those who may send one. An API route that needs a signed-in
 * viewer answers the public 401 without reading the body at all. Runs after the viewer is known.
 */
export const bodyLimits = (api: Record<string, RouteNeeds>): MiddlewareHandler<AppEnv> => {
  const apiRoute = routeMatcher(api)
  return async (c, next) => {
    // By the method and headers: asking for the body makes @hono/node-server build a whole Web Request
    // (with its AbortSignal), a tenth of a page read's CPU (request-body.ts).
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !hasBody(c)) return next()
    const viewer = c.get('viewer')
    const route = apiRoute(c.req.method, c.req.path)
    if (!viewer.person && route?.signedInOnly) throw unauthenticated()
    const maxSize = limitFor(viewer, c.req.path)
    if (maxSize !== undefined) limitBody(c, maxSize)
    // A route that takes no body never reads one, so its size would go unchecked: read it here, up to the limit.
    if (maxSize !== undefined && route && !route.takesBody) await c.req.arrayBuffer()
    await next()
  }
}
