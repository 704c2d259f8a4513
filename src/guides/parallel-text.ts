import { textDirection } from '../platform/i18n/languages.ts'

/** One of an edition's texts as the side-by-side page lays it out: its language and each block's HTML. */
export interface ParallelText {
  lang: string
  /** Each block's inner HTML (as split and sanitised when the text was stored), in the edition's order. */
  html: readonly string[]
}

const escapeAttribute = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The second text's own anchors renamed (`user-content-fn-1` → `beside-user-content-fn-1`), so the two
 * texts of a row never share an id and a footnote link in either leads to its own text's footnote.
 * The sanitiser gives every id in a guide that prefix (clobberPrefix), so nothing else matches.
 */
const besideAnchors = (html: string) =>
  html.replace(/(\sid="|\shref="#)user-content-/g, '$1beside-user-content-')

/**
 * An edition's text beside its text in another language, block by block (SPEC.md: readers read side by
 * side): each block one row, both languages' words in it, so a paragraph and its translation stand
 * level however long either is. Each row is marked as the stored page's blocks are (`gloss-block
 * data-block`), so keyPage and addMargins give it its key, number and thread link, and comments stay
 * the block's whichever language they are read beside. styles.css puts the two side by side on a wide
 * screen and one above the other on a narrow one.
 */
export function parallelPage(
  blocks: readonly { ordinal: number; kind: string }[],
  shown: ParallelText,
  beside: ParallelText,
): string {
  const cell = (text: ParallelText, html: string) =>
    `<div class="parallel-text" lang="${escapeAttribute(text.lang)}" dir="${textDirection(text.lang)}">${html}</div>`
  return blocks
    .map(
      (block, i) =>
        `<gloss-block data-block="${String(block.ordinal)}" class="parallel-row parallel-${escapeAttribute(block.kind)}"><div class="parallel-pair">${cell(shown, shown.html[i] ?? '')}${cell(beside, besideAnchors(beside.html[i] ?? ''))}</div></gloss-block>`,
    )
    .join('\n')
}
