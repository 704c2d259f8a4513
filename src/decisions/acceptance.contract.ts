import { z } from '@hono/zod-openapi'
import { body, declare, json, problem } from '../platform/http/contract.ts'
import { CommentParams } from '../comments/comment.contract.ts'
import { CommentView } from '../comments/comment.schemas.ts'
import { storableText } from '../kernel/storable-text.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export const AcceptanceInput = z.strictObject({
  response: storableText().trim().max(10_000, fieldMessage('field.responseLong')).optional(),
  /** Kept among the editors until released, as a decision can be; left out, as the guide's setting says. */
  draft: z.boolean().optional(),
})

const Accepted = z
  .object({
    comment: CommentView,
    /** The working draft's block that now carries the suggested wording. */
    block: z.object({ ordinal: z.number().int(), number: z.string(), markdown: z.string() }),
  })
  .openapi('Acceptance')

/** An editor taking a suggestion's wording into the working draft in one action. */
export const acceptanceContract = {
  accept: declare({
    method: 'post',
    path: '/comments/{id}/acceptance',
    tag: 'decisions',
    summary:
      "Accept a suggestion: its wording goes into the guide's working draft and its decision becomes accepted, with your response",
    access: 'editors of the guide',
    request: { params: CommentParams, body: { ...body(AcceptanceInput), required: false } },
    responses: {
      200: json(Accepted, 'The suggestion, accepted, and the draft block it changed'),
      409: problem(
        'Not a suggestion, accepted already, its words are no longer in the working draft, or they cannot go in without losing formatting or a footnote call the paragraph keeps (`currentText` holds the paragraph as it is)',
      ),
    },
  }),
}
