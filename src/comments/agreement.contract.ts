import { declare, json, problem } from '../platform/http/contract.ts'
import { CommentParams } from './comment.contract.ts'
import { CommentView } from './comment.schemas.ts'

const answers = {
  200: json(CommentView, 'The comment, with `agreements` and whether you agree (`agreed`)'),
  403: problem('Your own comment, or a consultation you take no part in'),
  409: problem('The consultation is closed'),
  429: problem('Too many agreements from this person or address: see Retry-After'),
}

/** Agreeing with someone else's comment or suggestion (SPEC.md, "Suggested wording and agreement"). */
export const agreementContract = {
  agree: declare({
    method: 'put',
    path: '/comments/{id}/agreement',
    tag: 'comments',
    summary: "Agree with someone else's comment or suggestion (once, however often asked)",
    access: 'people taking part in the guide',
    request: { params: CommentParams },
    responses: answers,
  }),
  disagree: declare({
    method: 'delete',
    path: '/comments/{id}/agreement',
    tag: 'comments',
    summary: 'Take back your agreement with a comment',
    access: 'people taking part in the guide',
    request: { params: CommentParams },
    responses: answers,
  }),
}
