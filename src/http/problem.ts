import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { DomainError, type FieldError } from '../errors.ts'

export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  code: string
  errors?: FieldError[]
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
}

export const problemResponse = (problem: Problem, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  })

export const makeProblem = (
  status: number,
  code: string,
  detail?: string,
  errors?: FieldError[],
): Problem => ({
  type: `about:blank#${code}`,
  title: TITLES[status] ?? 'Error',
  status,
  code,
  ...(detail === undefined ? {} : { detail }),
  ...(errors && errors.length > 0 ? { errors } : {}),
})

/** PostgreSQL's error codes that mean the request, not the server, was at fault. */
const PG_CONFLICTS: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict', 'That already exists.'],
  '23503': [409, 'conflict', 'That refers to something that does not exist.'],
  '40001': [409, 'conflict', 'Someone else changed this at the same time; try again.'],
  '22021': [400, 'not-text', 'The request contains bytes that are not text.'],
}
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '53300'])

/** Turns any thrown error into problem+json. Unknown errors are a 500 with no detail, logged. */
export function toProblemResponse(error: unknown, c: Context): Response {
  if (error instanceof DomainError) {
    return problemResponse(makeProblem(error.status, error.code, error.message, error.errors), error.headers)
  }
  if (error instanceof HTTPException) {
    return problemResponse(makeProblem(error.status, `http-${error.status}`, error.message || undefined))
  }
  const pgCode = (error as { code?: unknown }).code
  if (typeof pgCode === 'string') {
    const known = PG_CONFLICTS[pgCode]
    if (known) return problemResponse(makeProblem(known[0], known[1], known[2]))
    if (PG_UNAVAILABLE.has(pgCode) || pgCode === 'ECONNREFUSED' || pgCode === 'ECONNRESET') {
      return problemResponse(
        makeProblem(503, 'database-unavailable', 'The database is not answering; try again shortly.'),
        {
          'retry-after': '2',
        },
      )
    }
  }
  console.error(`[${c.get('requestId')}]`, error)
  return problemResponse(makeProblem(500, 'internal', undefined))
}
