import { z } from 'zod'

/**
 * Words PostgreSQL can keep: text (and jsonb, which holds a quote) refuses NUL, and a lone surrogate is
 * no character at all, stored as U+FFFD in text and refused in jsonb. Refused when the request is read,
 * by name, rather than by the database after the request has been half done (a route that opens a
 * working draft before it writes, say).
 */
export const storableText = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), 'Leave out NUL characters: they are not text.')
    .refine((value) => !/\p{Cs}/u.test(value), 'This is not well-formed Unicode text.')
