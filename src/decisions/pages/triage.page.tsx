import type { WordsLanguage } from '../../editions/words-language.service.ts'
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
import { formatNumber, translator, type Translate } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'
import {
  CommentThemes,
  ThemeFilter,
  TriageThemes,
  type ThemeFailure,
} from '../../themes/pages/triage-themes.tsx'

export interface TriagePageProps {
  assets: Assets
  triage: Triage
  /** A translation's language for a comment's quoted words (triage-page.service.ts). */
  wordsLang: WordsLanguage
  view: TriageView
  notice?: string | undefined
  /** The comment the notice is about: it shows there, at the anchor, and not again at the top. */
  saved?: string | undefined
  failed?: TriageFailure | undefined
  /** The interface language. */
  language: Lang
  /** A refused theme form, shown again with what was typed. */
  themeFailed?: ThemeFailure | undefined
}

/** The first words of a block, enough to know it again. */
const firstWords = (text: string, kind: string, t: Translate) => {
  const words = text.replace(/\s+/g, ' ').trim()
  if (words === '') return t('triage.noText', { kind })
  return words.length > 90 ? `${words.slice(0, 90).replace(/\s+\S*$/, '')}…` : words
}

const SectionHead = ({
  s,
  base,
  count,
  t,
  lang,
}: {
  s: TriageSection
  base: string
  count: number
  t: Translate
  /** The guide's language, which its words are marked with where the reader's differs. */
  lang: string
}) => {
  const id = sectionId(s.place)
  const continued = s.continued ? t('triage.continued') : ''
  if (s.block)
    return (
      <header class="triage-section-head">
        <h2 id={`${id}-title`}>
          <span class="triage-number">{s.block.number || '¶'}</span>{' '}
          <span class="triage-words" dir="auto" lang={s.block.text.trim() === '' ? undefined : lang}>
            {firstWords(s.block.text, s.block.kind, t)}
          </span>
          {continued}
        </h2>
        <p class="triage-links">
          {t('triage.comments', { count })} ·{' '}
          <a href={`${base}#${s.block.key}`}>{t('triage.section.readInText')}</a> ·{' '}
          <a href={`${base}/b/${s.block.key}`}>{t('triage.section.thread')}</a>
        </p>
      </header>
    )
  const general = s.place === 'general'
  return (
    <header class="triage-section-head">
      <h2 id={`${id}-title`}>
        {general ? t('reading.generalDiscussion') : t('triage.removedTitle')}
        {continued}
      </h2>
      <p class="triage-links">
        {t('triage.comments', { count })}
        {general ? t('triage.section.general') : t('triage.section.removed')} ·{' '}
        <a href={`${base}/${general ? 'discussion' : 'removed'}`}>
          {general ? t('triage.section.discussionPage') : t('triage.section.removedPage')}
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
  const language = p.language
  const tr = translator(language)
  const n = (count: number) => formatNumber(language, count)
  return (
    <Layout
      title={tr(failed ? 'triage.titleError' : 'triage.title', { title: t.edition.title })}
      assets={p.assets}
      guide={t.guide}
      language={language}
    >
      <div class="triage-page">
        {stale ? (
          <div
            class="error-summary"
            role="alert"
            aria-labelledby="error-summary-title"
            tabindex={-1}
            autofocus
            data-address={pageLink(t.page)}
          >
            <h2 id="error-summary-title">{tr('triage.stale.title')}</h2>
            <p>
              {rich(tr('triage.stale.body', { comment: slot('comment') }), {
                comment: (
                  <a href={`#${failed?.form.replace(/^d/, 'c') ?? ''}`}>{tr('triage.stale.comment')}</a>
                ),
              })}
            </p>
            <p>
              {tr('triage.stale.sent', { decision: decisionLabel(stale.values.decision, language) })}
              {stale.values.response ? tr('triage.withResponse', { response: stale.values.response }) : '.'}
            </p>
          </div>
        ) : (
          <ErrorSummary
            problems={failed?.problems ?? p.themeFailed?.problems}
            prefix={failed ? `${failed.form}-` : p.themeFailed ? `${p.themeFailed.form}-` : ''}
            language={language}
            address={pageLink(t.page)}
          />
        )}
        <p class="thread-back">
          <a href={base}>{tr('threadPage.backToText')}</a> ·{' '}
          <a href={moderationPath(slug)}>{tr('triage.moderationQueue')}</a>
        </p>
        <h1>{tr('triage.heading', { number })}</h1>
        <p class="guide-meta">
          <span class="badge">{stateLabel(t.edition.state, language)}</span>{' '}
          {rich(tr('report.editionOf', { title: slot('title'), number }), {
            title: <Passage text={t.guide.title} lang={t.guide.lang} reader={language} />,
          })}
        </p>
        <p class="triage-downloads">
          {tr('triage.downloads')} <a href={`${api}/feedback.csv`}>{tr('triage.downloads.csv')}</a> ·{' '}
          <a href={`${api}/feedback.json`}>{tr('triage.downloads.json')}</a> ·{' '}
          <a href={`${api}/annotations.jsonld`}>{tr('triage.downloads.annotations')}</a>
        </p>
        {/* Said once: at the comment it is about where that is on this page (the redirect's anchor), else here. */}
        <StatusMessage>{p.saved !== undefined && onPage.has(p.saved) ? undefined : p.notice}</StatusMessage>
        <ReleaseForm action={`${here}/release${keep}`} drafts={t.drafts} language={language} />

        <FilterForm slug={slug} number={number} view={view} totals={t.totals} language={language}>
          <ThemeFilter language={language} themes={t.themes.items} value={view.theme} />
        </FilterForm>
        <p class="triage-counts">
          {t.shown === 0 && t.inCampaigns.comments > 0
            ? null
            : t.shown === 0
              ? hasFilters(view)
                ? tr('triage.counts.noMatch', { count: t.totals.all })
                : tr('triage.counts.none')
              : tr('triage.counts.showing', {
                  shown: t.shown,
                  places: t.places,
                  ofAll: hasFilters(view) ? tr('triage.counts.ofAll', { total: n(t.totals.all) }) : '',
                  paging:
                    t.pages > 1
                      ? tr('triage.counts.paging', {
                          page: n(t.page),
                          pages: n(t.pages),
                          first: n(first),
                          last: n(Math.min(t.shown, t.page * t.pageSize)),
                        })
                      : '',
                })}
          {t.inCampaigns.comments > 0
            ? `${t.shown === 0 ? '' : ' '}${tr('triage.counts.inCampaigns', {
                count: t.inCampaigns.comments,
                campaigns: t.inCampaigns.campaigns,
              })}`
            : null}
        </p>

        <HeatStrip triage={t} hrefOn={(page, anchor) => pageLink(page, anchor)} language={language} />

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

        <TriageCampaigns
          campaigns={t.campaigns}
          slug={slug}
          number={number}
          blocks={t.heat}
          keep={keep}
          language={language}
        />

        {t.shown > 0 ? (
          <BulkForm
            action={`${here}/decide-many${keep}`}
            release={`${here}/release${keep}`}
            failed={failed}
            onPage={onPage.size}
            language={language}
          />
        ) : null}

        <div id="triage-list" tabindex={-1}>
          {t.sections.map((s) => (
            <section
              class="triage-section"
              id={sectionId(s.place)}
              aria-labelledby={`${sectionId(s.place)}-title`}
            >
              <SectionHead s={s} base={base} count={s.total} t={tr} lang={t.guide.lang} />
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
                    language={language}
                    textLang={t.guide.lang}
                    quoteLang={p.wordsLang(c.id)}
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
          <nav class="pager" aria-label={tr('triage.pager.label')}>
            {t.page > 1 ? (
              <a href={pageLink(t.page - 1)} rel="prev">
                {tr('triage.pager.earlier')}
              </a>
            ) : null}
            <span>{tr('triage.pager.page', { page: n(t.page), pages: n(t.pages) })}</span>
            {t.page < t.pages ? (
              <a href={pageLink(t.page + 1)} rel="next">
                {tr('threadPage.later')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </div>
    </Layout>
  )
}
