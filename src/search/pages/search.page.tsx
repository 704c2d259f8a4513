import type { Lang } from '../../platform/i18n/languages.ts'
import { formatNumber, kindLabelIn, translator, type Translate } from '../../platform/i18n/messages.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { MAX_PAGES, MAX_QUERY_LENGTH, PAGE_SIZE } from '../search.schemas.ts'
import type { GuideScope, SearchResult, SearchResults, SnippetPart } from '../search.service.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Passage, rich, slot } from '../../site/rich-message.tsx'
import { Layout } from '../../site/layout.tsx'
import { guidePath } from '../../guides/urls.ts'
import { searchPath } from '../urls.ts'
import { languageName } from '../../platform/i18n/language-name.ts'

/** What the search form holds: as typed, so a refused search comes back ready to correct. */
export interface SearchForm {
  q: string
  type: string
  edition: string
}

export interface SearchPageProps {
  assets: Assets
  /** The guide searched, or null for every guide. */
  guide: GuideScope | null
  form: SearchForm
  results: SearchResults | null
  /** Why the words could not be searched for (none, too many). */
  problem: string | null
  language: Lang
}

const STATE_NOTE = { pending: 'search.pending', hidden: 'search.hidden' } as const

const Snippet = ({ parts, lang }: { parts: SnippetPart[]; lang: string }) => (
  <p class="search-snippet" lang={lang} dir="auto">
    {parts.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}
  </p>
)

const untitled = (number: string | null): number is string =>
  !(number === null || number === '0' || number === '')

/** "Paragraph 3.2", "Section 3", or null for the guide's title (numbered 0). */
const blockLabel = (t: Translate, number: string | null, kind?: string) =>
  untitled(number) ? t(kind === 'heading' ? 'search.section' : 'search.paragraph', { number }) : null

function Result({ r, showGuide, language }: { r: SearchResult; showGuide: boolean; language: Lang }) {
  const t = translator(language)
  const edition =
    r.editionState === 'draft'
      ? t('search.editionState', { number: r.edition, state: stateLabel('draft', language) })
      : t('reading.edition', { number: r.edition })
  const section = r.block?.section
    ? rich(t('search.inSection', { section: slot('section') }), {
        section: <Passage text={r.block.section} lang={r.guide.lang} reader={language} />,
      })
    : ''
  const guideTitle = <Passage text={r.guide.title} lang={r.guide.lang} reader={language} />
  if (r.type === 'block') {
    return (
      <li class="search-result">
        <h2>
          <a href={r.url}>
            {showGuide ? <>{guideTitle} · </> : null}
            {blockLabel(t, r.block.number, r.block.kind) ?? t('search.titleBlock')}
          </a>
        </h2>
        <p class="search-meta">
          {edition}
          {section}
          {r.textLang ? (
            <>
              {' · '}
              <span lang={r.textLang}>{languageName(r.textLang)}</span>
            </>
          ) : null}
        </p>
        <Snippet parts={r.snippet} lang={r.textLang ?? r.guide.lang} />
      </li>
    )
  }
  const note = r.state in STATE_NOTE ? t(STATE_NOTE[r.state as keyof typeof STATE_NOTE]) : null
  const where =
    r.block === null
      ? t('search.whereGeneral')
      : untitled(r.block.number)
        ? t('search.whereParagraph', { number: r.block.number })
        : t('search.whereTitle')
  return (
    <li class="search-result search-comment">
      <h2>
        <a href={r.url}>
          {t('search.commentBy', {
            kind: r.reply ? t('search.reply') : kindLabelIn(language, r.kind),
            name: r.author.displayName,
          })}
          {showGuide ? rich(t('search.onGuide', { title: slot('title') }), { title: guideTitle }) : ''} ·{' '}
          {where}
        </a>
      </h2>
      <p class="search-meta">
        {edition}
        {section}
        {r.author.organisation ? ` · ${r.author.organisation}` : ''}
        {note ? (
          <>
            {' '}
            · <span class="badge">{note}</span>
          </>
        ) : null}
      </p>
      <Snippet parts={r.snippet} lang={r.guide.lang} />
    </li>
  )
}

/** The count in words, so that it is read out with the page. */
function countText(r: SearchResults, language: Lang) {
  const t = translator(language)
  if (r.total === 0) return t('search.noResults', { query: r.query })
  const count = t(r.totalCapped ? 'search.countCapped' : 'search.count', { count: r.total, query: r.query })
  const pages =
    r.pages > 1
      ? ` ${t('search.pageOf', { page: formatNumber(language, r.page), pages: formatNumber(language, r.pages) })}`
      : ''
  const capped =
    r.totalCapped || r.total > MAX_PAGES * PAGE_SIZE
      ? ` ${t('search.capped', { shown: formatNumber(language, MAX_PAGES * PAGE_SIZE) })}`
      : ''
  return `${count}${pages}${capped}`
}

function pageHref(guide: GuideScope | null, form: SearchForm, page: number) {
  const query = new URLSearchParams({ q: form.q })
  if (form.type && form.type !== 'all') query.set('type', form.type)
  if (form.edition) query.set('edition', form.edition)
  if (page > 1) query.set('page', String(page))
  return `${searchPath(guide)}?${query.toString()}`
}

const Results = ({
  r,
  guide,
  form,
  language,
}: {
  r: SearchResults
  guide: GuideScope | null
  form: SearchForm
  language: Lang
}) => {
  const t = translator(language)
  return (
    <section class="search-results" aria-labelledby="search-count">
      <p id="search-count" class="search-count" role="status">
        {countText(r, language)}
      </p>
      {r.items.length > 0 ? (
        <ol start={(r.page - 1) * PAGE_SIZE + 1}>
          {r.items.map((item) => (
            <Result r={item} showGuide={guide === null} language={language} />
          ))}
        </ol>
      ) : null}
      {r.page > 1 || r.next !== null ? (
        <nav class="pager" aria-label={t('search.pages')}>
          {r.page > 1 ? (
            <a href={pageHref(guide, form, r.page - 1)} rel="prev">
              {t('search.previous')}
            </a>
          ) : null}
          {r.next !== null ? (
            <a href={pageHref(guide, form, r.page + 1)} rel="next">
              {t('search.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
      {guide && r.total === 0 ? (
        <p>
          <a href={pageHref(null, { q: form.q, type: form.type, edition: '' }, 1)}>
            {t('search.everyGuide')}
          </a>
        </p>
      ) : null}
    </section>
  )
}

const Option = ({ value, label, chosen }: { value: string; label: string; chosen: string }) => (
  <option value={value} selected={value === chosen}>
    {label}
  </option>
)

/**
 * Search across the guides or in one: a plain GET form and its results as a list, each with its
 * place, its snippet (matches in <mark>) and a link. Complete without script.
 */
export const SearchPage = ({ assets, guide, form, results, problem, language }: SearchPageProps) => {
  const t = translator(language)
  const title = t('page.title', {
    title: guide ? t('search.named', { title: guide.title }) : t('search.button'),
  })
  return (
    <Layout
      title={form.q ? `${form.q} · ${title}` : title}
      assets={assets}
      language={language}
      guide={guide ? { slug: guide.slug, title: guide.title } : undefined}
    >
      <div class="search-page">
        {guide ? (
          <p class="thread-back">
            <a href={guidePath(guide.slug)} lang={guide.lang}>
              {guide.title}
            </a>
          </p>
        ) : null}
        <h1>{t(guide ? 'search.thisGuide' : 'search.allGuides')}</h1>
        <form class="form search-form" method="get" action={searchPath(guide)} role="search">
          <div class={problem ? 'field field-invalid' : 'field'}>
            <label for="q">{t('search.words')}</label>
            <p class="field-hint" id="q-hint">
              {t('search.hint')}
            </p>
            {problem ? (
              <p class="field-error" id="q-error" role="alert">
                {problem}
              </p>
            ) : null}
            <input
              id="q"
              type="search"
              name="q"
              value={form.q}
              maxlength={MAX_QUERY_LENGTH}
              aria-describedby={problem ? 'q-hint q-error' : 'q-hint'}
              aria-invalid={problem ? 'true' : undefined}
            />
          </div>
          <div class="field">
            <label for="type">{t('search.lookIn')}</label>
            <select id="type" name="type">
              <Option value="all" label={t('search.typeAll')} chosen={form.type || 'all'} />
              <Option value="blocks" label={t('search.typeBlocks')} chosen={form.type} />
              <Option value="comments" label={t('search.typeComments')} chosen={form.type} />
            </select>
          </div>
          {guide && guide.editions.length > 1 ? (
            <div class="field">
              <label for="edition">{t('search.editionField')}</label>
              <select id="edition" name="edition">
                <Option value="" label={t('search.newest')} chosen={form.edition} />
                {guide.editions.map((e) => (
                  <Option
                    value={String(e.number)}
                    label={t('search.editionState', {
                      number: e.number,
                      state: stateLabel(e.state, language),
                    })}
                    chosen={form.edition}
                  />
                ))}
              </select>
            </div>
          ) : null}
          <button class="button" type="submit">
            {t('search.button')}
          </button>
        </form>
        {results ? <Results r={results} guide={guide} form={form} language={language} /> : null}
      </div>
    </Layout>
  )
}
