/** Where the report and the redlines live, for links from other pages (the manage page, a reviewer's page). */
export const reportPath = (slug: string, edition: number) => `/g/${slug}/${String(edition)}/report`

export const reportCsvPath = (slug: string, edition: number) => `${reportPath(slug, edition)}.csv`

/** The text of edition `to` marked against edition `from` (from < to). */
export const redlinePath = (slug: string, from: number, to: number) =>
  `/g/${slug}/redline/${String(from)}/${String(to)}`
