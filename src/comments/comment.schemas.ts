// The web client takes its types from here (web/api.ts): keep this file to zod and kernel/ words.
import { z } from '@hono/zod-openapi'
import { COMMENT_KINDS, COMMENT_STATES, DECISIONS, PLACED_BY, QUOTE_STATUSES } from '../kernel/words.ts'
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

/** A quote as stored and answered: the words, and a little of what came before and after them. */
const Quote = z.object({ exact: z.string(), prefix: z.string().optional(), suffix: z.string().optional() })

/** A comment as every client sees it (SPEC.md's shape): ids as strings, the author as names allow. */
export const CommentView = z
  .object({
    id: z.string(),
    kind: Kind,
    body: z.string(),
    html: z.string(),
    quote: Quote.nullable(),
    parentId: z.string().nullable(),
    blockKey: z.string().nullable(),
    edition: z.number().int(),
    author: z.object({ id: z.string().nullable(), displayName: z.string(), organisation: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    edited: z.boolean(),
    state: z.enum(COMMENT_STATES),
    /** To its author and the guide's moderators only. */
    hiddenReason: z.string().nullable().optional(),
    mine: z.boolean(),
    /** A top-level comment's decision; null on a reply. */
    decision: z
      .object({
        decision: z.enum(DECISIONS),
        response: z.string(),
        duplicateOf: z.string().nullable(),
        decidedAt: z.string().nullable(),
        /** True on a decision its editors have not released yet: only they are shown it. */
        draft: z.literal(true).optional(),
      })
      .nullable(),
    /** Present when the comment was written on an earlier edition and carried to this paragraph. */
    writtenOn: z
      .object({
        edition: z.number().int(),
        number: z.string(),
        text: z.string(),
        redline: z
          .array(z.object({ text: z.string(), change: z.enum(['del', 'ins']).optional() }))
          .nullable(),
      })
      .optional(),
    /**
     * On a comment carried from an earlier edition: the block it shows on here (null: under "comments on
     * removed text"), whether lineage or an editor put it there, and where its quoted words were found.
     */
    anchor: z
      .object({
        blockKey: z.string().nullable(),
        placedBy: z.enum(PLACED_BY),
        quote: Quote.extend({ status: z.enum(QUOTE_STATUSES) }).nullable(),
      })
      .optional(),
  })
  .openapi('Comment')
export type CommentView = z.infer<typeof CommentView>

/** A page of a thread or an edition's comments, oldest first. */
export const CommentPage = z.object({ items: z.array(CommentView), next: z.string().nullable() })
export type CommentPage = z.infer<typeof CommentPage>

/** The margin counts of an edition and what this viewer may do there. */
export const Counts = z.object({
  counts: z.record(z.string(), z.number().int()),
  /** The edition's event position the counts stand at: open the event stream from it (`?lastEventId=`). */
  position: z.number().int(),
  general: z.number().int(),
  removed: z.number().int(),
  /** Each block's quoted phrases, with the published comments quoting each, for the reading page's highlights. */
  quotes: z.record(
    z.string(),
    z.array(
      z.object({
        exact: z.string(),
        prefix: z.string().optional(),
        suffix: z.string().optional(),
        commentIds: z.array(z.string()),
      }),
    ),
  ),
  mayEdit: z.boolean(),
  takesComments: z.boolean(),
  mayComment: z.boolean(),
  signedIn: z.boolean(),
})
export type Counts = z.infer<typeof Counts>
