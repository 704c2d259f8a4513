import { z } from '@hono/zod-openapi'
import { EMAIL_CHOICES } from '../kernel/words.ts'
import { body, declare, json } from '../platform/http/contract.ts'

export const NotificationSettings = z
  .strictObject({
    email: z.enum(EMAIL_CHOICES).openapi({
      description:
        'How notices reach you by email: each at once, a daily or weekly digest, or not at all (daily until you choose)',
    }),
  })
  .openapi('NotificationSettings')

/** How a person's notices reach them by email. */
export const notificationSettingsContract = {
  read: declare({
    method: 'get',
    path: '/me/notification-settings',
    tag: 'notifications',
    summary: 'How your notices reach you by email',
    access: 'signed in',
    responses: { 200: json(NotificationSettings, 'Your choice (daily when you never made one)') },
  }),
  change: declare({
    method: 'put',
    path: '/me/notification-settings',
    tag: 'notifications',
    summary: 'Choose how your notices reach you by email',
    access: 'signed in',
    request: { body: body(NotificationSettings) },
    responses: { 200: json(NotificationSettings, 'Your choice, as kept') },
  }),
}
