import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { REMOVED } from './removed-text.ts'
import { commentContract as contract } from './comment.contract.ts'
import { editComment, flagComment, withdrawComment } from './comment-change.service.ts'
import { commentCounts, listThread, postComment } from './comment.service.ts'

/** `?scope=` of an edition's comments: all of them, the general discussion, or those on removed text. */
const SCOPES = { all: undefined, general: null, removed: REMOVED } as const

/** The handlers of comment.contract.ts's routes. */
export const commentApi = ({ database: { db }, config }: Deps) =>
  routes()
    .openapi(contract.counts, async (c) => {
      const { slug, n } = c.req.valid('param')
      return c.json(await commentCounts(db, c.get('viewer'), slug, n), 200)
    })
    .openapi(contract.blockThread, async (c) => {
      const { slug, n, key } = c.req.valid('param')
      const { cursor } = c.req.valid('query')
      return c.json(await listThread(db, c.get('viewer'), { slug, number: n, blockKey: key, cursor }), 200)
    })
    .openapi(contract.editionComments, async (c) => {
      const { slug, n } = c.req.valid('param')
      const { cursor, scope } = c.req.valid('query')
      return c.json(
        await listThread(db, c.get('viewer'), { slug, number: n, blockKey: SCOPES[scope], cursor }),
        200,
      )
    })
    .openapi(contract.postOnBlock, async (c) => {
      const { slug, n, key } = c.req.valid('param')
      const { created, comment } = await postComment(db, config, c.get('viewer'), {
        slug,
        number: n,
        blockKey: key,
        input: c.req.valid('json'),
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      })
      return created ? c.json(comment, 201) : c.json(comment, 200)
    })
    .openapi(contract.postGeneral, async (c) => {
      const { slug, n } = c.req.valid('param')
      const { created, comment } = await postComment(db, config, c.get('viewer'), {
        slug,
        number: n,
        blockKey: null,
        input: c.req.valid('json'),
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      })
      return created ? c.json(comment, 201) : c.json(comment, 200)
    })
    .openapi(contract.edit, async (c) =>
      c.json(
        await editComment(
          db,
          config,
          c.get('viewer'),
          Number(c.req.valid('param').id),
          c.req.valid('json'),
          c.req.valid('header')['if-match'],
        ),
        200,
      ),
    )
    .openapi(contract.withdraw, async (c) =>
      c.json(await withdrawComment(db, c.get('viewer'), Number(c.req.valid('param').id)), 200),
    )
    .openapi(contract.flag, async (c) => {
      const { reason } = c.req.valid('json')
      await flagComment(db, config, c.get('viewer'), Number(c.req.valid('param').id), reason)
      return c.body(null, 204)
    })
