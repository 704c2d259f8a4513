import { api } from './api.ts'

/** Whether the signed-in reader follows a paragraph (by key, across editions) or, with no key, the guide. */
export interface FollowState {
  following: boolean
  blockKey: string | null
}

const followPath = (slug: string, blockKey: string | null) =>
  blockKey === null ? `/api/guides/${slug}/follow` : `/api/guides/${slug}/blocks/${blockKey}/follow`

export const followState = (slug: string, blockKey: string | null): Promise<FollowState> =>
  api<FollowState>(followPath(slug, blockKey))

/** Follows or stops following; doing either twice is doing it once. */
export const setFollowing = (
  slug: string,
  blockKey: string | null,
  following: boolean,
): Promise<FollowState> =>
  api<FollowState>(followPath(slug, blockKey), { method: following ? 'PUT' : 'DELETE' })
