import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../http/env.ts'

/** Pages: triage for editors: all feedback on an edition by block, filters, heat strip, decisions. */
export const triagePageRoutes = (_deps: Deps) => new Hono<AppEnv>()
