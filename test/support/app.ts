import { createApp } from '../../src/app.tsx'
import { loadConfig, type Config, type RateLimits } from '../../src/config.ts'
import { buildAssets, type Assets } from '../../src/platform/http/assets.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { LiveHub } from '../../src/live/live-hub.ts'
import { useLogLevel } from '../../src/platform/log.ts'

let assets: Promise<Assets> | undefined

/** The app as the server builds it, over a test database; requests go through `app.request`. */
export type ConfigOverrides = Partial<Omit<Config, 'rateLimits'>> & { rateLimits?: Partial<RateLimits> }

export async function testApp(database: Database, overrides: ConfigOverrides = {}) {
  assets ??= buildAssets()
  const base = loadConfig({})
  // The logger stays silent in tests unless LOG_LEVEL asks for it, to see what a failing test's app did.
  if (process.env.LOG_LEVEL) useLogLevel(loadConfig({ LOG_LEVEL: process.env.LOG_LEVEL }).logLevel)
  const config: Config = {
    ...base,
    ...overrides,
    rateLimits: { ...base.rateLimits, ...overrides.rateLimits },
  }
  return createApp({ config, database, assets: await assets, live: new LiveHub(database) })
}

/** A JSON request from a script (no Origin header), as SPEC.md allows. */
export const json = (method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
})
