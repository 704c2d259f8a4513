import { Hono, type Context } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { editionNumber } from '../platform/http/params.ts'
import { check, readJson } from '../platform/http/validate.ts'
import { idParam } from '../people/people.routes.ts'
import { invalid } from '../kernel/errors.ts'
import { REMOVED } from './comment.repository.ts'
import { CommentEdit, IdempotencyKey, NewComment, NewFlag } from './comment.schemas.ts'
import { editComment, flagComment, withdrawComment } from './comment-change.service.ts'
import { commentCounts, listThread, postComment } from './comment.service.ts'

const idempotencyKey = (c: Context) => {
  const key = c.req.header('idempotency-key')
  return key === undefined ? undefined : check(IdempotencyKey, key)
}

/** `?scope=` of an edition's comments: all of them, the general discussion, or those on removed text. */
const SCOPES: Record<string, null | typeof REMOVED | undefined> = {
  all: undefined,
  general: null,
  removed: REMOVED,
}

const scopeOf = (scope: string) => {
  if (!Object.hasOwn(SCOPES, scope))
    throw invalid('Choose a scope of all, general or removed.', [
      { pointer: '/scope', detail: `"${scope}" is not one.` },
    ])
  return SCOPES[scope]
}

/** Comments on blocks and editions (SPEC.md's routes). */
export const commentRoutes = ({ database: { db }, config }: Deps) => {
  const post = async (c: Context<AppEnv>, blockKey: string | null) => {
    const input = await readJson(c, NewComment)
    const { created, comment } = await postComment(db, config, c.get('viewer'), {
      slug: c.req.param('slug') ?? '',
      number: editionNumber(c.req.param('n')),
      blockKey,
      input,
      idempotencyKey: idempotencyKey(c),
    })
    return c.json(comment, created ? 201 : 200)
  }
  const list = async (c: Context<AppEnv>, blockKey: string | null | typeof REMOVED | undefined) =>
    c.json(
      await listThread(db, c.get('viewer'), {
        slug: c.req.param('slug') ?? '',
        number: editionNumber(c.req.param('n')),
        blockKey,
        cursor: c.req.query('cursor'),
      }),
    )

  return new Hono<AppEnv>()
    .get('/guides/:slug/editions/:n/counts', async (c) =>
      c.json(await commentCounts(db, c.get('viewer'), c.req.param('slug'), editionNumber(c.req.param('n')))),
    )
    .get('/guides/:slug/editions/:n/blocks/:key/comments', (c) => list(c, c.req.param('key')))
    .post('/guides/:slug/editions/:n/blocks/:key/comments', (c) => post(c, c.req.param('key')))
    .get('/guides/:slug/editions/:n/comments', (c) => list(c, scopeOf(c.req.query('scope') ?? 'all')))
    .post('/guides/:slug/editions/:n/comments', (c) => post(c, null))
    .patch('/comments/:id', async (c) => {
      const input = await readJson(c, CommentEdit)
      return c.json(
        await editComment(db, config, c.get('viewer'), idParam(c.req.param('id'), 'That comment'), input),
      )
    })
    .post('/comments/:id/withdraw', async (c) =>
      c.json(await withdrawComment(db, c.get('viewer'), idParam(c.req.param('id'), 'That comment'))),
    )
    .post('/comments/:id/flags', async (c) => {
      const { reason } = await readJson(c, NewFlag)
      await flagComment(db, config, c.get('viewer'), idParam(c.req.param('id'), 'That comment'), reason)
      return c.body(null, 204)
    })
}
