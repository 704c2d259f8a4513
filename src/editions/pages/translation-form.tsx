import type { DomainError } from '../../kernel/errors.ts'
import { LANGUAGES, sameLanguage, type Lang } from '../../platform/i18n/languages.ts'
import { languageName } from '../../platform/i18n/language-name.ts'
import { translator, type Translate } from '../../platform/i18n/messages.ts'
import { MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import { errorFor, type FormProblems } from '../../site/form.tsx'
import { TranslationMisaligned, type Misalignment } from '../translation.service.ts'
import { translationFormPath } from '../urls.ts'
import { problemsIn } from './editor-refusals.ts'

/** A translation form refused: which edition's, what was chosen and pasted, and why. */
export interface FailedTranslation {
  number: number
  lang: string
  markdown: string
  problems: FormProblems
}

/** The id prefix of edition `number`'s translation form, so each card's fields have ids of their own. */
export const translationPrefix = (number: number) => `t${String(number)}-`

const difference = (t: Translate, d: Misalignment) =>
  d.is === 'count'
    ? t('editor.translation.countDiffers', { edition: d.edition, translation: d.translation })
    : t('editor.translation.kindDiffers', {
        number: d.number,
        edition: d.edition,
        translation: d.translation,
      })

/**
 * A refused translation's problems in the reader's language: a text that does not line up has each
 * difference said in it (the API's problem says them in English), every other refusal as any form's is.
 */
export function translationProblemsIn(lang: Lang, number: number, error: DomainError): FormProblems {
  if (!(error instanceof TranslationMisaligned)) return problemsIn(lang, error)
  const t = translator(lang)
  return {
    message: t('editor.translation.misaligned', { number }),
    fields: error.differences.map((d) => ({ name: 'markdown', message: difference(t, d) })),
  }
}

/** The languages an edition's text is in, each named in itself and marked as its language. */
export const TextLanguages = (p: { texts: readonly string[] }) => (
  <>
    {p.texts.map((lang, i) => (
      <>
        {i > 0 ? ', ' : ''}
        <span lang={lang}>{languageName(lang)}</span>
      </>
    ))}
  </>
)

/**
 * Adding an edition's text in another language, without JavaScript: a language Gloss speaks other than
 * the guide's, and the Markdown as a file or pasted (multipart, as the working draft's whole text is).
 * Closed until opened, or open again with the refusal and what was pasted when it was refused.
 */
export const TranslationForm = (p: {
  slug: string
  number: number
  guideLang: string
  failed?: FailedTranslation | undefined
  /** The edition before's texts in languages this one lacks: the form starts from one it offers. */
  carried?: readonly { lang: string; source: string }[] | undefined
  language: Lang
}) => {
  const t = translator(p.language)
  const prefix = translationPrefix(p.number)
  const offered = LANGUAGES.filter((l) => !sameLanguage(l, p.guideLang))
  const carried = p.carried?.find((c) => offered.some((l) => l === c.lang))
  const langError = errorFor(p.failed?.problems, 'lang')
  const textErrors = (p.failed?.problems.fields ?? []).filter((f) => f.name === 'markdown')
  const id = (name: string) => `${prefix}${name}`
  return (
    <details class="draft-action" open={p.failed !== undefined}>
      <summary>
        {t('editor.translation.add')}
        <span class="visually-hidden"> {t('editor.transition.which', { number: p.number })}</span>
      </summary>
      <form
        method="post"
        action={translationFormPath(p.slug, p.number)}
        enctype="multipart/form-data"
        class="form replace-form"
      >
        <div class={langError ? 'field field-invalid' : 'field'}>
          <label for={id('lang')}>{t('editor.translation.language')}</label>
          <p class="field-hint" id={`${id('lang')}-hint`}>
            {t('editor.translation.languageHint')}
          </p>
          {langError ? (
            <p class="field-error" id={`${id('lang')}-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {langError}
            </p>
          ) : null}
          <select
            id={id('lang')}
            name="lang"
            required
            aria-describedby={`${id('lang')}-hint${langError ? ` ${id('lang')}-error` : ''}`}
            aria-invalid={langError ? 'true' : undefined}
          >
            {offered.map((lang) => (
              <option value={lang} lang={lang} selected={lang === (p.failed?.lang ?? carried?.lang)}>
                {languageName(lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={id('file')}>{t('editor.replace.file')}</label>
          <p class="field-hint" id={`${id('file')}-hint`}>
            {t('editor.replace.fileHint', { size: MAX_SOURCE_BYTES / 1024 / 1024 })}
          </p>
          <input
            type="file"
            id={id('file')}
            name="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            aria-describedby={`${id('file')}-hint`}
          />
        </div>
        <div class={textErrors.length > 0 ? 'field field-invalid' : 'field'}>
          <label for={id('markdown')}>{t('editor.translation.paste')}</label>
          <p class="field-hint" id={`${id('markdown')}-hint`}>
            {t('editor.translation.pasteHint')}
            {carried && !p.failed ? (
              <>
                {' '}
                {t('editor.translation.carried', {
                  before: p.number - 1,
                  number: p.number,
                  language:
                    new Intl.DisplayNames([p.language], { type: 'language' }).of(carried.lang) ??
                    carried.lang,
                })}
              </>
            ) : null}
          </p>
          {textErrors.length === 1 ? (
            <p class="field-error" id={`${id('markdown')}-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              {textErrors[0]?.message}
            </p>
          ) : textErrors.length > 1 ? (
            <div class="field-error" id={`${id('markdown')}-error`}>
              <span class="visually-hidden">{t('form.errorPrefix')} </span>
              <ul>
                {textErrors.map((f) => (
                  <li>{f.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <textarea
            id={id('markdown')}
            name="markdown"
            rows={6}
            aria-describedby={`${id('markdown')}-hint${textErrors.length > 0 ? ` ${id('markdown')}-error` : ''}`}
            aria-invalid={textErrors.length > 0 ? 'true' : undefined}
          >
            {p.failed?.markdown ?? carried?.source ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button">
          {t('editor.translation.button')}
          <span class="visually-hidden"> {t('editor.transition.which', { number: p.number })}</span>
        </button>
      </form>
    </details>
  )
}
