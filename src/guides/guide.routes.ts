import { Hono } from 'hono'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { editionNumber } from '../platform/http/params.ts'
import { readJson } from '../platform/http/validate.ts'
import { NewGuide } from './guide.schemas.ts'
import { createGuide } from './guide.service.ts'
import { countByBlock } from '../comments/comment.repository.ts'
import { getEditionWithBlocks, getGuide, listGuides } from './reading.service.ts'

/** The JSON API over guides and editions (SPEC.md's route table). */
export const guideRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>()
    .post('/guides', async (c) => {
      const { markdown, slug } = await readJson(c, NewGuide)
      const guide = await createGuide(db, c.get('viewer'), markdown, slug)
      return c.json(guide, 201, { location: `/api/guides/${guide.slug}` })
    })
    .get('/guides', async (c) => {
      const guides = await listGuides(db, c.get('viewer'))
      return c.json({
        items: guides.map((g) => ({
          slug: g.slug,
          title: g.title,
          summary: g.summary,
          lang: g.lang,
          newestEdition: { number: g.editionNumber, state: g.editionState },
        })),
        next: null,
      })
    })
    .get('/guides/:slug', async (c) => {
      const { guide, editions } = await getGuide(db, c.req.param('slug'), c.get('viewer'))
      return c.json({
        slug: guide.slug,
        title: guide.title,
        summary: guide.summary,
        lang: guide.lang,
        editions: editions.map((e) => ({
          number: e.number,
          state: e.state,
          title: e.title,
          opensAt: e.opensAt,
          closesAt: e.closesAt,
          createdAt: e.createdAt,
          publishedAt: e.publishedAt,
          blockCount: e.blockCount,
        })),
      })
    })
    .get('/guides/:slug/editions/:n', async (c) => {
      const { guide, edition, blocks } = await getEditionWithBlocks(
        db,
        c.req.param('slug'),
        editionNumber(c.req.param('n')),
        c.get('viewer'),
      )
      const counts = await countByBlock(db, edition.id)
      return c.json({
        guide: guide.slug,
        number: edition.number,
        state: edition.state,
        title: edition.title,
        opensAt: edition.opensAt,
        closesAt: edition.closesAt,
        createdAt: edition.createdAt,
        publishedAt: edition.publishedAt,
        contentHash: edition.contentHash,
        blocks: blocks.map((b) => ({
          key: b.key,
          ordinal: b.ordinal,
          kind: b.kind,
          number: b.number,
          sectionPath: b.sectionPath,
          text: b.text,
          html: b.html,
          commentCount: counts.get(b.key) ?? 0,
        })),
      })
    })
