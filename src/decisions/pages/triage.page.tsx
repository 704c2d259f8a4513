import type { Triage, TriageSection } from '../triage.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { ErrorSummary, StatusMessage } from '../../site/form.tsx'
import { HeatStrip } from './heat-strip.tsx'
import { TriageCommentCard } from './triage-comment.tsx'
import { BulkForm, decisionLabel, FilterForm, ReleaseForm, type TriageFailure } from './triage-forms.tsx'
import { moderationPath } from '../../moderation/urls.ts'
import { filterQuery, hasFilters, sectionId, triagePath, triageUrl, type TriageView } from '../urls.ts'
import { editionPath } from '../../guides/urls.ts'
import { TriageCampaigns } from '../../campaigns/pages/triage-campaigns.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import {
  CommentThemes,
  ThemeFilter,
  TriageThemes,
  type ThemeFailure,
} from '../../themes/pages/triage-themes.tsx'

export interface TriagePageProps {
  assets: Assets
  triage: Triage
  view: TriageView
  notice?: string | undefined
  /** The comment the notice is about, where it is repeated so that it shows at the anchor too. */
  saved?: string | undefined
  failed?: TriageFailure | undefined
  /** The interface language, for the parts of the page in the catalogues so far (the themes). */
  language?: Lang | undefined
  /** A refused theme form, shown again with what was typed. */
  themeFailed?: ThemeFailure | undefined
}

/** The first words of a block, enough to know it again. */
const firstWords = (text: string, kind: string) => {
  const words = text.replace(/\s+/g, ' ').trim()
  if (words === '') return `(${kind}, no text)`
  return words.length > 90 ? `${words.slice(0, 90).replace(/\s+\S*$/, '')}…` : words
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

const SectionHead = ({ s, base, count }: { s: TriageSection; base: string; count: number }) => {
  const id = sectionId(s.place)
  const continued = s.continued ? ' (continued)' : ''
  if (s.block)
    return (
      <header class="triage-section-head">
        <h2 id={`${id}-title`}>
          <span class="triage-number">{s.block.number || '¶'}</span>{' '}
          <span class="triage-words" dir="auto">
            {firstWords(s.block.text, s.block.kind)}
          </span>
          {continued}
        </h2>
        <p class="triage-links">
          {plural(count, 'comment', 'comments')} · <a href={`${base}#${s.block.key}`}>Read it in the text</a>{' '}
          · <a href={`${base}/b/${s.block.key}`}>Its thread</a>
        </p>
      </header>
    )
  const general = s.place === 'general'
  return (
    <header class="triage-section-head">
      <h2 id={`${id}-title`}>
        {general ? 'General discussion' : 'Comments on removed text'}
        {continued}
      </h2>
      <p class="triage-links">
        {plural(count, 'comment', 'comments')}
        {general ? ' on the edition as a whole' : ' on paragraphs this edition no longer has'} ·{' '}
        <a href={`${base}/${general ? 'discussion' : 'removed'}`}>
          {general ? 'The discussion page' : 'Their page'}
        </a>
      </p>
    </header>
  )
}

/**
 * Journey 4: an editor triages an edition's feedback. Filters at the top, the heat strip, one bulk form,
 * then every comment by block in reading order, each with its own decision form. Complete without script.
 */
export const TriagePage = (p: TriagePageProps) => {
  const { triage: t, view } = p
  const slug = t.guide.slug
  const number = t.edition.number
  const base = editionPath(slug, number)
  const here = triagePath(slug, number)
  const api = `/api/guides/${slug}/editions/${String(number)}`
  const keep = filterQuery({ ...view, page: t.page })
  const onPage = new Set(t.sections.flatMap((s) => s.comments.map((c) => c.id)))
  const failed = p.failed
  const stale = failed?.stale ? failed : undefined
  const pageLink = (page: number, anchor?: string) =>
    triageUrl(slug, number, { ...view, page }, anchor ? { anchor } : {})
  const first = (t.page - 1) * t.pageSize + 1
  const language = p.language ?? 'en'
  return (
    <Layout
      title={`${failed ? 'Error: ' : ''}Triage · ${t.edition.title} · Gloss`}
      assets={p.assets}
      guide={t.guide}
    >
      <div class="triage-page">
        {stale ? (
          <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">Someone changed this comment since you loaded the page</h2>
            <p>
              Your decision was not saved.{' '}
              <a href={`#${failed?.form.replace(/^d/, 'c') ?? ''}`}>The comment</a> now shows its current
              state; decide again if you still want to.
            </p>
            <p>
              What you sent: {decisionLabel(stale.values.decision)}
              {stale.values.response ? `, with the response “${stale.values.response}”` : '.'}
            </p>
          </div>
        ) : (
          <ErrorSummary
            problems={failed?.problems ?? p.themeFailed?.problems}
            prefix={failed ? `${failed.form}-` : p.themeFailed ? `${p.themeFailed.form}-` : ''}
            language={language}
          />
        )}
        <p class="thread-back">
          <a href={base}>Back to the text</a> · <a href={moderationPath(slug)}>Moderation queue</a>
        </p>
        <h1>Triage: edition {number}</h1>
        <p class="guide-meta">
          <span class="badge">{stateLabel(t.edition.state)}</span> {t.guide.title}, edition {number}
        </p>
        <p class="triage-downloads">
          Download all feedback on this edition: <a href={`${api}/feedback.csv`}>CSV</a> ·{' '}
          <a href={`${api}/feedback.json`}>JSON</a> ·{' '}
          <a href={`${api}/annotations.jsonld`}>Web Annotations (JSON-LD)</a>
        </p>
        <StatusMessage>{p.notice}</StatusMessage>
        <ReleaseForm action={`${here}/release${keep}`} drafts={t.drafts} />

        <FilterForm slug={slug} number={number} view={view} totals={t.totals}>
          <ThemeFilter language={language} themes={t.themes.items} value={view.theme} />
        </FilterForm>
        <p class="triage-counts">
          {t.shown === 0
            ? hasFilters(view)
              ? `No comments match these filters (of ${plural(t.totals.all, 'comment', 'comments')} in all).`
              : 'No feedback on this edition yet.'
            : `Showing ${plural(t.shown, 'comment', 'comments')}${hasFilters(view) ? ` of ${t.totals.all.toLocaleString('en')}` : ''}, in ${plural(t.places, 'place', 'places')}${t.pages > 1 ? `; page ${String(t.page)} of ${String(t.pages)} (comments ${first.toLocaleString('en')}–${Math.min(t.shown, t.page * t.pageSize).toLocaleString('en')})` : ''}.`}
        </p>

        <HeatStrip triage={t} hrefOn={(page, anchor) => pageLink(page, anchor)} />

        <TriageThemes
          language={language}
          slug={slug}
          number={number}
          view={view}
          themes={t.themes}
          blocks={t.heat}
          shownIds={t.shownIds}
          page={t.page}
          keep={keep}
          failed={p.themeFailed}
        />

        <TriageCampaigns campaigns={t.campaigns} slug={slug} number={number} blocks={t.heat} keep={keep} />

        {t.shown > 0 ? (
          <BulkForm
            action={`${here}/decide-many${keep}`}
            release={`${here}/release${keep}`}
            failed={failed}
            onPage={onPage.size}
          />
        ) : null}

        <div id="triage-list" tabindex={-1}>
          {t.sections.map((s) => (
            <section
              class="triage-section"
              id={sectionId(s.place)}
              aria-labelledby={`${sectionId(s.place)}-title`}
            >
              <SectionHead s={s} base={base} count={s.total} />
              <ol class="triage-comments">
                {s.comments.map((c) => (
                  <TriageCommentCard
                    comment={c}
                    slug={slug}
                    number={number}
                    action={`${here}/decide${keep}`}
                    failed={failed}
                    onPage={onPage}
                    notice={c.id === p.saved ? p.notice : undefined}
                  >
                    <CommentThemes
                      language={language}
                      slug={slug}
                      number={number}
                      keep={keep}
                      commentId={c.id}
                      tagged={c.themes}
                      themes={t.themes.items}
                    />
                  </TriageCommentCard>
                ))}
              </ol>
            </section>
          ))}
        </div>

        {t.pages > 1 ? (
          <nav class="pager" aria-label="Pages of feedback">
            {t.page > 1 ? (
              <a href={pageLink(t.page - 1)} rel="prev">
                Earlier comments
              </a>
            ) : null}
            <span>
              Page {t.page} of {t.pages}
            </span>
            {t.page < t.pages ? (
              <a href={pageLink(t.page + 1)} rel="next">
                Later comments
              </a>
            ) : null}
          </nav>
        ) : null}
      </div>
    </Layout>
  )
}
