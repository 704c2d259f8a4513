import { z } from '@hono/zod-openapi'
import { DECISIONS } from '../kernel/words.ts'
import { IdString } from '../kernel/ids.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { storableText } from '../kernel/storable-text.ts'

const commentId = IdString

/**
 * Kept among the guide's editors until released (`true`), or public at once (`false`); left out, as
 * the guide's `publishByDefault` setting says.
 */
const draft = z.boolean().optional()

export const DecisionInput = z.strictObject({
  decision: z.enum(DECISIONS),
  response: storableText().trim().max(10_000, fieldMessage('field.responseLong')),
  duplicateOf: commentId.optional(),
  draft,
})

/** Several comments at once, one decision and response for them all. */
export const BulkDecisionInput = z.strictObject({
  commentIds: z.array(commentId).min(1, fieldMessage('field.chooseComments')).max(500),
  decision: z.enum(DECISIONS),
  response: storableText().trim().max(10_000, fieldMessage('field.responseLong')),
  duplicateOf: commentId.optional(),
  draft,
})

export type DecisionInput = z.infer<typeof DecisionInput>

/** One decision of a comment's history, oldest first. */
export const DecisionRecord = z.object({
  id: z.string(),
  decision: z.enum(DECISIONS),
  response: z.string(),
  duplicateOf: z.string().nullable(),
  decidedAt: z.string(),
  decidedByName: z.string(),
})

/** The comments one bulk decision reached. */
export const Decided = z.object({ decided: z.array(z.string()) })

/** Which of a guide's draft decisions to release: all of them without `ids`. */
export const ReleaseInput = z.strictObject({
  ids: z.array(commentId).min(1, fieldMessage('field.chooseDrafts')).max(500).optional(),
})

/** The comments whose decisions were released, now public. */
export const Released = z.object({ released: z.array(z.string()) })
