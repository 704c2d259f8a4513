import type { Deps } from '../platform/http/env.ts'
import { routes } from '../platform/http/contract.ts'
import { editionContract as contract } from './edition.contract.ts'
import { editionLineage } from './lineage.service.ts'
import { createRevision, previewRevision } from './revision.service.ts'
import { placeComment } from './placement.service.ts'
import { transition } from './transition.service.ts'
import { addTranslation } from './translation.service.ts'
import {
  createFromDraftText,
  previewDraftText,
  replaceWorkingDraft,
  workingDraftText,
} from './working-draft-text.service.ts'

/** The handlers of edition.contract.ts's routes. */
export const editionApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.preview, async (c) => {
      const { markdown, ...given } = c.req.valid('json')
      const { slug } = c.req.valid('param')
      const { view } =
        markdown === undefined
          ? await previewDraftText(db, c.get('viewer'), slug, given)
          : await previewRevision(db, c.get('viewer'), slug, { markdown, ...given })
      return c.json(view, 200)
    })
    .openapi(contract.create, async (c) => {
      const { markdown, ...given } = c.req.valid('json')
      const { slug } = c.req.valid('param')
      const created =
        markdown === undefined
          ? await createFromDraftText(db, c.get('viewer'), slug, given)
          : await createRevision(db, c.get('viewer'), slug, { markdown, ...given })
      return c.json(created, 201, {
        location: `/api/guides/${created.slug}/editions/${String(created.number)}`,
      })
    })
    .openapi(contract.workingDraft, async (c) => {
      const { view, etag } = await workingDraftText(db, c.get('viewer'), c.req.valid('param').slug)
      return c.json(view, 200, { etag, 'cache-control': 'private, no-cache' })
    })
    .openapi(contract.replaceWorkingDraft, async (c) => {
      const { view, etag } = await replaceWorkingDraft(
        db,
        c.get('viewer'),
        c.req.valid('param').slug,
        c.req.valid('json').markdown,
        c.req.valid('header')['if-match'],
      )
      return c.json(view, 200, { etag })
    })
    .openapi(contract.lineage, async (c) => {
      const { slug, n } = c.req.valid('param')
      return c.json(await editionLineage(db, c.get('viewer'), slug, n), 200)
    })
    .openapi(contract.transition, async (c) => {
      const { slug, n } = c.req.valid('param')
      const { to, opensAt, closesAt } = c.req.valid('json')
      const edition = await transition(db, c.get('viewer'), slug, n, {
        to,
        opensAt: opensAt === undefined ? undefined : new Date(opensAt),
        closesAt: closesAt === undefined ? undefined : new Date(closesAt),
      })
      return c.json(edition, 200)
    })
    .openapi(contract.translation, async (c) => {
      const { slug, n } = c.req.valid('param')
      return c.json(await addTranslation(db, c.get('viewer'), slug, n, c.req.valid('json')), 201)
    })
    .openapi(contract.placement, async (c) => {
      const { slug, n, commentId } = c.req.valid('param')
      const { blockKey } = c.req.valid('json')
      return c.json(
        await placeComment(db, c.get('viewer'), { slug, number: n, commentId: Number(commentId), blockKey }),
        200,
      )
    })
