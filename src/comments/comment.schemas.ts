import { z } from 'zod'
import { COMMENT_KINDS } from '../kernel/words.ts'
import { IdString } from '../kernel/ids.ts'

/**
 * Words PostgreSQL can keep: text (and jsonb, which holds a quote) refuses NUL, and a lone surrogate is
 * no character at all, stored as U+FFFD in text and refused in jsonb. Refused here, by name, rather than
 * by the database after the request has been half done.
 */
const words = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), 'Leave out NUL characters: they are not text.')
    .refine((value) => !/\p{Cs}/u.test(value), 'This is not well-formed Unicode text.')

const QuoteInput = z.strictObject({
  exact: words().min(1, 'Quote at least one character.').max(2000),
  prefix: words().max(200).optional(),
  suffix: words().max(200).optional(),
})

const body = words()
  .trim()
  .min(1, 'Write something first.')
  .max(10000, 'Keep a comment under 10,000 characters.')

const Kind = z.enum(COMMENT_KINDS)

export const NewComment = z.strictObject({
  kind: Kind,
  body,
  quote: QuoteInput.nullable().optional(),
  parentId: IdString.nullable().optional(),
})

export const CommentEdit = z.strictObject({
  kind: Kind.optional(),
  body: body.optional(),
  quote: QuoteInput.nullable().optional(),
})

export const NewFlag = z.strictObject({
  reason: words().trim().min(1, 'Say what is wrong.').max(1000),
})
export const Hide = z.strictObject({
  reason: words().trim().min(1, 'Give the author a reason.').max(1000),
})

/** The Idempotency-Key header: any client-chosen id up to 200 printable characters. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'Use up to 200 printable characters.')
