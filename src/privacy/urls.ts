/** A guide's privacy notice: who runs it, what is kept and published, for how long, and how to ask for erasure. */
export const privacyPath = (slug: string) => `/g/${encodeURIComponent(slug)}/privacy`
