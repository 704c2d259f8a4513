import { textDirection, type Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'
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
import { FollowForm } from '../../notifications/pages/follow-form.tsx'
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
  /** The interface language; the guide's own text keeps the guide's (`guide.lang`). */
  language: Lang
  /**
   * The languages the edition's text is in, where it has more than one: each named in itself
   * ("Cymraeg"), a link to the page showing it, the one shown marked.
   */
  texts?: { lang: string; name: string; href: string; current: boolean }[] | undefined
  /** The page with the shown text and another side by side, and whether this is it. */
  sideBySide?: { href: string; current: boolean } | undefined
}

/** Links to the edition's text in each language it has, so a reader can switch without JavaScript. */
const TextLanguages = (p: {
  texts: NonNullable<EditionPageProps['texts']>
  sideBySide: EditionPageProps['sideBySide']
  language: Lang
}) => (
  <nav class="text-languages" aria-label={translator(p.language)('reading.texts')}>
    {translator(p.language)('reading.texts')}:{' '}
    {p.texts.map((text, i) => (
      <>
        {i > 0 ? ' · ' : ''}
        <a
          href={text.href}
          lang={text.lang}
          hreflang={text.lang}
          aria-current={text.current ? 'page' : undefined}
        >
          {text.name}
        </a>
      </>
    ))}
    {p.sideBySide ? (
      <>
        {' · '}
        <a href={p.sideBySide.href} aria-current={p.sideBySide.current ? 'page' : undefined}>
          {translator(p.language)('reading.sideBySide')}
        </a>
      </>
    ) : null}
  </nav>
)

/** A draft has no feeds: they are public, and a draft is not. */
const feedsOf = (p: EditionPageProps): PageFeed[] =>
  p.edition.state === 'draft'
    ? []
    : [
        {
          title: translator(p.language)('feeds.editionComments', { number: p.edition.number }),
          href: editionCommentsFeedPath(p.guide.slug, p.edition.number),
        },
        {
          title: translator(p.language)('feeds.guideEditions', { title: p.guide.title }),
          href: guideEditionsFeedPath(p.guide.slug),
        },
      ]

/** The search box looks in the edition read: the newest one by default, an older one by its number. */
const searchedEdition = (p: EditionPageProps) =>
  p.editions.at(-1)?.number === p.edition.number
    ? { label: translator(p.language)('search.thisGuide') }
    : {
        label: translator(p.language)('search.edition', { number: p.edition.number }),
        edition: p.edition.number,
      }

export const EditionPage = (p: EditionPageProps) => {
  const t = translator(p.language)
  // The changes are shown since the newest earlier edition this reader may read: a draft between is
  // for its editors, and so is what it changed.
  const previous = p.editions.filter((e) => e.number < p.edition.number).at(-1)?.number
  return (
    <Layout
      title={t('page.title', { title: p.edition.title })}
      assets={p.assets}
      language={p.language}
      description={p.guide.summary}
      canonical={p.canonical}
      feeds={feedsOf(p)}
      skipTo="text"
      guide={p.guide}
    >
      <EditionNotice slug={p.guide.slug} standing={p.standing} language={p.language} />
      <SearchBox action={searchPath(p.guide)} language={p.language} {...searchedEdition(p)} />
      <div class="guide-layout">
        <nav class="toc" aria-label={t('reading.contents')}>
          <details class="toc-details">
            <summary>{t('reading.contents')}</summary>
            <ol lang={p.guide.lang} dir="auto">
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
            <span class="badge">{stateLabel(p.shown, p.language)}</span>{' '}
            {t('reading.edition', { number: p.edition.number })}
            {/* The window's time, which the page takes away if the edition moves while open (web/live.ts). */}
            {p.shown === 'upcoming' && p.edition.opensAt ? (
              <span class="edition-window">
                {' '}
                ·{' '}
                {rich(t('reading.commentsOpen', { time: slot('time') }), {
                  time: <Time at={p.edition.opensAt} language={p.language} />,
                })}
              </span>
            ) : null}
            {p.shown === 'open' && p.edition.closesAt ? (
              <span class="edition-window">
                {' '}
                ·{' '}
                {rich(t('reading.commentsClose', { time: slot('time') }), {
                  time: <Time at={p.edition.closesAt} language={p.language} />,
                })}
              </span>
            ) : null}
            {p.edition.state === 'open' || p.edition.state === 'closed' ? (
              <>
                {' '}
                ·{' '}
                <a href={threadPath({ slug: p.guide.slug, number: p.edition.number, blockKey: null })}>
                  {t('reading.generalDiscussion')}
                </a>
              </>
            ) : null}
            {p.edition.state === 'published' && p.edition.number > 1 ? (
              <>
                {' '}
                · <a href={reportPath(p.guide.slug, p.edition.number)}>{t('reading.report')}</a>
                {previous === undefined ? null : (
                  <>
                    {' '}
                    ·{' '}
                    <a href={redlinePath(p.guide.slug, previous, p.edition.number)}>
                      {t('reading.changesSince', { number: previous })}
                    </a>
                  </>
                )}
              </>
            ) : null}
            {p.removedBlocks > 0 && p.edition.state !== 'draft' ? (
              <>
                {' '}
                ·{' '}
                <a class="removed-link" href={removedPath(p.guide.slug, p.edition.number)}>
                  {t('reading.removed')}
                </a>
              </>
            ) : null}
            {p.editions.length > 1 ? (
              <>
                {' '}
                · {t('reading.otherEditions')}{' '}
                {p.editions
                  .filter((e) => e.number !== p.edition.number)
                  .map((e) => (
                    <>
                      <a href={editionPath(p.guide.slug, e.number)}>{e.number}</a>{' '}
                    </>
                  ))}
              </>
            ) : null}
            <FollowLinks feeds={feedsOf(p)} language={p.language} />
          </p>
          {p.texts ? <TextLanguages texts={p.texts} sideBySide={p.sideBySide} language={p.language} /> : null}
          {/*
            The skip link lands here, past the search, contents and links, on the guide's first words.
            Its direction comes from its language: dir="auto" on the article would read the interface's
            words above first and set an Arabic or Hebrew guide left to right; styles.css mirrors the
            margin rail by it.
          */}
          {/*
            A guide titled only in its front matter (`title:`) has no heading of its own: the page gives
            it its title as its h1, so every reading page has exactly one.
          */}
          {/<h1[\s>]/i.test(p.pageHtml) ? null : (
            <h1 class="guide-title" lang={p.guide.lang} dir={textDirection(p.guide.lang)}>
              {p.edition.title}
            </h1>
          )}
          <div
            id="text"
            class="guide-body"
            tabindex={-1}
            lang={p.guide.lang}
            dir={textDirection(p.guide.lang)}
          >
            {raw(forReaders(p.pageHtml, p.language))}
          </div>
          {/*
          The page is the same for everyone, so it offers to follow; the thread pages say whether you do.
          After the text, so that on a phone the guide's first words are on the first screen.
        */}
          {p.edition.state === 'draft' ? null : (
            <FollowForm
              slug={p.guide.slug}
              blockKey={null}
              following={undefined}
              back={editionPath(p.guide.slug, p.edition.number)}
              language={p.language}
            />
          )}
        </article>
        <PrintColophon {...p} />
      </div>
    </Layout>
  )
}

/**
 * Shown on paper only: a printed page is read away from the site, so it says which guide, edition and
 * date it is and where to find it. The page is kept in shared caches, so the day it was printed is
 * added by the script as it prints (`.printed`), not rendered here.
 */
const PrintColophon = (p: EditionPageProps) => {
  const t = translator(p.language)
  return (
    <footer class="print-colophon">
      <p>
        {rich(t('print.edition', { title: slot('title'), number: p.edition.number }), {
          title: <Passage text={p.guide.title} lang={p.guide.lang} reader={p.language} />,
        })}
        {p.edition.publishedAt ? (
          rich(t('print.published', { time: slot('time') }), {
            time: <Time at={p.edition.publishedAt} language={p.language} />,
          })
        ) : (
          <>
            {' '}
            ({stateLabel(p.shown, p.language).toLowerCase()})
            {p.shown === 'open' && p.edition.closesAt
              ? rich(t('print.commentsClose', { time: slot('time') }), {
                  time: <Time at={p.edition.closesAt} language={p.language} />,
                })
              : null}
          </>
        )}
        . <span class="printed"></span>
      </p>
      <p>
        <span class="address">{p.address}</span>
      </p>
    </footer>
  )
}
