import type { z } from 'zod'
import { DomainError, type FieldError } from '../../kernel/errors.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { problemDetail } from '../../platform/i18n/problem-words.ts'
import { check } from '../../platform/http/validate.ts'
import { problemsOf, type FormProblems } from '../../site/form.tsx'

/** A form refused by its own schema, whose messages are in the reader's language already. */
class FormRefusal extends DomainError {
  constructor(message: string, errors: FieldError[]) {
    super('invalid', message, errors)
  }
}

/** The form's fields read by its schema (editor.schemas.ts), refused in the language the schema speaks. */
export function checkForm<S extends z.ZodType>(lang: Lang, schema: S, value: unknown): z.infer<S> {
  try {
    return check(schema, value)
  } catch (error) {
    if (error instanceof DomainError)
      throw new FormRefusal(translator(lang)('editor.refused.fields'), error.errors)
    throw error
  }
}

/**
 * What a service's refusal says in a language other than English. Its own words name the very thing
 * refused, in English, and are not in the catalogue yet, so the reader is told what its code means
 * (problem-words.ts), as the thread pages do; the code for input that will not do means "see `errors`"
 * to a program, so a page says it in words of its own.
 */
const meaningIn = (lang: Lang, error: DomainError, english: string) =>
  error.code === 'invalid'
    ? translator(lang)('editor.refused.invalid')
    : (problemDetail(lang, error.code, english) ?? english)

/**
 * A refused form's problems as the page shows them: the form's own checks speak the reader's language
 * already; English keeps the words of the service that refused.
 */
export function problemsIn(lang: Lang, error: DomainError): FormProblems {
  const problems = problemsOf(error)
  if (lang === 'en' || error instanceof FormRefusal) return problems
  const said = (english: string) => meaningIn(lang, error, english)
  return {
    message: said(problems.message),
    fields: problems.fields.map((f) => ({ ...f, message: said(f.message) })),
  }
}

/** A refusal in one line, for a page that shows no form again: the first field's reason, in English. */
export const refusalIn = (lang: Lang, error: DomainError): string =>
  lang === 'en' ? (error.errors[0]?.detail ?? error.message) : meaningIn(lang, error, error.message)
