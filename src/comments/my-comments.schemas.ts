import { z } from '@hono/zod-openapi'
import {
  COMMENT_KINDS,
  COMMENT_STATES,
  DECISIONS,
  EDITION_STATES,
  LINEAGE_CHANGES,
  PLACED_BY,
} from '../kernel/words.ts'

const Redline = z.array(z.object({ text: z.string(), change: z.enum(['del', 'ins']).optional() }))

/** One of my comments, as "what happened to my comments" shows it. */
export const MyComment = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    kind: z.enum(COMMENT_KINDS),
    body: z.string(),
    html: z.string(),
    quote: z
      .object({ exact: z.string(), prefix: z.string().optional(), suffix: z.string().optional() })
      .nullable(),
    state: z.enum(COMMENT_STATES),
    hiddenReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    guide: z.object({ slug: z.string(), title: z.string(), lang: z.string() }),
    edition: z.object({ number: z.number().int(), state: z.enum(EDITION_STATES) }),
    block: z
      .object({
        key: z.string(),
        number: z.string(),
        firstWords: z.string(),
        /** The language of `firstWords`: the reader's where the edition has a text in it, else the guide's. */
        lang: z.string(),
      })
      .nullable(),
    thread: z.string(),
    decision: z
      .object({
        decision: z.enum(DECISIONS),
        label: z.string(),
        response: z.string(),
        decidedAt: z.string().nullable(),
        duplicateOf: z.object({ id: z.string(), thread: z.string().nullable() }).nullable(),
      })
      .nullable(),
    /** What became of the comment's paragraph in the newest edition I may read that carries it. */
    change: z
      .object({
        edition: z.number().int(),
        editionState: z.enum(EDITION_STATES),
        lineage: z.enum(LINEAGE_CHANGES),
        block: z.object({ key: z.string(), number: z.string() }).nullable(),
        removedIn: z.number().int().nullable(),
        /** `editor` when an editor placed the comment there by hand, rather than lineage. */
        placedBy: z.enum(PLACED_BY),
        redline: Redline.nullable(),
        links: z.object({ block: z.string(), report: z.string().nullable() }),
      })
      .nullable(),
    /** A suggestion's wording as a redline of its paragraph, and the edition it was taken into, if any. */
    suggestion: z
      .object({
        redline: Redline,
        accepted: z.boolean(),
        takenInto: z.number().int().nullable(),
        /** Accepted by taking its wording into a working draft (else by a decision alone, the text edited by hand). */
        intoDraft: z.boolean(),
      })
      .nullable(),
  })
  .openapi('MyComment')

/** A page of my comments, with counts per decision over all of them. */
export const MyComments = z.object({
  items: z.array(MyComment),
  next: z.string().nullable(),
  summary: z.object({
    comments: z.number().int(),
    replies: z.number().int(),
    decisions: z.array(z.object({ decision: z.enum(DECISIONS), label: z.string(), count: z.number().int() })),
  }),
})
