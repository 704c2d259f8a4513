import { sameLanguage } from '../platform/i18n/languages.ts'
import type { Child } from 'hono/jsx'

/** Marks where an element goes in a formatted message; no catalogue text holds this character. */
const SLOT = '\u0001'

/** The value to give a message's `{name}` argument that an element will fill (see `rich`). */
export const slot = (name: string) => `${SLOT}${name}${SLOT}`

/**
 * A formatted message with elements in it (a link, a time), where the catalogue decides the word order:
 * the message is formatted with `slot(name)` for each element, and the slots are swapped for them here.
 * `t('notice.opens', { time: slot('time') })` then `rich(text, { time: <Time at={at} /> })`.
 */
export function rich(text: string, parts: Record<string, Child>): Child {
  return text.split(SLOT).map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? null) : piece))
}

/**
 * Words in the guide's language inside a message in the reader's (a guide's title, a section's name):
 * marked with `lang` when the two differ, so a screen reader says each in its own voice.
 */
export const Passage = (p: { text: string; lang: string; reader: string }) =>
  sameLanguage(p.lang, p.reader) ? (
    <>{p.text}</>
  ) : (
    <span lang={p.lang} dir="auto">
      {p.text}
    </span>
  )
