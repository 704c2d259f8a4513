import { z } from 'zod'

/**
 * The one schema for words a person writes (a comment, a title, a name, a response, a guide's text):
 * every request body field and no-script form field that takes them starts from it, so each refuses
 * what PostgreSQL cannot keep with a 422 naming the field. Its messages are the catalogue's
 * `field.nulCharacters` and `field.unicode` (kernel/ imports nothing of ours, so they are found again by
 * their English words, field-messages.ts; test/unit/storable-text.test.ts holds them to the catalogue).
 *
 * Words PostgreSQL can keep: text (and jsonb, which holds a quote) refuses NUL, and a lone surrogate is
 * no character at all, stored as U+FFFD in text and refused in jsonb. Refused when the request is read,
 * by name, rather than by the database after the request has been half done (a route that opens a
 * working draft before it writes, say).
 */
export const storableText = (notText?: string) =>
  z
    .string(notText)
    .refine((value) => !value.includes('\u0000'), 'Leave out NUL characters: they are not text.')
    .refine((value) => !/\p{Cs}/u.test(value), 'This is not well-formed Unicode text.')
