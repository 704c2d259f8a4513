import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { themeContract as contract } from './theme.contract.ts'
import {
  changeTheme,
  createTheme,
  listThemes,
  removeTheme,
  setThemesOfComment,
  tagThemeComments,
  themeSuggestions,
  untagThemeComment,
} from './theme.service.ts'

/** The handlers of theme.contract.ts's routes. */
export const themeApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.list, async (c) =>
      c.json(await listThemes(db, c.get('viewer'), c.req.valid('param').slug), 200),
    )
    .openapi(contract.create, async (c) =>
      c.json(await createTheme(db, c.get('viewer'), c.req.valid('param').slug, c.req.valid('json')), 201),
    )
    .openapi(contract.change, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await changeTheme(db, c.get('viewer'), slug, Number(id), c.req.valid('json')), 200)
    })
    .openapi(contract.remove, async (c) => {
      const { slug, id } = c.req.valid('param')
      await removeTheme(db, c.get('viewer'), slug, Number(id))
      return c.body(null, 204)
    })
    .openapi(contract.tag, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(
        await tagThemeComments(db, c.get('viewer'), slug, Number(id), c.req.valid('json').commentIds),
        200,
      )
    })
    .openapi(contract.untag, async (c) => {
      const { slug, id, commentId } = c.req.valid('param')
      return c.json(await untagThemeComment(db, c.get('viewer'), slug, Number(id), Number(commentId)), 200)
    })
    .openapi(contract.commentThemes, async (c) =>
      c.json(
        await setThemesOfComment(
          db,
          c.get('viewer'),
          Number(c.req.valid('param').id),
          c.req.valid('json').themeIds,
        ),
        200,
      ),
    )
    .openapi(contract.suggestions, async (c) => {
      const { slug, n } = c.req.valid('param')
      return c.json(await themeSuggestions(db, c.get('viewer'), slug, n), 200)
    })
