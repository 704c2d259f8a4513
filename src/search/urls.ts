/** Search across every guide, or within one. */
export const searchPath = (guide: { slug: string } | null) => (guide ? `/g/${guide.slug}/search` : '/search')
