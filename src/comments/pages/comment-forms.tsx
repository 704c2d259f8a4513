import { HideFields } from '../../moderation/pages/hide-fields.tsx'
import { randomUUID } from 'node:crypto'
import { COMMENT_KINDS } from '../../kernel/words.ts'
import type { CommentView } from '../comment.service.ts'
import { ButtonForm, errorFor, Field, TextArea, type FormProblems } from '../../site/form.tsx'
import { actionPath, postPath, type ThreadPlace } from '../urls.ts'
import { privacyPath } from '../../privacy/urls.ts'
import { kindLabelIn, translator, type MessageKey } from '../../platform/i18n/messages.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'
import { rich, slot } from '../../site/rich-message.tsx'

/**
 * A form on the thread page the server refused and gives back: `new` (the form at the foot), or
 * `reply-<id>`, `edit-<id>`, `flag-<id>`, `hide-<id>` for a form under comment <id>. Its field ids are
 * prefixed with its name, so the error summary's links reach the right form among many.
 */
export interface FailedForm {
  form: string
  values: Record<string, string>
  problems: FormProblems
  /** A suggestion refused as outdated: its paragraph as the working draft has it now. */
  current?: string | undefined
}

/** What each form shows for a comment, and what it gives back when it was the one refused. */
export interface FormState {
  place: ThreadPlace
  /** The page of comments the form is on, kept so the person comes back to it. */
  cursor?: string | undefined
  failed?: FailedForm | undefined
  /** The paragraph's words on a block's thread, where a suggestion's wording begins; none on the general discussion. */
  paragraphText?: string | undefined
  /** What the consent fields start with; without it (no one to comment), the guide's default is true. */
  consent?: ConsentDefaults | undefined
  /** The page's language; the request's where a page does not say. */
  language?: Lang | undefined
  /** The guide's text's language, which the words quoted from it on the page are marked with. */
  textLang?: string | undefined
}

/** The language a form speaks: the page's, else the request's. */
const languageOf = (p: { language?: Lang | undefined }) => p.language ?? requestLanguage()

/** The failed form's values and problems when `name` is that form; else nothing. */
const refused = (state: FormState, name: string) => (state.failed?.form === name ? state.failed : undefined)

const Hidden = ({ name, value }: { name: string; value: string | undefined }) =>
  value === undefined ? null : <input type="hidden" name={name} value={value} />

/** A fresh token per rendered form: the same form sent twice makes one comment (postComment's idempotency). */
const token = (values: Record<string, string> | undefined) =>
  values?.idempotency && /^[\x21-\x7e]{1,200}$/.test(values.idempotency) ? values.idempotency : randomUUID()

export const KindChoice = (p: {
  prefix: string
  value?: string | undefined
  problems?: FormProblems | undefined
  language?: Lang | undefined
}) => {
  const error = errorFor(p.problems, 'kind')
  const chosen = (COMMENT_KINDS as readonly (string | undefined)[]).includes(p.value) ? p.value : 'comment'
  const language = languageOf(p)
  const t = translator(language)
  return (
    <fieldset
      class={error ? 'field field-invalid kind-choice' : 'field kind-choice'}
      aria-describedby={error ? `${p.prefix}kind-error` : undefined}
    >
      <legend>{t('commentForm.kind')}</legend>
      {error ? (
        <p class="field-error" id={`${p.prefix}kind-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {COMMENT_KINDS.map((kind, index) => {
        const id = index === 0 ? `${p.prefix}kind` : `${p.prefix}kind-${kind}`
        return (
          <div class="choice">
            <input type="radio" id={id} name="kind" value={kind} checked={chosen === kind} />
            <label for={id}>
              {kindLabelIn(language, kind)} <span class="muted">({t(`kindHint.${kind}`)})</span>
            </label>
          </div>
        )
      })}
    </fieldset>
  )
}

/**
 * The form at the foot of the thread: a new comment, with a quote from the paragraph on a block's
 * thread, and there the wording a suggestion proposes, begun as the paragraph's own words.
 */
export const NewCommentForm = (p: FormState) => {
  const failed = refused(p, 'new')
  const values = failed?.values ?? {}
  const quotes = p.place.blockKey !== null
  const language = languageOf(p)
  const t = translator(language)
  return (
    <form method="post" action={postPath(p.place)} class="form comment-form">
      <input type="hidden" name="idempotency" value={token(failed?.values)} />
      <Hidden name="cursor" value={p.cursor} />
      <KindChoice prefix="new-" value={values.kind} problems={failed?.problems} language={language} />
      <TextArea
        prefix="new-"
        name="body"
        label={quotes ? t('commentForm.yourComment') : t('commentForm.yourCommentGeneral')}
        hint={t('commentForm.bodyHint')}
        language={language}
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
          label={t('commentForm.quote')}
          language={language}
          value={values.quote}
          maxlength={2000}
          problems={failed?.problems}
        />
      ) : null}
      {/* What the wording box started as, so a quoted change made in place is read as one (form-wording.ts). */}
      {quotes ? <Hidden name="wordingFrom" value={p.paragraphText} /> : null}
      {quotes ? (
        <TextArea
          prefix="new-"
          name="proposal"
          label={t('commentForm.proposal')}
          hint={t('commentForm.proposalHint')}
          language={language}
          value={values.proposal ?? p.paragraphText}
          rows={4}
          maxlength={10000}
          problems={failed?.problems}
        />
      ) : null}
      <ConsentFields
        prefix="new-"
        slug={p.place.slug}
        chosen={values.public === undefined ? (p.consent?.publishByDefault ?? true) : values.public === 'yes'}
        onBehalfOf={values.onBehalfOf ?? p.consent?.organisation ?? ''}
        problems={failed?.problems}
        language={language}
      />
      <button type="submit" class="button">
        {t('commentForm.post')}
      </button>
    </form>
  )
}

/** The forms under one comment, each folded in a <details> until used (open when it was refused). */
export const ReplyForm = (p: FormState & { comment: CommentView }) => {
  const name = `reply-${p.comment.id}`
  const failed = refused(p, name)
  const language = languageOf(p)
  const t = translator(language)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        {t('commentForm.reply')}
        <span class="visually-hidden">
          {t('commentForm.replyTo', { name: p.comment.author.displayName })}
        </span>
      </summary>
      <form method="post" action={postPath(p.place)} class="form">
        <input type="hidden" name="idempotency" value={token(failed?.values)} />
        <input type="hidden" name="parentId" value={p.comment.id} />
        <Hidden name="cursor" value={p.cursor} />
        <KindChoice
          prefix={`${name}-`}
          value={failed?.values.kind}
          problems={failed?.problems}
          language={language}
        />
        <TextArea
          prefix={`${name}-`}
          name="body"
          label={t('commentForm.yourReply')}
          hint={t('commentForm.bodyHint')}
          language={language}
          value={failed?.values.body}
          rows={4}
          maxlength={10000}
          required
          problems={failed?.problems}
        />
        <ConsentFields
          prefix={`${name}-`}
          slug={p.place.slug}
          chosen={
            failed?.values.public === undefined
              ? (p.consent?.publishByDefault ?? true)
              : failed.values.public === 'yes'
          }
          onBehalfOf={failed?.values.onBehalfOf ?? p.consent?.organisation ?? ''}
          problems={failed?.problems}
          keptByParent={!p.comment.public}
          language={language}
        />
        <button type="submit" class="button">
          {t('commentForm.postReply')}
        </button>
      </form>
    </details>
  )
}

export const EditForm = (p: FormState & { comment: CommentView }) => {
  const name = `edit-${p.comment.id}`
  const failed = refused(p, name)
  const language = languageOf(p)
  const t = translator(language)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        {t('commentForm.edit')}
        <span class="visually-hidden">{t('commentForm.editHidden')}</span>
      </summary>
      <form method="post" action={actionPath(p.place, p.comment.id, 'edit')} class="form">
        <Hidden name="cursor" value={p.cursor} />
        <KindChoice
          prefix={`${name}-`}
          value={failed?.values.kind ?? p.comment.kind}
          problems={failed?.problems}
          language={language}
        />
        <TextArea
          prefix={`${name}-`}
          name="body"
          label={t('commentForm.yourComment')}
          hint={t('commentForm.editHint')}
          language={language}
          value={failed?.values.body ?? p.comment.body}
          rows={6}
          maxlength={10000}
          required
          problems={failed?.problems}
        />
        {/* A comment on a paragraph (not a reply) can be a suggestion: its wording is changed here too. */}
        {p.paragraphText !== undefined && p.comment.parentId === null ? (
          <TextArea
            prefix={`${name}-`}
            name="proposal"
            label={t('commentForm.proposal')}
            hint={t('commentForm.editProposalHint')}
            language={language}
            value={failed?.values.proposal ?? p.comment.proposal ?? p.comment.quote?.exact ?? p.paragraphText}
            rows={4}
            maxlength={10000}
            problems={failed?.problems}
          />
        ) : null}
        <ConsentFields
          prefix={`${name}-`}
          slug={p.place.slug}
          chosen={failed?.values.public === undefined ? p.comment.public : failed.values.public === 'yes'}
          onBehalfOf={failed?.values.onBehalfOf ?? p.comment.onBehalfOf ?? ''}
          problems={failed?.problems}
          language={language}
        />
        <button type="submit" class="button">
          {t('commentForm.save')}
        </button>
      </form>
    </details>
  )
}

/** A form with one reason field: flagging (for the editors) and hiding (for the author and the public log). */
const ReasonForm = (
  p: FormState & {
    comment: CommentView
    action: 'flag' | 'hide'
    summary: MessageKey
    hidden: MessageKey
    label: MessageKey
    hint: MessageKey
    button: MessageKey
    variant?: 'danger'
  },
) => {
  const name = `${p.action}-${p.comment.id}`
  const failed = refused(p, name)
  const language = languageOf(p)
  const t = translator(language)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        {t(p.summary)}
        <span class="visually-hidden">{t(p.hidden, { name: p.comment.author.displayName })}</span>
      </summary>
      <form method="post" action={actionPath(p.place, p.comment.id, p.action)} class="form">
        <Hidden name="cursor" value={p.cursor} />
        {p.action === 'hide' ? (
          <HideFields prefix={`${name}-`} values={failed?.values} problems={failed?.problems} />
        ) : (
          <Field
            prefix={`${name}-`}
            name="reason"
            label={t(p.label)}
            hint={t(p.hint)}
            language={language}
            value={failed?.values.reason}
            maxlength={1000}
            required
            problems={failed?.problems}
          />
        )}
        <button type="submit" class={p.variant ? `button button-${p.variant}` : 'button'}>
          {t(p.button)}
        </button>
      </form>
    </details>
  )
}

export const FlagForm = (p: FormState & { comment: CommentView }) => (
  <ReasonForm
    {...p}
    action="flag"
    summary="commentForm.flag"
    hidden="commentForm.flagHidden"
    label="commentForm.flagLabel"
    hint="commentForm.flagHint"
    button="commentForm.flagButton"
  />
)

export const HideForm = (p: FormState & { comment: CommentView }) => (
  <ReasonForm
    {...p}
    action="hide"
    summary="commentForm.hide"
    hidden="commentForm.hideHidden"
    label="commentForm.hideLabel"
    hint="commentForm.hideHint"
    button="commentForm.hideButton"
    variant="danger"
  />
)

export const WithdrawForm = (p: FormState & { comment: CommentView }) => (
  <ButtonForm
    action={actionPath(p.place, p.comment.id, 'withdraw')}
    label={translator(languageOf(p))('commentForm.withdraw')}
    hidden={p.cursor ? { cursor: p.cursor } : {}}
    variant="secondary"
  />
)

/** Restores a hidden comment, or approves one waiting for a moderator (the same service call). */
export const RestoreForm = (p: FormState & { comment: CommentView }) => (
  <ButtonForm
    action={actionPath(p.place, p.comment.id, 'restore')}
    label={translator(languageOf(p))(
      p.comment.state === 'pending' ? 'commentForm.approve' : 'commentForm.restore',
    )}
    hidden={p.cursor ? { cursor: p.cursor } : {}}
    variant="secondary"
  />
)

/** What a comment form starts with: the guide's choice, and the organisation on the person's profile. */
export interface ConsentDefaults {
  publishByDefault: boolean
  organisation: string
}

/** The form's values for the API's `public`: "yes" or "no"; anything else is the API's 422 at /public. */
export const consentValue = (value: string | undefined): boolean | string | undefined =>
  value === undefined ? undefined : value === 'yes' ? true : value === 'no' ? false : value

/**
 * Whether the comment may be published, and whom its author speaks for: on every comment form (new,
 * reply, edit), so the choice is made where the words are written. A reply to a comment kept for the
 * editors is kept for them too, and says so instead of offering a choice.
 */
export const ConsentFields = (p: {
  prefix: string
  /** The guide's slug: the fields lead to its privacy notice. */
  slug: string
  /** The choice as the form starts (or as it was sent back). */
  chosen: boolean
  onBehalfOf: string
  problems?: FormProblems | undefined
  /** A reply under a comment kept for the editors. */
  keptByParent?: boolean
  language?: Lang | undefined
}) => {
  const error = errorFor(p.problems, 'public')
  const yes = `${p.prefix}public`
  const no = `${p.prefix}public-no`
  const language = languageOf(p)
  const t = translator(language)
  return (
    <>
      <p class="field-hint privacy-link">
        {rich(t('privacy.formLink', { link: slot('link') }), {
          link: <a href={privacyPath(p.slug)}>{t('privacy.formLinkText')}</a>,
        })}
      </p>
      {p.keptByParent ? (
        <p class="field-hint">
          {t('composer.replyKept')}
          <input type="hidden" name="public" value="no" />
        </p>
      ) : (
        <fieldset
          class={error ? 'field field-invalid consent-choice' : 'field consent-choice'}
          aria-describedby={[`${p.prefix}public-hint`, error ? `${p.prefix}public-error` : '']
            .filter(Boolean)
            .join(' ')}
        >
          <legend>{t('commentForm.whoMayRead')}</legend>
          <p class="field-hint" id={`${p.prefix}public-hint`}>
            {t('commentForm.whoMayReadHint')}
          </p>
          {error ? (
            <p class="field-error" id={`${p.prefix}public-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {error}
            </p>
          ) : null}
          <div class="choice">
            <input type="radio" id={yes} name="public" value="yes" checked={p.chosen} />
            <label for={yes}>{t('commentForm.public')}</label>
          </div>
          <div class="choice">
            <input type="radio" id={no} name="public" value="no" checked={!p.chosen} />
            <label for={no}>{t('commentForm.private')}</label>
          </div>
        </fieldset>
      )}
      <Field
        prefix={p.prefix}
        name="onBehalfOf"
        label={t('commentForm.onBehalfOf')}
        hint={t('commentForm.onBehalfOfHint')}
        language={language}
        value={p.onBehalfOf}
        maxlength={200}
        problems={p.problems}
      />
    </>
  )
}
