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

export const forReaders = (html: string): string =>
  html
    .replace(TASK, (_whole, flags: string, words: string) => {
      const label = attributeText(words)
      return `<input type="checkbox"${flags}${label ? ` aria-label="${label}"` : ''}>${words}`
    })
    .replace(TABLE, (_whole, attributes: string) => `<table tabindex="0"${attributes}>`)
