import type { CommentView } from '../comment.service.ts'
import { ButtonForm, TextArea } from '../../site/form.tsx'
import { Redline } from '../../site/redline.tsx'
import { trimRedline } from '../../lineage/redline-trim.ts'
import { actionPath } from '../urls.ts'
import type { FormState } from './comment-forms.tsx'

const agreeing = (count: number) => (count === 1 ? '1 person agrees' : `${String(count)} people agree`)

/**
 * A suggestion's wording, as changes to its paragraph: what the editors would take in. The paragraph is
 * on the page above, so for quoted words only a few words either side of the change are shown.
 */
export const SuggestedWording = (p: { comment: CommentView }) =>
  p.comment.proposalRedline ? (
    <div class="suggested-wording">
      <p class="suggested-wording-label">
        <strong>{p.comment.quote ? 'Suggested wording for the words quoted:' : 'Suggested wording:'}</strong>
      </p>
      <Redline
        parts={p.comment.quote ? trimRedline(p.comment.proposalRedline) : p.comment.proposalRedline}
        label={
          p.comment.quote ? 'Suggested wording for the words quoted' : 'Suggested wording for the paragraph'
        }
      />
    </div>
  ) : null

/**
 * How many agree, and for someone who may agree, the one button that agrees or takes it back: the form
 * says which it sends, so sending it twice does not undo it.
 */
export const AgreementForm = (p: FormState & { comment: CommentView; may: boolean }) => {
  const count = p.comment.agreements
  if (!p.may) return count > 0 ? <p class="agreements muted">{agreeing(count)}</p> : null
  return (
    <div class="agreement">
      {count > 0 ? <span class="agreements muted">{agreeing(count)}</span> : null}
      <ButtonForm
        action={actionPath(p.place, p.comment.id, 'agree')}
        label={p.comment.agreed ? 'Take back your agreement' : `Agree with ${p.comment.author.displayName}`}
        hidden={{ agree: p.comment.agreed ? 'no' : 'yes', ...(p.cursor ? { cursor: p.cursor } : {}) }}
        variant="secondary"
      />
    </div>
  )
}

/**
 * For the guide's editors: take a suggestion's wording into the working draft and accept it, with a
 * response. When its words were changed in the draft meanwhile, the form comes back saying so, with the
 * paragraph as the draft has it now.
 */
export const AcceptForm = (p: FormState & { comment: CommentView }) => {
  const name = `accept-${p.comment.id}`
  const failed = p.failed?.form === name ? p.failed : undefined
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        Accept<span class="visually-hidden"> the wording suggested by {p.comment.author.displayName}</span>
      </summary>
      {failed ? (
        <div class="notice" role="alert">
          <p>{failed.problems.message}</p>
          {failed.current === undefined ? null : (
            <>
              <p>The paragraph in the working draft now reads:</p>
              <blockquote class="current-text" dir="auto">
                {failed.current}
              </blockquote>
            </>
          )}
        </div>
      ) : null}
      <form method="post" action={actionPath(p.place, p.comment.id, 'accept')} class="form">
        {p.cursor ? <input type="hidden" name="cursor" value={p.cursor} /> : null}
        <TextArea
          prefix={`${name}-`}
          name="response"
          label="Your response to its author (optional)"
          hint="Left empty, it says: Thank you: we have taken your wording into the next edition."
          value={failed?.values.response}
          rows={3}
          maxlength={10000}
          problems={failed?.problems}
        />
        <button type="submit" class="button">
          Take this wording into the working draft
        </button>
      </form>
    </details>
  )
}
