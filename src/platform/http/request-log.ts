import type { MiddlewareHandler } from 'hono'
import { logger, writeInfoLine } from '../log.ts'
import type { AppEnv } from './env.ts'
import { routePattern } from './route-pattern.ts'

/**
 * Path segments that are secrets: an invitation's, a password reset's or an unsubscribe link's token is the whole of its
 * right, and a log is read by more people than may use it. Ids in the same place (a guide's
 * `/invitations/:id/revoke`) go too: losing them costs less than a rule that tells ids from tokens.
 */
const SECRET_AFTER = /(^|\/)(invitations|password-resets|reset|feeds|unsubscribe)\/[^/]+/g

/** Long enough for any address Gloss makes; a hostile one does not fill the log. */
const MAX_PATH = 512

/** A request's path as the log may keep it: tokens replaced, and never the query string (feeds carry theirs there). */
export function loggablePath(path: string): string {
  const redacted = path.split('?')[0]?.replace(SECRET_AFTER, '$1$2/[redacted]') ?? ''
  return redacted.length > MAX_PATH ? `${redacted.slice(0, MAX_PATH)}…` : redacted
}

/** What the log keeps of one answered request. */
export interface AnsweredRequest {
  requestId: string
  method: string
  /** The path as received; loggablePath takes its secrets out. */
  path: string
  route: string
  status: number
  durationMs: number
  viewerId?: number | undefined
}

/**
 * One line per request once it is answered: its id (the X-Request-Id header the client got), method,
 * path, the route that answered, status, milliseconds to the response's head (an event stream's time
 * is until it opened), and the signed-in person's id (a number that names nobody to a log reader).
 * Never a header, a cookie or a body. Pages answered from the front cache (front-cache.ts) are logged here too.
 */
export function logRequest(
  answered: AnsweredRequest,
  /** placeMembers(answered.path, answered.route), when the caller keeps it (the front cache, per page). */
  place?: string,
): void {
  // Nothing is made for a line no one writes: with info off, a read from the front cache spent a
  // tenth of its time redacting a path for the bin.
  if (logger.isLevelEnabled('info')) writeInfoLine(requestMembers(answered, place), 'request')
}

/** The members of a request's line its path and route decide: the same for every answer of a kept page. */
export const placeMembers = (path: string, route: string): string =>
  `"path":${JSON.stringify(loggablePath(path))},"route":${JSON.stringify(route)}`

/** logRequest's members of the line, as JSON: what pino would write for them (log.ts, infoLine). */
export function requestMembers(
  answered: AnsweredRequest,
  place = placeMembers(answered.path, answered.route),
): string {
  const viewer = answered.viewerId === undefined ? '' : `,"viewerId":${answered.viewerId}`
  return (
    `"requestId":${JSON.stringify(answered.requestId)},"method":${JSON.stringify(answered.method)},${place},` +
    `"status":${answered.status},"durationMs":${Math.round(answered.durationMs * 10) / 10}${viewer}`
  )
}

/** logRequest for every request the app answers. */
export const requestLog = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  logRequest({
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    route: routePattern(c),
    status: c.res.status,
    durationMs: performance.now() - started,
    // Unset for health checks and metrics, which answer before anyone is looked up.
    viewerId: (c.get('viewer') as AppEnv['Variables']['viewer'] | undefined)?.person?.id,
  })
}
