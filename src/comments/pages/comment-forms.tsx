import { randomUUID } from 'node:crypto'
import { KIND_HINTS, KIND_LABELS } from '../../kernel/kind-label.ts'
import { COMMENT_KINDS } from '../../kernel/words.ts'
import type { CommentView } from '../comment.service.ts'
import { ButtonForm, errorFor, Field, TextArea, type FormProblems } from '../../site/form.tsx'
import { actionPath, postPath, type ThreadPlace } from '../urls.ts'

/**
 * A form on the thread page the server refused and gives back: `new` (the form at the foot), or
 * `reply-<id>`, `edit-<id>`, `flag-<id>`, `hide-<id>` for a form under comment <id>. Its field ids are
 * prefixed with its name, so the error summary's links reach the right form among many.
 */
export interface FailedForm {
  form: string
  values: Record<string, string>
  problems: FormProblems
}

/** What each form shows for a comment, and what it gives back when it was the one refused. */
export interface FormState {
  place: ThreadPlace
  /** The page of comments the form is on, kept so the person comes back to it. */
  cursor?: string | undefined
  failed?: FailedForm | undefined
}

const KINDS = COMMENT_KINDS.map((value) => ({ value, label: KIND_LABELS[value], hint: KIND_HINTS[value] }))

/** The failed form's values and problems when `name` is that form; else nothing. */
const refused = (state: FormState, name: string) => (state.failed?.form === name ? state.failed : undefined)

const Hidden = ({ name, value }: { name: string; value: string | undefined }) =>
  value === undefined ? null : <input type="hidden" name={name} value={value} />

/** A fresh token per rendered form: the same form sent twice makes one comment (postComment's idempotency). */
const token = (values: Record<string, string> | undefined) =>
  values?.idempotency && /^[\x21-\x7e]{1,200}$/.test(values.idempotency) ? values.idempotency : randomUUID()

export const KindChoice = (p: { prefix: string; value?: string | undefined; problems?: FormProblems }) => {
  const error = errorFor(p.problems, 'kind')
  const chosen = KINDS.some((k) => k.value === p.value) ? p.value : 'comment'
  return (
    <fieldset
      class={error ? 'field field-invalid kind-choice' : 'field kind-choice'}
      aria-describedby={error ? `${p.prefix}kind-error` : undefined}
    >
      <legend>Kind</legend>
      {error ? (
        <p class="field-error" id={`${p.prefix}kind-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {KINDS.map((k, index) => {
        const id = index === 0 ? `${p.prefix}kind` : `${p.prefix}kind-${k.value}`
        return (
          <div class="choice">
            <input type="radio" id={id} name="kind" value={k.value} checked={chosen === k.value} />
            <label for={id}>
              {k.label} <span class="muted">({k.hint})</span>
            </label>
          </div>
        )
      })}
    </fieldset>
  )
}

const BODY_HINT =
  'You can use a little Markdown: *emphasis*, **strong**, links, lists and > quotes. At most 10,000 characters.'

/** The form at the foot of the thread: a new comment, with a quote from the paragraph on a block's thread. */
export const NewCommentForm = (p: FormState) => {
  const failed = refused(p, 'new')
  const values = failed?.values ?? {}
  const quotes = p.place.blockKey !== null
  return (
    <form method="post" action={postPath(p.place)} class="form comment-form">
      <input type="hidden" name="idempotency" value={token(failed?.values)} />
      <Hidden name="cursor" value={p.cursor} />
      <KindChoice prefix="new-" value={values.kind} problems={failed?.problems} />
      <TextArea
        prefix="new-"
        name="body"
        label={quotes ? 'Your comment' : 'Your comment on this edition as a whole'}
        hint={BODY_HINT}
        value={values.body}
        rows={6}
        maxlength={10000}
        required
        problems={failed?.problems}
      />
      {quotes ? (
        <Field
          prefix="new-"
          name="quote"
          label="Words you are responding to (optional, copied exactly from the paragraph)"
          value={values.quote}
          maxlength={2000}
          problems={failed?.problems}
        />
      ) : null}
      <button type="submit" class="button">
        Post comment
      </button>
    </form>
  )
}

/** The forms under one comment, each folded in a <details> until used (open when it was refused). */
export const ReplyForm = (p: FormState & { comment: CommentView }) => {
  const name = `reply-${p.comment.id}`
  const failed = refused(p, name)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        Reply<span class="visually-hidden"> to {p.comment.author.displayName}</span>
      </summary>
      <form method="post" action={postPath(p.place)} class="form">
        <input type="hidden" name="idempotency" value={token(failed?.values)} />
        <input type="hidden" name="parentId" value={p.comment.id} />
        <Hidden name="cursor" value={p.cursor} />
        <KindChoice prefix={`${name}-`} value={failed?.values.kind} problems={failed?.problems} />
        <TextArea
          prefix={`${name}-`}
          name="body"
          label="Your reply"
          hint={BODY_HINT}
          value={failed?.values.body}
          rows={4}
          maxlength={10000}
          required
          problems={failed?.problems}
        />
        <button type="submit" class="button">
          Post reply
        </button>
      </form>
    </details>
  )
}

export const EditForm = (p: FormState & { comment: CommentView }) => {
  const name = `edit-${p.comment.id}`
  const failed = refused(p, name)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        Edit<span class="visually-hidden"> your comment</span>
      </summary>
      <form method="post" action={actionPath(p.place, p.comment.id, 'edit')} class="form">
        <Hidden name="cursor" value={p.cursor} />
        <KindChoice
          prefix={`${name}-`}
          value={failed?.values.kind ?? p.comment.kind}
          problems={failed?.problems}
        />
        <TextArea
          prefix={`${name}-`}
          name="body"
          label="Your comment"
          hint="The earlier wording is kept in the record, and the comment shows as edited."
          value={failed?.values.body ?? p.comment.body}
          rows={6}
          maxlength={10000}
          required
          problems={failed?.problems}
        />
        <button type="submit" class="button">
          Save changes
        </button>
      </form>
    </details>
  )
}

/** A form with one reason field: flagging (for the editors) and hiding (for the author). */
const ReasonForm = (
  p: FormState & {
    comment: CommentView
    action: 'flag' | 'hide'
    summary: string
    label: string
    hint: string
    button: string
    variant?: 'danger'
  },
) => {
  const name = `${p.action}-${p.comment.id}`
  const failed = refused(p, name)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        {p.summary}
        <span class="visually-hidden"> the comment by {p.comment.author.displayName}</span>
      </summary>
      <form method="post" action={actionPath(p.place, p.comment.id, p.action)} class="form">
        <Hidden name="cursor" value={p.cursor} />
        <Field
          prefix={`${name}-`}
          name="reason"
          label={p.label}
          hint={p.hint}
          value={failed?.values.reason}
          maxlength={1000}
          required
          problems={failed?.problems}
        />
        <button type="submit" class={p.variant ? `button button-${p.variant}` : 'button'}>
          {p.button}
        </button>
      </form>
    </details>
  )
}

export const FlagForm = (p: FormState & { comment: CommentView }) => (
  <ReasonForm
    {...p}
    action="flag"
    summary="Flag"
    label="What is wrong with this comment?"
    hint="The guide's editors read this; its author does not."
    button="Send to the editors"
  />
)

export const HideForm = (p: FormState & { comment: CommentView }) => (
  <ReasonForm
    {...p}
    action="hide"
    summary="Hide"
    label="Why it is hidden"
    hint="Its author sees this reason. The comment stays in the record."
    button="Hide comment"
    variant="danger"
  />
)

export const WithdrawForm = (p: FormState & { comment: CommentView }) => (
  <ButtonForm
    action={actionPath(p.place, p.comment.id, 'withdraw')}
    label="Withdraw"
    hidden={p.cursor ? { cursor: p.cursor } : {}}
    variant="secondary"
  />
)

/** Restores a hidden comment, or approves one waiting for a moderator (the same service call). */
export const RestoreForm = (p: FormState & { comment: CommentView }) => (
  <ButtonForm
    action={actionPath(p.place, p.comment.id, 'restore')}
    label={p.comment.state === 'pending' ? 'Approve' : 'Restore'}
    hidden={p.cursor ? { cursor: p.cursor } : {}}
    variant="secondary"
  />
)
