import { Hono } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { editionNumber } from '../platform/http/params.ts'
import { readJson } from '../platform/http/validate.ts'
import { editionLineage } from './lineage.service.ts'
import { RevisionInput, Transition } from './edition.schemas.ts'
import { createRevision, previewRevision } from './revision.service.ts'
import { transition } from './transition.service.ts'

/** Editions: their lineage, revising into the next one, and draft → open → closed → published. */
export const editionRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>()
    .post('/guides/:slug/editions/preview', async (c) => {
      const input = await readJson(c, RevisionInput)
      const { view } = await previewRevision(db, c.get('viewer'), c.req.param('slug'), input)
      return c.json(view)
    })
    .post('/guides/:slug/editions', async (c) => {
      const input = await readJson(c, RevisionInput)
      const created = await createRevision(db, c.get('viewer'), c.req.param('slug'), input)
      return c.json(created, 201, {
        location: `/api/guides/${created.slug}/editions/${String(created.number)}`,
      })
    })
    .get('/guides/:slug/editions/:n/lineage', async (c) =>
      c.json(await editionLineage(db, c.get('viewer'), c.req.param('slug'), editionNumber(c.req.param('n')))),
    )
    .post('/guides/:slug/editions/:n/transitions', async (c) => {
      const input = await readJson(c, Transition)
      const edition = await transition(
        db,
        c.get('viewer'),
        c.req.param('slug'),
        editionNumber(c.req.param('n')),
        {
          to: input.to,
          opensAt: input.opensAt === undefined ? undefined : new Date(input.opensAt),
          closesAt: input.closesAt === undefined ? undefined : new Date(input.closesAt),
        },
      )
      return c.json(edition)
    })
