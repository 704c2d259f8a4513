import { IntlMessageFormat } from 'intl-messageformat'
import type { Lang } from './languages.ts'

/**
 * Formats ICU MessageFormat through FormatJS's intl-messageformat, shared by the server pages and the
 * Lit elements. Chosen over i18next because ICU is the catalogue format translators' tools read, and
 * its plurals go straight to Intl.PluralRules, which in Node 20 and every current browser knows Welsh's
 * six forms (zero, one, two, few, many, other) without a plural table of our own.
 */
export type Values = Record<string, string | number | Date>

/** A catalogue's messages, compiled once each on first use: a page formats the same few many times. */
export function formatterFor<K extends string>(lang: Lang, catalogue: Record<K, string>) {
  const compiled = new Map<K, IntlMessageFormat>()
  return (key: K, values?: Values): string => {
    let message = compiled.get(key)
    if (!message) {
      message = new IntlMessageFormat(catalogue[key], lang)
      compiled.set(key, message)
    }
    return String(message.format(values))
  }
}
