import { CATALOGUES, translator, type MessageKey } from './messages.ts'
import type { Lang } from './languages.ts'

/**
 * What a schema says of a field it refuses ("Use at least 10 characters."), written once in the
 * catalogue under a `field.*` key: the API's problems say it in English, as every `detail` is, and a
 * page says it in the reader's language (`fieldMessageIn`), found again by its English words.
 */
export type FieldMessageKey = Extract<MessageKey, `field.${string}`>

export const fieldMessage = (key: FieldMessageKey): string => translator('en')(key)

const byEnglish = new Map(
  Object.entries(CATALOGUES.en)
    .filter(([key]) => key.startsWith('field.'))
    .map(([key, english]) => [english, key as FieldMessageKey]),
)

/** A schema's message in `lang`, or undefined where the catalogue does not hold it. */
export function fieldMessageIn(lang: Lang, english: string): string | undefined {
  const key = byEnglish.get(english)
  return key === undefined ? undefined : translator(lang)(key)
}
