import { defaultSchema, type Schema } from 'hast-util-sanitize'

/**
 * Raw HTML written in a guide is untrusted: GitHub's schema, with its ids and names prefixed so they
 * cannot clobber the page's own.
 */
export const rawHtmlSchema: Schema = { ...defaultSchema, clobberPrefix: 'user-content-' }

/**
 * The whole rendered document. Ids made by remark-rehype (footnotes) and by the raw HTML pass are
 * already prefixed, so this pass must not prefix again; `gloss-raw` is the placeholder Gloss puts where
 * a raw HTML node was (see render.ts): raw HTML itself cannot produce it, its own pass drops unknown tags.
 */
export const documentSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'gloss-raw'],
}
