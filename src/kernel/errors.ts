/** A pointer into the request body and what is wrong there (RFC 9457 extension used across the API). */
export interface FieldError {
  pointer: string
  detail: string
}

/**
 * A failure the person asking can act on. Each carries its HTTP status and a stable code, and is turned
 * into application/problem+json in one place (see http/problem.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 412 | 413 | 415 | 422 | 428 | 429 | 503,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const invalid = (message: string, errors: FieldError[] = []) =>
  new DomainError(422, 'invalid', message, errors)
export const badRequest = (message: string, errors: FieldError[] = []) =>
  new DomainError(400, 'bad-request', message, errors)
export const notFound = (what: string) => new DomainError(404, 'not-found', `${what} was not found.`)
export const conflict = (message: string) => new DomainError(409, 'conflict', message)
export const forbidden = (message = 'You may not do this.') => new DomainError(403, 'forbidden', message)
export const unauthenticated = (message = 'Sign in first.') =>
  new DomainError(401, 'unauthenticated', message)
export const tooLarge = (message: string) => new DomainError(413, 'too-large', message)
