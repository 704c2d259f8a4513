/** Where each feed lives; the pages link to these (relative) and the feeds name themselves (absolute). */
export const guideCommentsFeedPath = (slug: string) => `/g/${slug}/comments.atom`
export const editionCommentsFeedPath = (slug: string, number: number) =>
  `/g/${slug}/${String(number)}/comments.atom`
export const blockCommentsFeedPath = (slug: string, number: number, key: string) =>
  `/g/${slug}/${String(number)}/b/${key}/comments.atom`
export const guideEditionsFeedPath = (slug: string) => `/g/${slug}/editions.atom`
export const EDITIONS_FEED_PATH = '/editions.atom'
export const PERSONAL_FEED_PATH = '/me/feed.atom'
/** The form that makes a new address for a person's own feed. */
export const FEED_ADDRESS_PATH = '/account/feed'
