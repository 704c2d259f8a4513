import { CATALOGUES, translator, type MessageKey } from './messages.ts'
import type { Values } from './format.ts'
import type { Lang } from './languages.ts'

/**
 * What a schema says of a field it refuses ("Use at least 10 characters."), written once in the
 * catalogue under a `field.*` key: the API's problems say it in English, as every `detail` is, and a
 * page (or a problem in Welsh, problem-language.ts) says it in the reader's language (`fieldMessageIn`),
 * found again by its English words.
 */
export type FieldMessageKey = Extract<MessageKey, `field.${string}`>

/** The English each schema asked for, with the values it gave: a message with values is found by these. */
const asked = new Map<string, { key: FieldMessageKey; values?: Values | undefined }>()

export const fieldMessage = (key: FieldMessageKey, values?: Values): string => {
  const english = translator('en')(key, values)
  asked.set(english, { key, values })
  return english
}

const byEnglish = new Map(
  Object.entries(CATALOGUES.en)
    .filter(([key]) => key.startsWith('field.'))
    .map(([key, english]) => [english, key as FieldMessageKey]),
)

/**
 * Messages that say back what the sender sent (the name of a field there is not, a paragraph or
 * comment they named). Remembering each such sentence, as fieldMessage does, would keep whatever is
 * sent for as long as the process runs, so these are found again by their shape instead; their values
 * are plain `{name}`s, each matched as any text.
 */
const SAID_BACK = [
  'field.notAField',
  // Before field.noParagraphNumber, whose shape its sentences fit too, with the quotes in the value.
  'field.noParagraphKey',
  'field.noParagraphNumber',
  'field.notTopLevelComments',
  'field.noThemes',
  'field.cannotDuplicate',
  'field.staleBlock',
] as const satisfies FieldMessageKey[]
type SaidBackKey = (typeof SAID_BACK)[number]

export const fieldMessageSaying = (key: SaidBackKey, values: Record<string, string>): string =>
  translator('en')(key, values)

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const shapes = SAID_BACK.map((key) => {
  const parts = CATALOGUES.en[key].split(/\{(\w+)\}/)
  const names = parts.filter((_, i) => i % 2 === 1)
  const pattern = parts.map((part, i) => (i % 2 === 1 ? '(.*)' : escaped(part))).join('')
  return { key, names, pattern: new RegExp(`^${pattern}$`, 's') }
})

/** A message said back (SAID_BACK), with the values it said. */
function saidBack(english: string): { key: SaidBackKey; values: Values } | undefined {
  for (const { key, names, pattern } of shapes) {
    const match = pattern.exec(english)
    if (match) return { key, values: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])) }
  }
  return undefined
}

/** A schema's message in `lang`, or undefined where the catalogue does not hold it. */
export function fieldMessageIn(lang: Lang, english: string): string | undefined {
  const given = asked.get(english) ?? saidBack(english)
  if (given) return translator(lang)(given.key, given.values)
  const key = byEnglish.get(english)
  return key === undefined ? undefined : translator(lang)(key)
}
