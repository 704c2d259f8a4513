import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  ERROR_CODES,
  isErrorCode,
  problemType,
  type ErrorCode,
  type ProblemCode,
} from '../../kernel/error-codes.ts'
import { DomainError, type FieldError } from '../../kernel/errors.ts'
import { logger } from '../log.ts'
import { problemTitle } from '../i18n/problem-words.ts'
import { loggablePath } from './request-log.ts'

export interface Problem {
  /** A reference to /problems/<code>, the page that says what the code means. */
  type: string
  title: string
  status: number
  detail?: string
  code: ProblemCode
  errors?: FieldError[]
}

export const problemResponse = (problem: Problem, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  })

/** The status a code stands for: the catalogue's, or the one in Hono's `http-<status>`. */
const statusOf = (code: ProblemCode): number =>
  isErrorCode(code) ? ERROR_CODES[code].status : Number(code.slice(5))

export const makeProblem = (code: ProblemCode, detail?: string, errors?: FieldError[]): Problem => {
  const status = statusOf(code)
  return {
    type: problemType(code),
    // English here; the viewer's language is put in on the way out (problem-language.ts).
    title: problemTitle('en', status),
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...(errors && errors.length > 0 ? { errors } : {}),
  }
}

/** PostgreSQL's error codes that mean the request, not the server, was at fault. */
const PG_CONFLICTS: Record<string, [ErrorCode, string]> = {
  '23505': ['conflict', 'That already exists.'],
  '23503': ['conflict', 'That refers to something that does not exist.'],
  '40001': ['conflict', 'Someone else changed this at the same time; try again.'],
  '22021': ['not-text', 'The request contains bytes that are not text.'],
}

/**
 * Whether an error means the database is away (restarting, refusing connections, out of connection
 * slots or cut off), so that the request can simply be tried again: SQLSTATE class 08 (connection
 * exception), 57P01-57P03 (shutting down, crashed, starting up), 53300 (too many connections), the
 * socket errors of connecting, and what pg and its pool say when a connection is lost or never came.
 */
export function databaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
    if (PG_LOST_CONNECTION.some((pattern) => pattern.test(e.message))) return true
    if (e instanceof AggregateError && e.errors.some(databaseUnavailable)) return true
  }
  return false
}
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])
/** pg's own messages, which carry no code. */
const PG_LOST_CONNECTION = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
]
/** Seconds a client waits before trying again: a restarting database is usually back by then. */
const RETRY_AFTER_SECONDS = '2'

/**
 * Turns any thrown error into problem+json, carrying the request's id (X-Request-Id) so that whoever
 * reports a failure can name the log line about it. Unknown errors are a 500 with no detail, logged
 * with their stack and that id.
 */
export function toProblemResponse(error: unknown, c: Context): Response {
  const response = problemFor(error, c)
  const id = c.get('requestId') as string | undefined
  if (id) response.headers.set('x-request-id', id)
  return response
}

function problemFor(error: unknown, c: Context): Response {
  if (error instanceof DomainError) {
    return problemResponse(
      { ...error.extensions, ...makeProblem(error.code, error.message, error.errors) },
      error.headers,
    )
  }
  if (error instanceof HTTPException) {
    return problemResponse(makeProblem(`http-${error.status}`, error.message || undefined))
  }
  const pgCode = (error as { code?: unknown }).code
  const known = typeof pgCode === 'string' ? PG_CONFLICTS[pgCode] : undefined
  if (known) return problemResponse(makeProblem(known[0], known[1]))
  if (databaseUnavailable(error)) {
    logger.warn({ err: error, requestId: c.get('requestId') }, 'the database is not answering')
    return problemResponse(
      makeProblem('database-unavailable', 'The database is not answering; try again shortly.'),
      { 'retry-after': RETRY_AFTER_SECONDS },
    )
  }
  logger.error(
    {
      err: error,
      requestId: c.get('requestId'),
      method: c.req.method,
      path: loggablePath(c.req.path),
    },
    'unexpected error',
  )
  return problemResponse(makeProblem('internal'))
}
