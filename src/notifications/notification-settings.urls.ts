import { notificationsPath } from './urls.ts'

/** Where the email settings form posts. Its old page here now sends people to the form on the notices page. */
export const emailSettingsPath = `${notificationsPath}/email`

/** The email settings form, on the notices page: the one place it is shown (mail footers link here). */
export const emailSettingsPagePath = `${notificationsPath}#email`
