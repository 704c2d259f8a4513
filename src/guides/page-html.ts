/**
 * The stored page of an edition is the document rendered once, its blocks marked (see
 * markdown/render.ts): `<gloss-block data-block="N">` around a block, or `data-block` on a list item or
 * footnote with `<gloss-block data-item="N">` inside it. These passes work on HTML Gloss wrote itself;
 * the sanitiser removes `gloss-block` and `data-*` from a guide's raw HTML, so only Gloss's marks match.
 */

import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
const MARKED = /<(gloss-block|li)((?:\s[^>]*)?)\sdata-(block|item)="(\d+)"((?:\s[^>]*)?)>/g

/**
 * Gives each block its key as an id, so `/g/slug/n#key` reaches it: on the wrapper, or on the list item;
 * a footnote keeps the id its references use, and the wrapper inside it takes the key.
 */
export function keyPage(page: string, keys: readonly string[]): string {
  const itemHasId = new Set<string>()
  return page.replace(
    MARKED,
    (whole, tag: string, before: string, mark: string, ordinal: string, after: string) => {
      const key = keys[Number(ordinal)]
      if (key === undefined) return whole
      const hasId = /\sid="/.test(before + after)
      if (tag === 'li' && hasId) itemHasId.add(ordinal)
      const needsId = tag === 'li' ? !hasId : mark === 'block' || itemHasId.has(ordinal)
      return needsId ? `<${tag} id="${key}"${before} data-${mark}="${ordinal}"${after}>` : whole
    },
  )
}

export interface MarginBlock {
  number: string
  key: string
}

export interface MarginLinks {
  permalink: (key: string) => string
  /** The block's thread page, where the edition takes or shows feedback. */
  thread?: ((key: string) => string) | undefined
  /** Published comments by block key, shown on the thread links; a block not in it has none. */
  counts?: ReadonlyMap<string | null, number> | undefined
  /** Whether a block nobody has commented on offers a link to comment (the window is open). */
  invite?: boolean | undefined
  /** The interface language the margins speak (the text between them keeps the guide's). */
  language?: Lang | undefined
  /** Which way the guide's text runs (the text shown): the side of the rail every margin stands in. */
  textDirection?: 'ltr' | 'rtl' | undefined
}

/** Catalogue words in HTML written by hand: no message holds markup, but a translation might hold `&`. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')

/**
 * Puts a `gloss-margin` first in every block's `gloss-block`: its number as a permalink and a link to
 * its thread saying how many comments it has, so the page is complete without JavaScript; the
 * `gloss-block` element enhances it. A block without comments says nothing of "0 comments": it offers
 * to comment while the window is open, and has no link once nothing can be added to it.
 *
 * Each block takes `dir="auto"` (SPEC.md: any script works): a Hebrew or Arabic paragraph in an English
 * guide runs right to left, and an English one in an Arabic guide left to right. Its margin carries the
 * guide's direction in its own `dir`, which keeps the margin in the guide's rail whatever its block's
 * direction, and keeps the margin's words (the interface's, first in the block) out of the block's
 * choice, as the HTML standard skips an element with a `dir` of its own. A side-by-side row holds two
 * texts, each with the direction of its language (parallel-text.ts), so the row itself takes none.
 */
export function addMargins(page: string, blocks: readonly MarginBlock[], links: MarginLinks): string {
  const language = links.language ?? 'en'
  const direction = links.textDirection ?? 'ltr'
  const t = translator(language)
  return page.replace(MARKED, (whole, tag: string, _before: string, _mark: string, ordinal: string) => {
    const block = blocks[Number(ordinal)]
    if (tag !== 'gloss-block' || !block) return whole
    const opening = /\s(?:dir=|class="parallel-row)/.test(whole) ? whole : `${whole.slice(0, -1)} dir="auto">`
    const count = links.counts?.get(block.key) ?? 0
    const thread =
      links.thread && (count > 0 || links.invite)
        ? ` <a class="thread-link${count > 0 ? '' : ' quiet'}" href="${links.thread(block.key)}">${escapeHtml(count > 0 ? t('margin.comments', { count }) : t('margin.comment'))}<span class="visually-hidden">${escapeHtml(t('margin.onParagraph', { number: block.number }))}</span></a>`
        : ''
    return `${opening}<gloss-margin slot="margin" lang="${language}" dir="${direction}"><a class="permalink" href="${links.permalink(block.key)}" aria-label="${escapeHtml(t('margin.permalink', { number: block.number }))}">${block.number}</a>${thread}</gloss-margin>`
  })
}
