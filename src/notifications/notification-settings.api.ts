import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { notificationSettingsContract as contract } from './notification-settings.contract.ts'
import { changeNotificationSettings, notificationSettings } from './notification-settings.service.ts'

const NO_STORE = { 'cache-control': 'no-store' }

/** The handlers of notification-settings.contract.ts: personal, so never kept by a cache. */
export const notificationSettingsApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.read, async (c) =>
      c.json(await notificationSettings(db, c.get('viewer')), 200, NO_STORE),
    )
    .openapi(contract.change, async (c) =>
      c.json(await changeNotificationSettings(db, c.get('viewer'), c.req.valid('json')), 200, NO_STORE),
    )
