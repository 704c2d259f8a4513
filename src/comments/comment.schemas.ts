import { z } from 'zod'
import { IdString } from '../http/ids.ts'

const QuoteInput = z.strictObject({
  exact: z.string().min(1, 'Quote at least one character.').max(2000),
  prefix: z.string().max(200).optional(),
  suffix: z.string().max(200).optional(),
})

const body = z
  .string()
  .trim()
  .min(1, 'Write something first.')
  .max(10000, 'Keep a comment under 10,000 characters.')

export const NewComment = z.strictObject({
  kind: z.enum(['comment', 'reflection', 'example']),
  body,
  quote: QuoteInput.nullable().optional(),
  parentId: IdString.nullable().optional(),
})

export const CommentEdit = z.strictObject({
  kind: z.enum(['comment', 'reflection', 'example']).optional(),
  body: body.optional(),
  quote: QuoteInput.nullable().optional(),
})

export const NewFlag = z.strictObject({ reason: z.string().trim().min(1, 'Say what is wrong.').max(1000) })
export const Hide = z.strictObject({
  reason: z.string().trim().min(1, 'Give the author a reason.').max(1000),
})

/** The Idempotency-Key header: any client-chosen id up to 200 printable characters. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'Use up to 200 printable characters.')
