/** The one-click unsubscribe address in every message (its token signs the person's id). */
export const unsubscribePath = (token: string) => `/unsubscribe/${token}`

/** Where a person chooses how notices reach them: the email settings form on the notices page. */
export { emailSettingsPagePath as notificationSettingsPath } from '../notifications/notification-settings.urls.ts'
