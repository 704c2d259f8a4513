import { Hono } from 'hono'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { sendToSignIn } from '../../site/sign-in.ts'
import { accountPageRoutes } from './account-pages.routes.tsx'
import { adminPageRoutes } from './admin-pages.routes.tsx'
import { invitationPageRoutes } from './invitation-pages.routes.tsx'
import { participantsPageRoutes } from './participants-pages.routes.tsx'
import { signInPageRoutes } from './sign-in-pages.routes.tsx'
import { signUpPageRoutes } from './sign-up-pages.routes.tsx'

/**
 * The people pages: plain HTML forms over the same services as the JSON API (account.api.ts and its
 * neighbours), complete without JavaScript. A refused form comes back with what was typed and an error
 * summary; signed-out visitors to a page that needs an account are sent to sign in first.
 */
export const peoplePageRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .route('/', signUpPageRoutes(deps))
    .route('/', signInPageRoutes(deps))
    .route('/', invitationPageRoutes(deps))
    .route('/', accountPageRoutes(deps))
    .route('/', adminPageRoutes(deps))
    .route('/', participantsPageRoutes(deps))
    .onError(sendToSignIn())
