import type { Config } from '../../config.ts'
import type { Database } from '../db/database.ts'
import type { Assets } from './assets.ts'
import type { Viewer } from '../../people/viewer.ts'
import type { Lang } from '../i18n/languages.ts'
import type { LiveHub } from '../../live/live-hub.ts'

/** What every route can reach. Built once in createApp; tests build it the same way. */
export interface Deps {
  config: Config
  database: Database
  assets: Assets
  live: LiveHub
}

export interface AppEnv {
  Variables: {
    requestId: string
    viewer: Viewer
    /** The interface language: see platform/http/language.ts for how it is chosen. */
    lang: Lang
  }
}
