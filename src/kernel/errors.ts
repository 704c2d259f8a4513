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
  readonly status: (typeof ERROR_CODES)[ErrorCode]['status']

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
    /** Members added to the problem beside the standard ones (a 409's `currentText`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'DomainError'
    this.status = ERROR_CODES[code].status
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
