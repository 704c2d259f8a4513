import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../http/env.ts'

/** Pages: the editor's pages: managing a guide's editions and revising it (working draft, lineage preview). */
export const editorPageRoutes = (_deps: Deps) => new Hono<AppEnv>()
