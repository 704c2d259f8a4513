/** A person's notices page. */
export const notificationsPath = '/me/notifications'

/** Opening one notice: marked read, then on to what it is about. */
export const noticePath = (id: string) => `${notificationsPath}/${id}`

/** The form that marks every notice read. */
export const markAllReadPath = `${notificationsPath}/read`

/** The form that follows, or stops following, a guide or (with a `key` field) one of its paragraphs. */
export const followFormPath = (slug: string) => `/g/${encodeURIComponent(slug)}/follow`
