import type { CommentView } from '../comment.service.ts'
import { ButtonForm, TextArea } from '../../site/form.tsx'
import { Redline } from '../../site/redline.tsx'
import { trimRedline } from '../../lineage/redline-trim.ts'
import { actionPath } from '../urls.ts'
import type { FormState } from './comment-forms.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/**
 * A suggestion's wording, as changes to its paragraph: what the editors would take in. The paragraph is
 * on the page above, so for quoted words only a few words either side of the change are shown.
 */
export const SuggestedWording = (p: {
  comment: CommentView
  language?: Lang | undefined
  /** The guide's text's language, which the wording is written for. */
  lang?: string | undefined
}) => {
  if (!p.comment.proposalRedline) return null
  const t = translator(p.language ?? requestLanguage())
  return (
    <div class="suggested-wording">
      <p class="suggested-wording-label">
        <strong>{t(p.comment.quote ? 'suggestion.forQuoteLead' : 'suggestion.lead')}</strong>
      </p>
      <Redline
        parts={p.comment.quote ? trimRedline(p.comment.proposalRedline) : p.comment.proposalRedline}
        language={p.language}
        lang={p.lang}
      />
    </div>
  )
}

/**
 * How many agree, and for someone who may agree, the one button that agrees or takes it back: the form
 * says which it sends, so sending it twice does not undo it.
 */
export const AgreementForm = (p: FormState & { comment: CommentView; may: boolean }) => {
  const count = p.comment.agreements
  const t = translator(p.language ?? requestLanguage())
  const agreeing = t('suggestion.agreeing', { count })
  if (!p.may) return count > 0 ? <p class="agreements muted">{agreeing}</p> : null
  return (
    <div class="agreement">
      {count > 0 ? <span class="agreements muted">{agreeing}</span> : null}
      <ButtonForm
        action={actionPath(p.place, p.comment.id, 'agree')}
        label={
          p.comment.agreed
            ? t('suggestion.takeBack')
            : t('suggestion.agree', { name: p.comment.author.displayName })
        }
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
  const language = p.language ?? requestLanguage()
  const t = translator(language)
  return (
    <details class="comment-action" open={failed !== undefined}>
      <summary>
        {t('suggestion.accept')}
        <span class="visually-hidden">
          {t('suggestion.acceptHidden', { name: p.comment.author.displayName })}
        </span>
      </summary>
      {failed ? (
        <div class="notice" role="alert">
          <p>{failed.problems.message}</p>
          {failed.current === undefined ? null : (
            <>
              <p>{t('suggestion.nowReads')}</p>
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
          label={t('suggestion.response')}
          hint={t('suggestion.responseHint')}
          language={language}
          value={failed?.values.response}
          rows={3}
          maxlength={10000}
          problems={failed?.problems}
        />
        <button type="submit" class="button">
          {t('suggestion.take')}
        </button>
      </form>
    </details>
  )
}
