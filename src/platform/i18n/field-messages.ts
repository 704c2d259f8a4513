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

/** A schema's message in `lang`, or undefined where the catalogue does not hold it. */
export function fieldMessageIn(lang: Lang, english: string): string | undefined {
  const given = asked.get(english)
  if (given) return translator(lang)(given.key, given.values)
  const key = byEnglish.get(english)
  return key === undefined ? undefined : translator(lang)(key)
}
