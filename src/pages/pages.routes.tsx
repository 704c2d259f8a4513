import { Hono } from 'hono'
import { addMargins } from '../guides/page-html.ts'
import {
  getEditionWithBlocks,
  getGuide,
  listGuides,
  newestEditionNumber,
  resolvePermalink,
} from '../guides/reading.service.ts'
import { isKey } from '../guides/keys.ts'
import type { AppEnv, Deps } from '../http/env.ts'
import type { Viewer } from '../people/viewer.ts'
import { editionNumber } from '../http/params.ts'
import { EditionPage } from './edition.page.tsx'
import { HomePage } from './home.page.tsx'
import { MessagePage } from './message.page.tsx'

/** Server-rendered reading pages: complete without JavaScript. */
export const pageRoutes = ({ database: { db }, assets }: Deps) => {
  const renderEdition = async (viewer: Viewer, slug: string, number: number, canonical: string) => {
    const { guide, edition, blocks } = await getEditionWithBlocks(db, slug, number, viewer)
    const { editions } = await getGuide(db, slug, viewer)
    const takesFeedback = edition.state === 'open' || edition.state === 'closed'
    const pageHtml = addMargins(edition.pageHtml, blocks, {
      permalink: (key) => `/g/${slug}/p/${key}`,
      thread: takesFeedback ? (key) => `/g/${slug}/${number}/b/${key}` : undefined,
    })
    const toc = blocks
      .filter((b) => b.kind === 'heading')
      .map((b) => ({ key: b.key, number: b.number, text: b.text, depth: b.sectionPath.length + 1 }))
    return (
      <EditionPage
        assets={assets}
        guide={guide}
        edition={edition}
        editions={editions}
        toc={toc}
        pageHtml={pageHtml}
        canonical={canonical}
      />
    )
  }

  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.html(<HomePage assets={assets} guides={await listGuides(db, c.get('viewer'))} />),
    )
    .get('/g/:slug', async (c) => {
      const slug = c.req.param('slug')
      const number = await newestEditionNumber(db, slug, c.get('viewer'))
      return c.html(await renderEdition(c.get('viewer'), slug, number, `/g/${slug}/${number}`))
    })
    .get('/g/:slug/p/:key', async (c) => {
      const { slug, key } = c.req.param()
      const target = isKey(key) ? await resolvePermalink(db, slug, key, c.get('viewer')) : undefined
      if (target?.found) return c.redirect(`/g/${slug}/${target.editionNumber}#${key}`, 302)
      return c.html(
        <MessagePage assets={assets} title="Paragraph not found">
          <p>
            No edition of this guide that you can read has this paragraph.{' '}
            <a href={`/g/${slug}`}>Read the guide</a>.
          </p>
        </MessagePage>,
        404,
      )
    })
    .get('/g/:slug/:n', async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      return c.html(await renderEdition(c.get('viewer'), slug, number, `/g/${slug}/${number}`))
    })
}
