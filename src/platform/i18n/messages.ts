import en from './en.json' with { type: 'json' }
import cy from './cy.json' with { type: 'json' }
import enElements from './elements/en.json' with { type: 'json' }
import cyElements from './elements/cy.json' with { type: 'json' }
import { formatterFor, type Values } from './format.ts'
import type { Lang } from './languages.ts'
import { ERROR_CODES, errorMessageKey, type ErrorCode } from '../../kernel/error-codes.ts'
import { KIND_LABELS } from '../../kernel/kind-label.ts'
import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import { HIDE_REASON_LABELS } from '../../kernel/hide-reason-label.ts'
import type { CommentKind, Decision, HideReason } from '../../kernel/words.ts'

/**
 * The server's side of the catalogues: the pages' messages and the elements' (which the web bundle
 * carries on its own, see web/messages.ts), in English and Welsh. The English catalogue names the
 * keys, so a key missing from it does not compile; catalogues.test.ts holds Welsh to the same keys.
 */
export type MessageKey =
  | keyof typeof en
  | keyof typeof enElements
  | `error.${ErrorCode}`
  | `kind.${CommentKind}`
  | `decision.${Decision}`
  | `hideReason.${HideReason}`

/** Each error code's English message is its `meaning` in the kernel's catalogue, written once there. */
const errorMeanings = Object.fromEntries(
  (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [errorMessageKey(code), ERROR_CODES[code].meaning]),
) as Record<`error.${ErrorCode}`, string>

/**
 * A comment kind's, a decision's and a reason for hiding's English label is the kernel's (KIND_LABELS,
 * DECISION_LABELS, HIDE_REASON_LABELS), which the elements bundle too; the catalogue names them `kind.*`,
 * `decision.*` and `hideReason.*` so Welsh has them.
 */
const labels = {
  ...Object.fromEntries(Object.entries(KIND_LABELS).map(([kind, label]) => [`kind.${kind}`, label])),
  ...Object.fromEntries(Object.entries(DECISION_LABELS).map(([d, label]) => [`decision.${d}`, label])),
  ...Object.fromEntries(Object.entries(HIDE_REASON_LABELS).map(([r, label]) => [`hideReason.${r}`, label])),
} as Record<`kind.${CommentKind}` | `decision.${Decision}` | `hideReason.${HideReason}`, string>

/** A comment kind as the language names it, or the kind itself for one not known here. */
export const kindLabelIn = (lang: Lang, kind: string): string =>
  kind in KIND_LABELS ? translator(lang)(`kind.${kind as CommentKind}`) : kind

/** A decision as the language names it, or the decision itself for one not known here. */
export const decisionLabelIn = (lang: Lang, decision: string): string =>
  decision in DECISION_LABELS ? translator(lang)(`decision.${decision as Decision}`) : decision

const welsh: Record<string, string> = { ...cy, ...cyElements }

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = {
  en: { ...errorMeanings, ...labels, ...en, ...enElements },
  // A message missing in Welsh is caught by catalogues.test.ts, which says which; a Record of strings lets it run.
  cy: welsh,
}

const formatters = {
  en: formatterFor('en', CATALOGUES.en),
  cy: formatterFor('cy', CATALOGUES.cy),
}

/** A message in a language, its ICU arguments filled in. */
export type Translate = (key: MessageKey, values?: Values) => string

export const translator =
  (lang: Lang): Translate =>
  (key, values) =>
    formatters[lang](key, values)

/** A number as the language writes it (both write 1,204). */
export const formatNumber = (lang: Lang, n: number) => n.toLocaleString(`${lang}-GB`)

/** A day and time as the language writes them, e.g. "3 December 2026" / "3 Rhagfyr 2026". */
export const formatDate = (
  lang: Lang,
  date: Date,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'long' },
) => new Intl.DateTimeFormat(`${lang}-GB`, options).format(date)
