/** The one-click unsubscribe address in every message (its token signs the person's id). */
export const unsubscribePath = (token: string) => `/unsubscribe/${token}`

/**
 * A mail program's one-click unsubscribe (RFC 8058): a POST to a message's link, which mail providers
 * send from their own origin (Gmail's, say). The signed token is its authority, so the same-origin
 * check lets it through; nothing else under it.
 */
export const isOneClickUnsubscribe = (method: string, path: string) =>
  method === 'POST' && /^\/unsubscribe\/[^/]+$/.test(path)

/** Where a person chooses how notices reach them: the email settings form on the notices page. */
export { emailSettingsPagePath as notificationSettingsPath } from '../notifications/notification-settings.urls.ts'
