import { defaultSchema, type Schema } from 'hast-util-sanitize'

/**
 * Raw HTML written in a guide is untrusted: GitHub's schema, with its ids and names prefixed so they
 * cannot clobber the page's own.
 */
export const rawHtmlSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: 'user-content-',
  // Style sheets are dropped with their contents, not shown to readers as text.
  strip: [...(defaultSchema.strip ?? []), 'style'],
}

/**
 * Inline raw HTML is parsed together with the text around it (so `<a href>text</a>` stays a link); that
 * run may hold ids Gloss made (footnote calls), so ids are not prefixed here but in render.ts, unless
 * they already carry the prefix.
 */
export const inlineHtmlSchema: Schema = { ...rawHtmlSchema, clobber: [] }
export const CLOBBER_PREFIX = 'user-content-'
export const CLOBBERING = ['id', 'name', 'ariaDescribedBy', 'ariaLabelledBy'] as const

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
