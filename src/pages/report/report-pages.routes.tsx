import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../http/env.ts'

/** Pages: the "you said, we did" report (page and CSV) and redlines between editions. */
export const reportPageRoutes = (_deps: Deps) => new Hono<AppEnv>()
