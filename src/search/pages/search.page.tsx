import { kindLabel } from '../../kernel/kind-label.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { MAX_PAGES, MAX_QUERY_LENGTH, PAGE_SIZE } from '../search.schemas.ts'
import type { GuideScope, SearchResult, SearchResults, SnippetPart } from '../search.service.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { guidePath } from '../../guides/urls.ts'
import { searchPath } from '../urls.ts'

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
}

const STATE_NOTE: Record<string, string> = { pending: 'awaiting moderation', hidden: 'hidden' }

const Snippet = ({ parts, lang }: { parts: SnippetPart[]; lang: string }) => (
  <p class="search-snippet" lang={lang} dir="auto">
    {parts.map((part) => (part.mark ? <mark>{part.text}</mark> : part.text))}
  </p>
)

/** "Paragraph 3.2", "Section 3", or null for the guide's title (numbered 0). */
const blockLabel = (number: string | null, kind?: string) =>
  number === null || number === '0' || number === ''
    ? null
    : `${kind === 'heading' ? 'Section' : 'Paragraph'} ${number}`

function Result({ r, showGuide }: { r: SearchResult; showGuide: boolean }) {
  const edition = `Edition ${String(r.edition)}${r.editionState === 'draft' ? ` (${stateLabel('draft')})` : ''}`
  const section = r.block?.section ? ` · in “${r.block.section}”` : ''
  if (r.type === 'block') {
    const heading = [showGuide ? r.guide.title : null, blockLabel(r.block.number, r.block.kind) ?? 'Title']
    return (
      <li class="search-result">
        <h2>
          <a href={r.url}>{heading.filter((part) => part !== null).join(' · ')}</a>
        </h2>
        <p class="search-meta">
          {edition}
          {section}
        </p>
        <Snippet parts={r.snippet} lang={r.guide.lang} />
      </li>
    )
  }
  const note = STATE_NOTE[r.state]
  const where =
    r.block === null ? 'general discussion' : (blockLabel(r.block.number)?.toLowerCase() ?? 'title')
  return (
    <li class="search-result search-comment">
      <h2>
        <a href={r.url}>
          {r.reply ? 'Reply' : kindLabel(r.kind)} by {r.author.displayName}
          {showGuide ? ` on ${r.guide.title}` : ''} · {where}
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

const plural = (n: number) => (n === 1 ? 'result' : 'results')

/** The count in words, so that it is read out with the page. */
function countText(r: SearchResults) {
  const words = `“${r.query}”`
  if (r.total === 0) return `No results for ${words}.`
  const count = r.totalCapped
    ? `More than ${r.total.toLocaleString('en')} results`
    : `${r.total.toLocaleString('en')} ${plural(r.total)}`
  const pages = r.pages > 1 ? ` Page ${String(r.page)} of ${String(r.pages)}.` : ''
  const capped =
    r.totalCapped || r.total > MAX_PAGES * PAGE_SIZE
      ? ` The first ${String(MAX_PAGES * PAGE_SIZE)} are shown: add words to find fewer.`
      : ''
  return `${count} for ${words}.${pages}${capped}`
}

function pageHref(guide: GuideScope | null, form: SearchForm, page: number) {
  const query = new URLSearchParams({ q: form.q })
  if (form.type && form.type !== 'all') query.set('type', form.type)
  if (form.edition) query.set('edition', form.edition)
  if (page > 1) query.set('page', String(page))
  return `${searchPath(guide)}?${query.toString()}`
}

const Results = ({ r, guide, form }: { r: SearchResults; guide: GuideScope | null; form: SearchForm }) => (
  <section class="search-results" aria-labelledby="search-count">
    <p id="search-count" class="search-count" role="status">
      {countText(r)}
    </p>
    {r.items.length > 0 ? (
      <ol start={(r.page - 1) * PAGE_SIZE + 1}>
        {r.items.map((item) => (
          <Result r={item} showGuide={guide === null} />
        ))}
      </ol>
    ) : null}
    {r.page > 1 || r.next !== null ? (
      <nav class="pager" aria-label="Pages of results">
        {r.page > 1 ? (
          <a href={pageHref(guide, form, r.page - 1)} rel="prev">
            Previous page
          </a>
        ) : null}
        {r.next !== null ? (
          <a href={pageHref(guide, form, r.next)} rel="next">
            Next page
          </a>
        ) : null}
      </nav>
    ) : null}
    {guide && r.total === 0 ? (
      <p>
        <a href={pageHref(null, { q: form.q, type: form.type, edition: '' }, 1)}>Search every guide</a>
      </p>
    ) : null}
  </section>
)

const Option = ({ value, label, chosen }: { value: string; label: string; chosen: string }) => (
  <option value={value} selected={value === chosen}>
    {label}
  </option>
)

/**
 * Search across the guides or in one: a plain GET form and its results as a list, each with its
 * place, its snippet (matches in <mark>) and a link. Complete without script.
 */
export const SearchPage = ({ assets, guide, form, results, problem }: SearchPageProps) => (
  <Layout
    title={`${form.q ? `${form.q} · ` : ''}Search${guide ? ` ${guide.title}` : ''} · Gloss`}
    assets={assets}
  >
    <div class="search-page">
      {guide ? (
        <p class="thread-back">
          <a href={guidePath(guide.slug)} lang={guide.lang}>
            {guide.title}
          </a>
        </p>
      ) : null}
      <h1>{guide ? `Search this guide` : 'Search the guides'}</h1>
      <form class="form search-form" method="get" action={searchPath(guide)} role="search">
        <div class={problem ? 'field field-invalid' : 'field'}>
          <label for="q">Words to find</label>
          <p class="field-hint" id="q-hint">
            Put a phrase in "quotes", a minus before a word to leave it out (-word), or "or" between words
            either of which will do.
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
          <label for="type">Look in</label>
          <select id="type" name="type">
            <Option value="all" label="The text and the comments" chosen={form.type || 'all'} />
            <Option value="blocks" label="The text only" chosen={form.type} />
            <Option value="comments" label="The comments only" chosen={form.type} />
          </select>
        </div>
        {guide && guide.editions.length > 1 ? (
          <div class="field">
            <label for="edition">Edition</label>
            <select id="edition" name="edition">
              <Option value="" label="The newest you can read" chosen={form.edition} />
              {guide.editions.map((e) => (
                <Option
                  value={String(e.number)}
                  label={`Edition ${String(e.number)} (${stateLabel(e.state)})`}
                  chosen={form.edition}
                />
              ))}
            </select>
          </div>
        ) : null}
        <button class="button" type="submit">
          Search
        </button>
      </form>
      {results ? <Results r={results} guide={guide} form={form} /> : null}
    </div>
  </Layout>
)
