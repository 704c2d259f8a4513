import type { ShownState } from '../../kernel/shown-state.ts'
import { raw } from 'hono/html'
import type { EditionState } from '../../kernel/words.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from './home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { Time } from '../../site/form.tsx'
import { SearchBox } from '../../search/pages/search-box.tsx'
import { editionCommentsFeedPath, guideEditionsFeedPath } from '../../feeds/urls.ts'
import { FollowLinks, type PageFeed } from '../../site/follow-links.tsx'
import { forReaders } from '../../site/reader-html.ts'
import { EditionNotice, type Standing } from './edition-notice.tsx'
import { searchPath } from '../../search/urls.ts'
import { removedPath, threadPath } from '../../comments/urls.ts'
import { redlinePath, reportPath } from '../../reports/urls.ts'
import { editionPath } from '../urls.ts'

export interface TocEntry {
  key: string
  number: string
  text: string
  depth: number
}

export interface EditionPageProps {
  assets: Assets
  guide: { slug: string; title: string; summary: string; lang: string }
  edition: {
    number: number
    state: EditionState
    title: string
    opensAt: Date | null
    closesAt: Date | null
    publishedAt: Date | null
  }
  /** How the edition stands as the page is rendered (an open edition's window may not have opened, or be past). */
  shown: ShownState
  editions: { number: number; state: EditionState }[]
  toc: TocEntry[]
  /** The edition's text with its margins, rendered and sanitised at import. */
  pageHtml: string
  /** Paragraphs of the edition before that this one removed; comments on them are listed apart. */
  removedBlocks: number
  canonical: string
  /** The page's address as printed: the configured public URL's, else its path (the script adds the origin). */
  address: string
  /** Whether this is the guide's current edition, and what a reader of it is pointed to. */
  standing: Standing
}

/** A draft has no feeds: they are public, and a draft is not. */
const feedsOf = (p: EditionPageProps): PageFeed[] =>
  p.edition.state === 'draft'
    ? []
    : [
        {
          title: `New comments on edition ${String(p.edition.number)}`,
          href: editionCommentsFeedPath(p.guide.slug, p.edition.number),
        },
        { title: `New editions of “${p.guide.title}”`, href: guideEditionsFeedPath(p.guide.slug) },
      ]

/** The search box looks in the edition read: the newest one by default, an older one by its number. */
const searchedEdition = (p: EditionPageProps) =>
  p.editions.at(-1)?.number === p.edition.number
    ? { label: 'Search this guide' }
    : { label: `Search edition ${String(p.edition.number)}`, edition: p.edition.number }

export const EditionPage = (p: EditionPageProps) => (
  <Layout
    title={`${p.edition.title} · Gloss`}
    assets={p.assets}
    lang={p.guide.lang}
    description={p.guide.summary}
    canonical={p.canonical}
    feeds={feedsOf(p)}
    skipTo="text"
  >
    <EditionNotice slug={p.guide.slug} standing={p.standing} />
    <SearchBox action={searchPath(p.guide)} {...searchedEdition(p)} />
    <div class="guide-layout">
      <nav class="toc" aria-label="Contents">
        <details class="toc-details">
          <summary>Contents</summary>
          <ol>
            {p.toc.map((entry) => (
              <li class={`depth-${entry.depth}`}>
                <a href={`#${entry.key}`}>{entry.text}</a>
              </li>
            ))}
          </ol>
        </details>
      </nav>
      <article class="guide-text" dir="auto">
        <p class="guide-meta">
          <span class="badge">{stateLabel(p.shown)}</span> Edition {p.edition.number}
          {p.shown === 'upcoming' && p.edition.opensAt ? (
            <>
              {' '}
              · comments open <Time at={p.edition.opensAt} />
            </>
          ) : null}
          {p.shown === 'open' && p.edition.closesAt ? (
            <>
              {' '}
              · comments close <Time at={p.edition.closesAt} />
            </>
          ) : null}
          {p.edition.state === 'open' || p.edition.state === 'closed' ? (
            <>
              {' '}
              ·{' '}
              <a href={threadPath({ slug: p.guide.slug, number: p.edition.number, blockKey: null })}>
                General discussion
              </a>
            </>
          ) : null}
          {p.edition.state === 'published' && p.edition.number > 1 ? (
            <>
              {' '}
              · <a href={reportPath(p.guide.slug, p.edition.number)}>You said, we did</a> ·{' '}
              <a href={redlinePath(p.guide.slug, p.edition.number - 1, p.edition.number)}>
                Changes since edition {p.edition.number - 1}
              </a>
            </>
          ) : null}
          {p.removedBlocks > 0 && p.edition.state !== 'draft' ? (
            <>
              {' '}
              ·{' '}
              <a class="removed-link" href={removedPath(p.guide.slug, p.edition.number)}>
                Comments on removed text
              </a>
            </>
          ) : null}
          {p.editions.length > 1 ? (
            <>
              {' '}
              · other editions:{' '}
              {p.editions
                .filter((e) => e.number !== p.edition.number)
                .map((e) => (
                  <>
                    <a href={editionPath(p.guide.slug, e.number)}>{e.number}</a>{' '}
                  </>
                ))}
            </>
          ) : null}
          <FollowLinks feeds={feedsOf(p)} />
        </p>
        {/* The skip link lands here, past the search, contents and links, on the guide's first words. */}
        <div id="text" class="guide-body" tabindex={-1}>
          {raw(forReaders(p.pageHtml))}
        </div>
      </article>
      <PrintColophon {...p} />
    </div>
  </Layout>
)

/**
 * Shown on paper only: a printed page is read away from the site, so it says which guide, edition and
 * date it is and where to find it. The page is kept in shared caches, so the day it was printed is
 * added by the script as it prints (`.printed`), not rendered here.
 */
const PrintColophon = (p: EditionPageProps) => (
  <footer class="print-colophon">
    <p>
      {p.guide.title}, edition {p.edition.number}
      {p.edition.publishedAt ? (
        <>
          , published <Time at={p.edition.publishedAt} />
        </>
      ) : (
        <>
          {' '}
          ({stateLabel(p.shown).toLowerCase()})
          {p.shown === 'open' && p.edition.closesAt ? (
            <>
              , comments close <Time at={p.edition.closesAt} />
            </>
          ) : null}
        </>
      )}
      . <span class="printed"></span>
    </p>
    <p>
      <span class="address">{p.address}</span>
    </p>
  </footer>
)
