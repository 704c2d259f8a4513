import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../http/env.ts'

/** Pages: "what happened to my comments": a reviewer's own comments across all guides. */
export const myCommentsPageRoutes = (_deps: Deps) => new Hono<AppEnv>()
