import type { z } from 'zod'
import { DomainError, type FieldError } from '../../kernel/errors.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { check } from '../../platform/http/validate.ts'
import { problemsIn as problemsInLanguage, problemsOf, type FormProblems } from '../../site/form.tsx'

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
      throw new FormRefusal(translator(lang)('form.fieldsNotValid'), error.errors)
    throw error
  }
}

/**
 * A refused form's problems as the page shows them: the form's own checks speak the reader's language
 * already; a service's refusal is put in it as every form's is (site/form.tsx).
 */
export function problemsIn(lang: Lang, error: DomainError): FormProblems {
  return error instanceof FormRefusal ? problemsOf(error, lang) : problemsInLanguage(lang, error)
}

/** A refusal in one line, for a page that shows no form again: the first field's reason, in English. */
export const refusalIn = (lang: Lang, error: DomainError): string =>
  lang === 'en' ? (error.errors[0]?.detail ?? error.message) : problemsInLanguage(lang, error).message
