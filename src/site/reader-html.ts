import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'

/**
 * A guide's HTML as pages show it to readers. The stored rendering stays exactly what the pipeline
 * makes (`gloss blocks` prints it); these passes add what a reader's browser needs on top, and work on
 * HTML Gloss wrote and sanitised itself, so plain patterns find its tags.
 */

/** Words of HTML, for an attribute: tags dropped, white space collapsed, quotes escaped, kept short. */
function attributeText(html: string, most = 150): string {
  const words = html
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const short = words.length > most ? `${words.slice(0, most - 1).replace(/&[^;\s]*$/, '')}…` : words
  return short.replace(/"/g, '&quot;')
}

/**
 * A task list's checkbox (`- [ ] ...`) is named by its item's words, so a screen reader says what is
 * to be done, not only "checkbox, not checked" (WCAG 4.1.2). The words run to the end of the item's
 * own text: its paragraph, its end (or the block's), or a list nested in it.
 */
const TASK =
  /<input type="checkbox"((?:\s(?:checked|disabled))*)>([\s\S]*?)(?=<\/li>|<\/p>|<ul[\s>]|<ol[\s>]|$)/g

/** A table wider than a phone scrolls sideways in its own box, which the keyboard must reach (WCAG 2.1.1). */
const TABLE = /<table(?![^>]*\stabindex=)((?:\s[^>]*)?)>/g

/** The label remark-rehype gives a footnote's way back to where it was called, always in English. */
const BACK_LABEL = /(<a [^>]*data-footnote-backref[^>]*aria-label=")Back to reference (\d+(?:-\d+)?)"/g

/**
 * `language`: the reader's interface language, which the footnotes' "back to reference" labels speak
 * (they are the page's controls, not the guide's words).
 */
export const forReaders = (html: string, language?: Lang): string =>
  (language === undefined
    ? html
    : html.replace(
        BACK_LABEL,
        (_whole, start: string, reference: string) =>
          `${start}${translator(language)('reader.footnoteBack', { reference })}"`,
      )
  )
    .replace(TASK, (_whole, flags: string, words: string) => {
      const label = attributeText(words)
      return `<input type="checkbox"${flags}${label ? ` aria-label="${label}"` : ''}>${words}`
    })
    .replace(TABLE, (_whole, attributes: string) => `<table tabindex="0"${attributes}>`)
