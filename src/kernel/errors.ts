import { ERROR_CODES, type ErrorCode } from './error-codes.ts'

/** A pointer into the request body and what is wrong there (RFC 9457 extension used across the API). */
export interface FieldError {
  pointer: string
  detail: string
}

/**
 * A failure the person asking can act on. It names a code from the catalogue (error-codes.ts), which
 * gives its HTTP status, and is turned into application/problem+json in one place (see
 * platform/http/problem.ts).
 */
export class DomainError extends Error {
  readonly code: ErrorCode
  readonly status: (typeof ERROR_CODES)[ErrorCode]['status']
  readonly errors: FieldError[]
  readonly headers: Record<string, string>

  constructor(code: ErrorCode, message: string, errors?: FieldError[], headers?: Record<string, string>)
  /**
   * @deprecated Name the code alone: its status comes from the catalogue. Kept only until the files
   * being edited elsewhere while the catalogue landed are committed; the status given is ignored.
   */
  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    errors?: FieldError[],
    headers?: Record<string, string>,
  )
  constructor(...args: [unknown, ...unknown[]]) {
    const [code, message, errors = [], headers = {}] = (
      typeof args[0] === 'number' ? args.slice(1) : args
    ) as [ErrorCode, string, FieldError[]?, Record<string, string>?]
    super(message)
    this.name = 'DomainError'
    this.code = code
    this.status = ERROR_CODES[code].status
    this.errors = errors
    this.headers = headers
  }
}

export const invalid = (message: string, errors: FieldError[] = []) =>
  new DomainError('invalid', message, errors)
export const badRequest = (message: string, errors: FieldError[] = []) =>
  new DomainError('bad-request', message, errors)
export const notFound = (what: string) => new DomainError('not-found', `${what} was not found.`)
export const conflict = (message: string) => new DomainError('conflict', message)
export const forbidden = (message = 'You may not do this.') => new DomainError('forbidden', message)
export const unauthenticated = (message = 'Sign in first.') => new DomainError('unauthenticated', message)
export const tooLarge = (message: string) => new DomainError('too-large', message)
