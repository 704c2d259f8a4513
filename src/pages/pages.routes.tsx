import { Hono } from 'hono'
import { addMargins } from '../guides/page-html.ts'
import { marginsOfEdition, pageHtmlOf } from '../guides/guide.repository.ts'
import { removedBlockCount } from '../editions/edition.repository.ts'
import { PageCache } from './page-cache.ts'
import {
  getEdition,
  getGuide,
  listGuides,
  newestEditionNumber,
  resolvePermalink,
} from '../guides/reading.service.ts'
import { isKey } from '../guides/keys.ts'
import { may } from '../people/policy.ts'
import type { AppEnv, Deps } from '../http/env.ts'
import type { Viewer } from '../people/viewer.ts'
import { editionNumber } from '../http/params.ts'
import { EditionPage, type TocEntry } from './edition.page.tsx'
import { HomePage } from './home.page.tsx'
import { MessagePage } from './message.page.tsx'

/** Server-rendered reading pages: complete without JavaScript. */
export const pageRoutes = ({ database: { db }, assets }: Deps) => {
  // Editions leave draft frozen, so an edition's page only changes with its state or the list of
  // editions beside it: kept rendered, keyed by both, its margins and contents cost a lookup instead of a render.
  const rendered = new PageCache<{ pageHtml: string; toc: TocEntry[]; removedBlocks: number }>(64)

  const renderEdition = async (viewer: Viewer, slug: string, number: number, canonical: string) => {
    const { guide, edition } = await getEdition(db, slug, number, viewer)
    const { editions } = await getGuide(db, slug, viewer)
    const cacheKey = `${String(edition.id)}:${edition.state}:${edition.contentHash}:${canonical}:${editions.map((e) => `${String(e.number)}${e.state}`).join(',')}`
    let body = rendered.get(cacheKey)
    if (!body) {
      const [stored, blocks, removedBlocks] = await Promise.all([
        pageHtmlOf(db, edition.id),
        marginsOfEdition(db, edition.id),
        removedBlockCount(db, edition.id),
      ])
      const takesFeedback = edition.state === 'open' || edition.state === 'closed'
      body = {
        pageHtml: addMargins(stored, blocks, {
          permalink: (key) => `/g/${slug}/p/${key}`,
          thread: takesFeedback ? (key) => `/g/${slug}/${String(number)}/b/${key}` : undefined,
        }),
        toc: blocks.flatMap((b) =>
          b.headingText === null
            ? []
            : [{ key: b.key, number: b.number, text: b.headingText, depth: b.depth + 1 }],
        ),
        removedBlocks,
      }
      rendered.set(cacheKey, body)
    }
    return (
      <EditionPage
        assets={assets}
        guide={guide}
        edition={edition}
        editions={editions}
        toc={body.toc}
        pageHtml={body.pageHtml}
        removedBlocks={body.removedBlocks}
        canonical={canonical}
      />
    )
  }

  return new Hono<AppEnv>()
    .get('/', async (c) =>
      c.html(
        <HomePage
          assets={assets}
          guides={(await listGuides(db, c.get('viewer'))).map((g) => ({
            ...g,
            mayEdit: may(c.get('viewer'), 'edit', g),
          }))}
        />,
      ),
    )
    .get('/g/:slug', async (c) => {
      const slug = c.req.param('slug')
      const number = await newestEditionNumber(db, slug, c.get('viewer'))
      return c.html(await renderEdition(c.get('viewer'), slug, number, `/g/${slug}/${number}`))
    })
    .get('/g/:slug/p/:key', async (c) => {
      const { slug, key } = c.req.param()
      const target = isKey(key) ? await resolvePermalink(db, slug, key, c.get('viewer')) : undefined
      if (target?.found) return c.redirect(`/g/${slug}/${String(target.editionNumber)}#${target.key}`, 302)
      const last = target?.lastSeen
      return c.html(
        <MessagePage assets={assets} title={last ? 'This paragraph was removed' : 'Paragraph not found'}>
          {last ? (
            <p>
              This paragraph was removed from the guide in edition {last.removedIn}. It was last in{' '}
              <a href={`/g/${slug}/${String(last.editionNumber)}#${last.key}`}>
                edition {last.editionNumber}
              </a>
              , which stays readable. <a href={`/g/${slug}`}>Read the newest edition</a>.
            </p>
          ) : (
            <p>
              No edition of this guide that you can read has this paragraph.{' '}
              <a href={`/g/${slug}`}>Read the guide</a>.
            </p>
          )}
        </MessagePage>,
        last ? 410 : 404,
      )
    })
    .get('/g/:slug/:n', async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      return c.html(await renderEdition(c.get('viewer'), slug, number, `/g/${slug}/${number}`))
    })
}
