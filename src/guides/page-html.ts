/**
 * The stored page of an edition is the document rendered once, its blocks marked (see
 * markdown/render.ts): `<gloss-block data-block="N">` around a block, or `data-block` on a list item or
 * footnote with `<gloss-block data-item="N">` inside it. These passes work on HTML Gloss wrote itself;
 * the sanitiser removes `gloss-block` and `data-*` from a guide's raw HTML, so only Gloss's marks match.
 */
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
}

/**
 * Puts a `gloss-margin` first in every block's `gloss-block`: its number as a permalink and a link to
 * its thread, so the page is complete without JavaScript; the `gloss-block` element enhances it.
 */
export function addMargins(page: string, blocks: readonly MarginBlock[], links: MarginLinks): string {
  return page.replace(MARKED, (whole, tag: string, _before: string, _mark: string, ordinal: string) => {
    const block = blocks[Number(ordinal)]
    if (tag !== 'gloss-block' || !block) return whole
    const thread = links.thread
      ? ` <a class="thread-link" href="${links.thread(block.key)}">Comments<span class="visually-hidden"> on paragraph ${block.number}</span></a>`
      : ''
    return `${whole}<gloss-margin slot="margin"><a class="permalink" href="${links.permalink(block.key)}" aria-label="Paragraph ${block.number}, permanent link">${block.number}</a>${thread}</gloss-margin>`
  })
}
