import { Hono } from 'hono'
import { myComments } from '../my-comments.service.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { signedIn } from '../../people/request.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { sendToSignIn } from '../../site/sign-in.ts'
import { isCursor } from '../urls.ts'
import { wordsLanguages } from '../../editions/words-language.service.ts'
import { MY_COMMENTS_PATH, MyCommentsPage } from './my-comments.page.tsx'

/** Pages: "what happened to my comments": a reviewer's own comments across all guides. */
export const myCommentsPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page } = personalPages(assets)
  return new Hono<AppEnv>()
    .get(MY_COMMENTS_PATH, async (c) => {
      signedIn(c)
      const given = c.req.query('cursor')
      const cursor = isCursor(given) ? given : undefined
      const { items, next, summary } = await myComments(db, c.get('viewer'), cursor)
      const wordsLang = await wordsLanguages(db, items)
      return page(
        c,
        <MyCommentsPage
          assets={assets}
          items={items}
          next={next}
          cursor={cursor}
          summary={summary}
          wordsLang={wordsLang}
        />,
      )
    })
    .onError(sendToSignIn())
}
