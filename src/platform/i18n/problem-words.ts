import { ERROR_CODES, errorMessageKey, isErrorCode, type ProblemCode } from '../../kernel/error-codes.ts'
import type { Lang } from './languages.ts'
import { CATALOGUES, translator, type MessageKey } from './messages.ts'
import { fieldMessageIn } from './field-messages.ts'

const hasKey = (key: string): key is MessageKey => Object.hasOwn(CATALOGUES.en, key)

/** A problem's `title`: what its HTTP status means, in the language. */
export function problemTitle(lang: Lang, status: number): string {
  const key = `problem.status.${String(status)}`
  return translator(lang)(hasKey(key) ? key : 'problem.status.other')
}

/** What a code means, in the language: the catalogue's message for it (the problems page says the same). */
export function codeMeaning(lang: Lang, code: ProblemCode): string {
  if (!isErrorCode(code)) return translator(lang)('problem.framework', { status: Number(code.slice(5)) })
  const key = errorMessageKey(code)
  return hasKey(key) ? translator(lang)(key) : ERROR_CODES[code].meaning
}

/**
 * A problem's `detail` in the language. English keeps the words the code that refused wrote, which name
 * the very thing refused; where the catalogue holds those words (field-messages.ts) another language
 * says them too, and otherwise what the code means.
 */
export const problemDetail = (lang: Lang, code: ProblemCode, english: string | undefined) =>
  lang === 'en'
    ? english
    : ((english === undefined ? undefined : fieldMessageIn(lang, english)) ?? codeMeaning(lang, code))
