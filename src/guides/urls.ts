/** Where a guide and its editions are read, for links from every page and feed. */
export const guidePath = (slug: string) => `/g/${slug}`

/** An edition's reading page, at a paragraph when a key is given. */
export const editionPath = (slug: string, number: number, key?: string) =>
  `${guidePath(slug)}/${String(number)}${key === undefined ? '' : `#${key}`}`

/** A paragraph's lasting address: the newest edition that still has it. */
export const permalinkPath = (slug: string, key: string) => `${guidePath(slug)}/p/${key}`

/** A guide's settings, for its editors. */
export const guideSettingsPath = (slug: string) => `${guidePath(slug)}/settings`
