import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { problemDetail } from '../platform/i18n/problem-words.ts'
import { fieldMessageIn } from '../platform/i18n/field-messages.ts'
import { FIELDS_NOT_VALID } from '../platform/http/validate.ts'
import type { Child } from 'hono/jsx'
import type { DomainError } from '../kernel/errors.ts'
import { formatInZone } from '../kernel/time-zone.ts'
import { shownTimeZone } from './time-zone.ts'

/** What went wrong with a submitted form: one message for the summary, and one per field. */
export interface FormProblems {
  message: string
  fields: { name: string; message: string }[]
}

/** The form's field named by a JSON Pointer such as `/email` (forms are flat). */
const fieldName = (pointer: string) => pointer.replace(/^\//, '').split('/')[0] ?? ''

/**
 * A refused form's problems, as the code that refused wrote them; given the page's language, a
 * schema's summary and each field's message the catalogue holds are said in it (field-messages.ts);
 * words a form wrote itself, already in that language, stay as they are.
 */
export const problemsOf = (error: DomainError, lang: Lang = 'en'): FormProblems =>
  saidOnce(lang, {
    message:
      lang !== 'en' && error.message === FIELDS_NOT_VALID
        ? translator(lang)('form.fieldsNotValid')
        : error.message,
    fields: error.errors.map((e) => ({
      name: fieldName(e.pointer),
      message: lang === 'en' ? e.detail : (fieldMessageIn(lang, e.detail) ?? e.detail),
    })),
  })

/**
 * Each thing wrong said once: a field a schema refuses on two counts with the same words (a number
 * that is neither digits nor small enough) is listed once, and a refusal whose summary is its field's
 * own message (an upload that is not UTF-8) gives the summary the general words, so the page does not
 * read "Give the number… Give the number…".
 */
function saidOnce(lang: Lang, problems: FormProblems): FormProblems {
  const fields = problems.fields.filter(
    (f, i) => problems.fields.findIndex((g) => g.name === f.name && g.message === f.message) === i,
  )
  const repeated = fields.some((f) => f.message === problems.message)
  return { message: repeated ? translator(lang)('form.fieldsNotValid') : problems.message, fields }
}

/**
 * A refused form's problems in the reader's language. English keeps the words of the code that
 * refused, which name the very thing refused; those are not in the catalogue yet, so another language
 * says what the refusal's code means (problem-words.ts), and for input that will not do (whose meaning
 * to a program is "see `errors`") words of the form's own.
 */
export function problemsIn(lang: Lang, error: DomainError): FormProblems {
  const problems = problemsOf(error)
  if (lang === 'en') return problems
  const said = (english: string) =>
    error.code === 'invalid'
      ? translator(lang)('form.refusedInvalid')
      : (problemDetail(lang, error.code, english) ?? english)
  return saidOnce(lang, {
    message: said(problems.message),
    // A schema's own words for a field, where the catalogue holds them (field-messages.ts).
    fields: problems.fields.map((f) => ({
      ...f,
      message: fieldMessageIn(lang, f.message) ?? said(f.message),
    })),
  })
}

/**
 * A refusal on a page that shows no form again (a message page): what was wrong in the reader's
 * language and each field's reason once, rather than the refusing code's English and its pointers.
 */
export const RefusalWords = ({ lang, error }: { lang: Lang; error: DomainError }) => {
  const problems = problemsIn(lang, error)
  return <>{[problems.message, ...problems.fields.map((f) => f.message)].join(' ')}</>
}

export const errorFor = (problems: FormProblems | undefined, name: string) =>
  problems?.fields.find((f) => f.name === name)?.message

/**
 * At the top of a page whose form was refused: announced at once (role="alert"), each problem a link
 * to its field. `prefix` is the field ids' prefix where a page has several forms.
 */
export const ErrorSummary = ({
  problems,
  prefix = '',
  fallback,
  language = 'en',
  address,
}: {
  problems?: FormProblems | undefined
  prefix?: string
  /** The field to link to when the refusal names none (a failed sign-in names no field, on purpose). */
  fallback?: { name: string; message: string }
  /** The page's language (English where a page does not say yet). */
  language?: Lang | undefined
  /**
   * The page's own address, where it answers a form sent elsewhere: the summary takes focus (autofocus,
   * without script), and the script puts this address in the address bar (web/main.ts).
   */
  address?: string | undefined
}) => {
  if (!problems) return null
  const fields = problems.fields.length > 0 ? problems.fields : fallback ? [fallback] : []
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      {...(address === undefined ? {} : { tabindex: -1, autofocus: true, 'data-address': address })}
    >
      <h2 id="error-summary-title">{translator(language)('form.problem')}</h2>
      <p>{problems.message}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) =>
            f.name ? (
              <li>
                <a href={`#${prefix}${f.name}`}>{f.message}</a>
              </li>
            ) : (
              <li>{f.message}</li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  )
}

export interface FieldProps {
  name: string
  label: string
  type?: 'text' | 'email' | 'password' | 'number'
  value?: string | undefined
  autocomplete?: string
  required?: boolean
  hint?: Child
  problems?: FormProblems | undefined
  prefix?: string
  min?: number
  max?: number
  maxlength?: number
  /** The page's language, for the words around the field's own (English where a page does not say yet). */
  language?: Lang | undefined
}

const describedBy = (id: string, hint: boolean, error: boolean) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

/** A field's label, hint and error message around its control. */
const FieldFrame = (p: {
  id: string
  label: string
  hint?: Child
  error: string | undefined
  language?: Lang | undefined
  children?: Child
}) => (
  <div class={p.error ? 'field field-invalid' : 'field'}>
    <label for={p.id}>{p.label}</label>
    {p.hint ? (
      <p class="field-hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
    ) : null}
    {p.error ? (
      <p class="field-error" id={`${p.id}-error`}>
        <span class="visually-hidden">{translator(p.language ?? 'en')('form.errorPrefix')} </span>
        {p.error}
      </p>
    ) : null}
    {p.children}
  </div>
)

/** A labelled input with its hint and its error, both tied to it by aria-describedby. */
export const Field = (p: FieldProps) => {
  const id = `${p.prefix ?? ''}${p.name}`
  const error = errorFor(p.problems, p.name)
  const type = p.type ?? 'text'
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={error} language={p.language}>
      <input
        id={id}
        name={p.name}
        type={type}
        value={type === 'password' ? undefined : p.value}
        autocomplete={p.autocomplete}
        required={p.required ?? false}
        min={p.min}
        max={p.max}
        maxlength={p.maxlength}
        aria-describedby={describedBy(id, Boolean(p.hint), Boolean(error))}
        aria-invalid={error ? 'true' : undefined}
      />
    </FieldFrame>
  )
}

/** A labelled choice of one from a few, with its hint and error; the first option chooses nothing. */
export const Select = (
  p: Omit<FieldProps, 'type' | 'autocomplete' | 'min' | 'max' | 'maxlength'> & {
    options: readonly { value: string; label: string }[]
    /** The empty first option's words, e.g. "Choose a reason". */
    placeholder: string
  },
) => {
  const id = `${p.prefix ?? ''}${p.name}`
  const error = errorFor(p.problems, p.name)
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={error} language={p.language}>
      <select
        id={id}
        name={p.name}
        required={p.required ?? false}
        aria-describedby={describedBy(id, Boolean(p.hint), Boolean(error))}
        aria-invalid={error ? 'true' : undefined}
      >
        <option value="">{p.placeholder}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

export const TextArea = (
  p: Omit<FieldProps, 'type' | 'autocomplete' | 'min' | 'max'> & { rows?: number },
) => {
  const id = `${p.prefix ?? ''}${p.name}`
  const error = errorFor(p.problems, p.name)
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={error} language={p.language}>
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 4}
        maxlength={p.maxlength}
        required={p.required ?? false}
        aria-describedby={describedBy(id, Boolean(p.hint), Boolean(error))}
        aria-invalid={error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </FieldFrame>
  )
}

/** A form that is only a button (sign out, revoke, make admin): POSTs, with optional hidden fields. */
export const ButtonForm = (p: {
  action: string
  label: string
  hidden?: Record<string, string>
  variant?: 'secondary' | 'danger'
  describedBy?: string
}) => (
  <form method="post" action={p.action} class="inline-form">
    {Object.entries(p.hidden ?? {}).map(([name, value]) => (
      <input type="hidden" name={name} value={value} />
    ))}
    <button
      type="submit"
      class={p.variant ? `button button-${p.variant}` : 'button'}
      aria-describedby={p.describedBy}
    >
      {p.label}
    </button>
  </form>
)

/**
 * A link or token to copy by hand: read-only, selected on focus by the person, never by script. With
 * `copy`, a button copies it too; the page script shows that button, so without script none is offered.
 */
export const CopyField = (p: { id: string; label: string; value: string; hint?: Child; copy?: string }) => (
  <div class="field copy-field">
    <label for={p.id}>{p.label}</label>
    {p.hint ? (
      <p class="field-hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
    ) : null}
    <input
      id={p.id}
      type="text"
      readonly
      value={p.value}
      spellcheck={false}
      aria-describedby={p.hint ? `${p.id}-hint` : undefined}
    />
    {p.copy ? (
      <p>
        <button type="button" class="button button-secondary copy-button" data-copy={p.id} hidden>
          {p.copy}
        </button>
        <span class="copy-done" role="status"></span>
      </p>
    ) : null}
  </div>
)

/** A date as people read it, in the instance's zone and naming it, with the machine-readable one beside it. */
export const Time = ({ at, language = 'en' }: { at: Date | string; language?: Lang | undefined }) => {
  const date = new Date(at)
  return <time datetime={date.toISOString()}>{formatInZone(date, shownTimeZone(), language)}</time>
}

/** A short confirmation after a redirect (e.g. `?saved=profile`). */
export const StatusMessage = ({ children }: { children?: Child }) =>
  children ? (
    <p class="status-message" role="status">
      {children}
    </p>
  ) : null

/** Name, email and a new password: the fields of setup, sign-up and joining by invitation. */
export const NewAccountFields = (p: {
  values: Record<string, string>
  problems?: FormProblems | undefined
  nameRequired?: boolean
  nameHint?: string
  language?: Lang | undefined
}) => {
  const t = translator(p.language ?? 'en')
  return (
    <>
      <Field
        name="displayName"
        label={t('form.name')}
        hint={p.nameHint ?? t('form.nameHint')}
        language={p.language}
        value={p.values.displayName}
        autocomplete="name"
        required={p.nameRequired ?? true}
        maxlength={80}
        problems={p.problems}
      />
      <Field
        name="email"
        label={t('form.email')}
        type="email"
        value={p.values.email}
        autocomplete="email"
        required
        maxlength={254}
        problems={p.problems}
        language={p.language}
      />
      <Field
        name="password"
        label={t('form.password')}
        type="password"
        hint={t('form.passwordHint')}
        autocomplete="new-password"
        required
        maxlength={200}
        problems={p.problems}
        language={p.language}
      />
    </>
  )
}
