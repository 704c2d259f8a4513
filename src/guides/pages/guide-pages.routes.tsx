import { renderedFor } from '../../platform/http/language.tsx'
import { shownState } from '../../kernel/shown-state.ts'
import type { EditionState } from '../../kernel/words.ts'
import { Hono, type Context } from 'hono'
import { addMargins, keyPage } from '../page-html.ts'
import { parallelPage, type ParallelText } from '../parallel-text.ts'
import { prepare, sendPrepared, type Prepared } from '../../platform/http/prepared.ts'
import { LruCache } from '../../kernel/lru-cache.ts'
import {
  getEdition,
  getGuide,
  guideAddress,
  listGuides,
  editionPageParts,
  guideEvents,
  readsDrafts,
  blocksWithHtml,
  resolvePermalink,
} from '../reading.service.ts'
import { isKey } from '../../kernel/keys.ts'
import { may, mayOnInstance } from '../../people/policy.ts'
import { needsSetup } from '../../people/account.service.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { publicViewer, type Viewer } from '../../people/viewer.ts'
import { editionNumber, tagIn } from '../../platform/http/params.ts'
import { EditionPage } from './edition.page.tsx'
import type { Standing } from './edition-notice.tsx'
import { currentEdition, laterConsultation } from '../current-edition.ts'
import { HomePage } from './home.page.tsx'
import { NotOpenPage } from './not-open.page.tsx'
import { settingsPageRoutes } from './settings-pages.routes.tsx'
import { MessagePage } from '../../site/message.page.tsx'
import { logger } from '../../platform/log.ts'
import { editionPath, guidePath, permalinkPath } from '../urls.ts'
import { threadUrl } from '../../comments/urls.ts'
import { textDirection, type Lang } from '../../platform/i18n/languages.ts'
import { languageName } from '../../platform/i18n/language-name.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { chosenText, translatedBlockHtml, translatedPage } from '../../editions/translation.service.ts'

/** How long a public edition's page is served again without looking at the database. */
export const FRESH_MS = 2000
/**
 * Public pages may be kept by shared caches, but checked again (their ETag) after a minute: the page of
 * an open edition gains links as editions are added beside it.
 */
const PUBLIC_PAGE = 'public, max-age=60'
/** An editor's page links to drafts: for them alone, checked again each time. */
const PERSONAL_PAGE = 'private, no-cache'
/** A guide's own address changes as a whole when an edition is published: checked again each time. */
const GUIDE_ADDRESS = 'public, no-cache'

type Listed = { number: number; state: EditionState; opensAt: Date | null; closesAt: Date | null }

/** Where edition `number` stands beside the guide's current one, among the editions the viewer may read. */
function standingOf(editions: readonly Listed[], number: number): Standing {
  const current = currentEdition(editions)?.number ?? number
  if (number < current) return { is: 'earlier', current }
  if (number > current) {
    // Out of draft (opening, open or closed), a later edition is a proposed revision, not a draft.
    const shown = editions.find((e) => e.number === number)
    return { is: 'later', current, shown: shown ? shownState(shown) : 'draft' }
  }
  const later = laterConsultation(editions, current)
  return {
    is: 'current',
    ...(later
      ? {
          consultation: {
            number: later.number,
            shown: shownState(later),
            opensAt: later.opensAt,
            closesAt: later.closesAt,
          },
        }
      : {}),
  }
}

/** Server-rendered reading pages: complete without JavaScript. */
export const pageRoutes = (deps: Deps) => {
  const {
    database: { db },
    assets,
  } = deps
  // Editions leave draft frozen, so an edition's page only changes with its state or the list of
  // editions beside it: kept rendered, keyed by both, its margins and contents cost a lookup instead of a render.
  const rendered = new LruCache<Prepared>(64)
  // What a public edition's address served a moment ago, served again without asking the database:
  // a public edition never goes back to draft, so only the list of editions beside it can change,
  // and that shows within FRESH_MS.
  const fresh = new LruCache<{ page: Prepared; at: number }>(256)
  // Pages whose margins show comment counts: never served from `fresh`, and checked again by browsers,
  // so a count is right on the next visit after any change (an unchanged page costs a 304).
  const counted = new WeakSet<Prepared>()

  const renderEdition = async (
    viewer: Viewer,
    slug: string,
    number: number,
    canonical: string,
    lang: Lang,
    asked: AskedTexts,
    path: string,
  ) => {
    const { guide: own, edition } = await getEdition(db, slug, number, viewer)
    // Which of the edition's texts to show: the one asked for, else the reader's language's, else its own.
    const text = await chosenText(db, edition, own.lang, asked.text, lang)
    const shownLang = text.lang ?? own.lang
    // A text to read beside it (`?beside=en`): one the edition has, other than the one shown.
    const beside =
      asked.beside !== undefined &&
      asked.beside !== shownLang &&
      (asked.beside === own.lang || text.texts.includes(asked.beside))
        ? asked.beside
        : undefined
    const { editions } = await getGuide(db, slug, viewer)
    const shown = shownState(edition)
    const takesFeedback = edition.state === 'open' || edition.state === 'closed'
    // Its margins show the public counts, which change with any event of the guide.
    const events = takesFeedback ? await guideEvents(db, own.id) : 0
    // Each edition as it stands now, not as stored: the banner of a consultation on a later edition
    // changes as its window opens and closes.
    // Its language too: a page kept for a Welsh reader is never an English reader's, nor its ETag; and
    // the text shown, as last sent.
    const cacheKey = `${lang}:${text.lang ?? ''}:${beside ?? ''}:${path}:${text.version}:${String(edition.id)}:${shown}:${edition.contentHash}:${String(events)}:${canonical}:${editions.map((e) => `${String(e.number)}${shownState(e)}`).join(',')}`
    const cached = rendered.get(cacheKey)
    if (cached) return cached
    const [ownPage, blocks, removedBlocks, counts] = await editionPageParts(db, edition.id, takesFeedback)
    const translation = text.lang === undefined ? undefined : await translatedPage(db, edition.id, text.lang)
    const besideText =
      beside === undefined || beside === own.lang ? undefined : await translatedPage(db, edition.id, beside)
    const stored = beside === undefined ? (translation?.pageHtml ?? ownPage) : await sideBySide()
    async function sideBySide() {
      const ownBlocks = await blocksWithHtml(db, edition.id)
      return keyPage(
        parallelPage(
          ownBlocks,
          textOf(shownLang, translation, ownBlocks),
          textOf(beside ?? shownLang, besideText, ownBlocks),
        ),
        ownBlocks.map((b) => b.key),
      )
    }
    const headingIn = new Map(translation?.blocks.map((b) => [b.key, b.text]) ?? [])
    // Shown in another language, the guide's title and text are that language's.
    const guide = translation && text.lang ? { ...own, lang: text.lang, title: translation.title } : own
    const body = {
      pageHtml: addMargins(stored, blocks, {
        // A paragraph's lasting address keeps the text it was read in.
        permalink: (key) =>
          text.lang === undefined
            ? permalinkPath(slug, key)
            : `${permalinkPath(slug, key)}?text=${encodeURIComponent(text.lang)}`,
        // The thread page shows the paragraph in the text it was read in.
        thread: takesFeedback
          ? (key) => threadUrl({ slug, number, blockKey: key, text: text.lang })
          : undefined,
        counts,
        invite: shown === 'open',
        language: lang,
        textDirection: textDirection(guide.lang),
      }),
      // The contents name each heading in the text shown.
      toc: blocks.flatMap((b) =>
        b.headingText === null
          ? []
          : [
              {
                key: b.key,
                number: b.number,
                text: headingIn.get(b.key) ?? b.headingText,
                depth: b.depth + 1,
              },
            ],
      ),
      removedBlocks,
    }
    const html = renderedFor(
      { lang, path },
      <EditionPage
        assets={assets}
        guide={guide}
        edition={edition}
        shown={shown}
        editions={editions}
        toc={body.toc}
        pageHtml={body.pageHtml}
        removedBlocks={body.removedBlocks}
        canonical={canonical}
        address={`${deps.config.publicUrl ?? ''}${canonical}`}
        standing={standingOf(editions, number)}
        language={lang}
        texts={
          text.texts.length === 0
            ? undefined
            : [own.lang, ...text.texts].map((l) => ({
                lang: l,
                name: languageName(l),
                href: `${canonical}?text=${encodeURIComponent(l)}`,
                current: beside === undefined && l === shownLang,
              }))
        }
        sideBySide={
          text.texts.length === 0
            ? undefined
            : {
                // Beside the shown text, the one asked for, else the first other.
                href: `${canonical}?text=${encodeURIComponent(shownLang)}&beside=${encodeURIComponent(beside ?? [own.lang, ...text.texts].find((l) => l !== shownLang) ?? own.lang)}`,
                current: beside !== undefined,
              }
        }
      />,
    )
    const page = prepare((await html).toString())
    if (takesFeedback) counted.add(page)
    rendered.set(cacheKey, page)
    return page
  }

  /** Public pages being checked again: one look at the database per address, however many readers. */
  const checking = new Map<string, Promise<unknown>>()

  /**
   * An edition's page: the same bytes for everyone who reads it as the public does, compressed once, with a
   * strong ETag. Only that page is kept and served again; an editor's page is rendered for them and kept
   * from every cache, and they are never served the public's.
   */
  const serveEdition = async (
    c: Context<AppEnv>,
    slug: string,
    number: number,
    cacheControl: string = PUBLIC_PAGE,
  ) => {
    const lang = c.get('lang')
    // The text asked for (`?text=cy`) and one to read beside it (`?beside=en`), where they look like
    // language tags; anything else is ignored.
    const asked: AskedTexts = { text: tagIn(c.req.query('text')), beside: tagIn(c.req.query('beside')) }
    const canonical = editionPath(slug, number)
    // Where the page's language switch comes back to: this address, with the texts asked for and no
    // other query, since the page is kept for every reader asking the same.
    const path = `${c.req.path}${askedQuery(asked)}`
    const address = `${lang}:${path}:${slug}/${String(number)}`
    const viewer = c.get('viewer')
    // Whoever reads the guide's drafts gets a page of their own (with links to them).
    if (await readsDrafts(db, viewer, slug)) {
      return sendPrepared(
        c,
        await renderEdition(viewer, slug, number, canonical, lang, asked, path),
        PERSONAL_PAGE,
      )
    }
    // How long the front cache may answer the page (front-cache.ts): as long as it is served from
    // `fresh` here, by the same rule. Not a page with counts, which is checked every time, nor a
    // guide's own address, whose edition is looked up every time.
    const frontUntil = (page: Prepared, at: number) =>
      cacheControl === PUBLIC_PAGE && !counted.has(page) ? at + FRESH_MS : undefined
    const recent = fresh.get(address)
    if (recent && !counted.has(recent.page)) {
      // Past FRESH_MS the first reader checks and is served the check's answer, so the first visitor
      // after an edition opens or closes sees it (a page read once in ten minutes was served ten minutes
      // stale before); readers arriving during the check are served what was there a moment ago.
      if (Date.now() - recent.at >= FRESH_MS && !checking.has(address)) {
        const check = renderEdition(publicViewer(''), slug, number, canonical, lang, asked, path).then(
          (page) => {
            fresh.set(address, { page, at: Date.now() })
            return page
          },
        )
        checking.set(address, check)
        // The database away: the reader is served the page there was, and the next one checks again.
        const page = await check
          .catch((error: unknown) => {
            logger.warn({ err: error, address }, 'checking a public page failed; serving the one kept')
            return recent.page
          })
          .finally(() => checking.delete(address))
        // Checked, it is kept from now; not checked, `fresh` still holds the old time, which has passed.
        return sendPrepared(c, page, cacheControl, frontUntil(page, fresh.get(address)?.at ?? 0))
      }
      return sendPrepared(c, recent.page, cacheControl, frontUntil(recent.page, recent.at))
    }
    // Rendered as for the public: a draft is not found here, so what is kept is what anyone may read.
    // A counted page whose check fails (the database away) is served as it was a moment ago.
    const page = await renderEdition(publicViewer(''), slug, number, canonical, lang, asked, path).catch(
      (error: unknown) => {
        if (recent) return recent.page
        throw error
      },
    )
    const at = recent?.page === page ? recent.at : Date.now()
    fresh.set(address, { page, at })
    return sendPrepared(c, page, counted.has(page) ? GUIDE_ADDRESS : cacheControl, frontUntil(page, at))
  }

  const app = new Hono<AppEnv>()
  // Before `/g/:slug/:n`, which would take "settings" for an edition's number.
  app.route('/', settingsPageRoutes(deps))
  return app
    .get('/', async (c) =>
      c.html(
        <HomePage
          assets={assets}
          language={c.get('lang')}
          guides={(await listGuides(db, c.get('viewer'))).map((g) => ({
            ...g,
            mayEdit: may(c.get('viewer'), 'edit', g),
          }))}
          mayImport={mayOnInstance(c.get('viewer'), 'import-guide')}
          needsSetup={!c.get('viewer').person && (await needsSetup(db))}
        />,
      ),
    )
    .get('/g/:slug', async (c) => {
      const slug = c.req.param('slug')
      const address = await guideAddress(db, slug, c.get('viewer'))
      if ('notOpen' in address) {
        // Only someone with a part in the guide is told it exists: a page for them alone, checked again
        // each time, since it gives way to the edition once one opens.
        c.header('cache-control', PERSONAL_PAGE)
        return c.html(
          <NotOpenPage
            assets={assets}
            guide={{ slug, title: address.notOpen.title }}
            role={address.notOpen.role}
            language={c.get('lang')}
          />,
        )
      }
      return serveEdition(c, slug, address.number, GUIDE_ADDRESS)
    })
    .get('/g/:slug/p/:key', async (c) => {
      const { slug, key } = c.req.param()
      const target = isKey(key) ? await resolvePermalink(db, slug, key, c.get('viewer')) : undefined
      if (target?.found) {
        // A permalink to the paragraph in another text (`?text=cy`) leads to that text; the reading
        // page shows its own where the edition has no such text.
        const text = tagIn(c.req.query('text'))
        const [path, fragment] = editionPath(slug, target.editionNumber, target.key).split('#')
        return c.redirect(`${path ?? ''}${text ? `?text=${text}` : ''}#${fragment ?? ''}`, 302)
      }
      const last = target?.lastSeen
      const language = c.get('lang')
      const t = translator(language)
      return c.html(
        <MessagePage
          assets={assets}
          language={language}
          title={last ? t('permalink.removed.title') : t('permalink.notFound.title')}
        >
          {last ? (
            <p>
              {rich(t('permalink.removed.body', { removedIn: last.removedIn, link: slot('link') }), {
                link: (
                  <a href={editionPath(slug, last.editionNumber, last.key)}>
                    {t('permalink.edition', { number: last.editionNumber })}
                  </a>
                ),
              })}{' '}
              <a href={guidePath(slug)}>{t('permalink.readNewest')}</a>.
            </p>
          ) : (
            <p>
              {t('permalink.notFound.body')} <a href={guidePath(slug)}>{t('permalink.readGuide')}</a>.
            </p>
          )}
        </MessagePage>,
        last ? 410 : 404,
      )
    })
    .get('/g/:slug/:n', async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      return serveEdition(c, slug, number)
    })
}

/** Which of an edition's texts a reader asked for: `?text=` to read, `?beside=` to read beside it. */
interface AskedTexts {
  text: string | undefined
  beside: string | undefined
}

/** The query that asks for those texts again ('' for none). */
function askedQuery(asked: AskedTexts): string {
  const query = new URLSearchParams()
  if (asked.text !== undefined) query.set('text', asked.text)
  if (asked.beside !== undefined) query.set('beside', asked.beside)
  return query.size === 0 ? '' : `?${query.toString()}`
}

/**
 * One of an edition's texts, block by block, for the side-by-side page: a translation's blocks, or the
 * edition's own where there is none. A translation stored before blocks kept their HTML gives its words.
 */
function textOf(
  lang: string,
  translation: { blocks: { text: string; html?: string | undefined }[] } | undefined,
  own: readonly { html: string }[],
): ParallelText {
  if (!translation) return { lang, html: own.map((b) => b.html) }
  return { lang, html: translation.blocks.map(translatedBlockHtml) }
}
