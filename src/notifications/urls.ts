/** A person's notices page. */
export const notificationsPath = '/me/notifications'

/** Opening one notice: marked read, then on to what it is about. */
export const noticePath = (id: string) => `${notificationsPath}/${id}`

/** The form that marks every notice read. */
export const markAllReadPath = `${notificationsPath}/read`

/** The form that follows, or stops following, a guide or (with a `key` field) one of its paragraphs. */
export const followFormPath = (slug: string) => `/g/${encodeURIComponent(slug)}/follow`

/** What a person follows, each with a form to stop. */
export const followingPath = '/me/following'

/**
 * Where a follow form lands: the list of what the person follows, saying what they now follow (or no
 * longer do) and offering the way back to where the form was.
 */
export const followedPath = (done: {
  /** `offer`: not yet, the person pressed Follow before signing in, so the page asks once more. */
  following: boolean | 'offer'
  slug: string
  blockKey: string | null
  back: string
}) => {
  const said = done.following === 'offer' ? 'offer' : done.following ? 'followed' : 'unfollowed'
  const query = new URLSearchParams({ done: said, guide: done.slug })
  if (done.blockKey !== null) query.set('key', done.blockKey)
  if (done.back !== followingPath) query.set('back', done.back)
  return `${followingPath}?${query.toString()}`
}
