import type { WordsLanguage } from '../../editions/words-language.service.ts'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Report, ReportBlock, ReportItem, ReportLanding } from '../report.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { Time } from '../../site/form.tsx'
import { Redline } from '../../site/redline.tsx'
import { DecisionChart } from './decision-chart.tsx'
import { redlinePath, reportCsvPath } from '../urls.ts'
import { editionPath } from '../../guides/urls.ts'
import { moderationLogPath } from '../../moderation/urls.ts'
import { decisionLabelIn, kindLabelIn, translator, type Translate } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'
import { AuthorName } from '../../site/author-line.tsx'
import { ReportCampaigns } from '../../campaigns/pages/report-campaigns.tsx'
import { ReportThemes } from '../../themes/pages/report-themes.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'

const FIRST_WORDS = 12

/** How many comments moderators hid, by reason code: counts only, with the log that says when and why. */
const HiddenByReason = (p: { slug: string; counts: Report['summary']['hiddenByReason']; t: Translate }) => {
  if (p.counts.length === 0) return null
  const { t } = p
  return (
    <div class="report-hidden">
      <p>
        {rich(t('report.hiddenIntro', { link: slot('link') }), {
          link: <a href={moderationLogPath(p.slug)}>{t('report.hiddenLink')}</a>,
        })}
      </p>
      <ul>
        {p.counts.map((c) => (
          <li>{t('report.hiddenReason', { reason: t(`hideReason.${c.reasonCode}`), count: c.count })}</li>
        ))}
      </ul>
    </div>
  )
}

export const firstWords = (text: string) => {
  const words = text.trim().split(/\s+/u)
  return words.length > FIRST_WORDS ? `${words.slice(0, FIRST_WORDS).join(' ')}…` : words.join(' ')
}

/** The decision as people read it; a duplicate names the comment it repeats. */
export const decisionText = (item: ReportItem, language: Lang = 'en') => {
  const d = item.comment.decision
  if (!d) return ''
  return d.decision === 'duplicate' && d.duplicateOf
    ? translator(language)('report.duplicateOf', { id: d.duplicateOf })
    : decisionLabelIn(language, d.decision)
}

/**
 * The guide's own words (its text, headings, first words, redlines) in the guide's language, marked
 * where it is not the interface's, so a screen reader says each part as its language does.
 */
const InGuideLanguage = (p: { lang: string | undefined; children: Child }) =>
  p.lang ? <div lang={p.lang}>{p.children}</div> : <>{p.children}</>

const sameLanding = (x: ReportLanding | null, y: ReportLanding | null) =>
  x?.key === y?.key && x?.change === y?.change

/** What became of the paragraph in the reported edition: where it is now, and how its words changed. */
const Landing = (p: {
  landing: ReportLanding
  slug: string
  edition: number
  t: Translate
  textLang: string | undefined
}) => {
  const { landing, t } = p
  const label = t(`change.${landing.change}`)
  return (
    <div class={`report-change change-${landing.change.replace(' ', '-')}`}>
      <p class="report-change-label">
        <span class="change-badge">{label}</span>{' '}
        {landing.key === null
          ? landing.change === 'removed'
            ? t('report.notInEdition', { number: p.edition })
            : t('report.notTraced')
          : rich(t('report.inEdition', { number: p.edition, link: slot('link') }), {
              link: (
                <a href={editionPath(p.slug, p.edition, landing.key)}>
                  {t('report.paragraphLink', { number: landing.number ?? '' })}
                </a>
              ),
            })}
      </p>
      {landing.redline ? (
        <InGuideLanguage lang={p.textLang}>
          <Redline parts={landing.redline} />
        </InGuideLanguage>
      ) : null}
    </div>
  )
}

const ReportComment = (p: {
  item: ReportItem
  ids: ReadonlySet<string>
  showLanding: boolean
  language: Lang
  /** The guide's text's language where the page's differs, else undefined. */
  textLang: string | undefined
  /** A translation's language for a comment's quoted words (wordsLanguages). */
  wordsLang: WordsLanguage
}) => {
  const t = translator(p.language)
  const c = p.item.comment
  // Marked only where it differs from the page's: a Welsh quote on an English guide read in English.
  const quoted = p.wordsLang(c.id)
  const quoteLang = quoted === undefined ? p.textLang : quoted === p.language ? undefined : quoted
  const decision = c.decision
  const withdrawn = c.state === 'withdrawn'
  return (
    <li>
      <article
        class="comment report-comment"
        id={`c${c.id}`}
        aria-label={t('report.commentLabel', { id: c.id })}
      >
        <header class="comment-header">
          <span class={`kind kind-${c.kind}`}>{kindLabelIn(p.language, c.kind)}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} language={p.language} />
          </span>{' '}
          <span class="comment-time">
            <Time at={c.createdAt} language={p.language} />
          </span>{' '}
          <span class="muted">#{c.id}</span>
          {withdrawn ? <span class="badge badge-withdrawn">{t('report.withdrawnBadge')}</span> : null}
        </header>
        {c.quote ? (
          <blockquote class="comment-quote" lang={quoteLang}>
            {c.quote.exact}
          </blockquote>
        ) : null}
        {withdrawn ? (
          <p class="comment-context muted">{t('report.withdrawn')}</p>
        ) : (
          <>
            {c.proposalRedline ? (
              <div class="suggested-wording">
                <p class="suggested-wording-label">
                  <strong>
                    {p.item.takenInto !== null
                      ? t('report.wordingTaken', { number: p.item.takenInto })
                      : t('report.suggestedWording')}
                  </strong>
                </p>
                <InGuideLanguage lang={p.textLang}>
                  <Redline parts={c.proposalRedline} label={t('report.suggestedLabel')} />
                </InGuideLanguage>
              </div>
            ) : null}
            <div class="comment-body" dir="auto">
              {raw(c.html)}
            </div>
          </>
        )}
        {c.agreements > 0 && !withdrawn ? (
          <p class="agreements muted">{t('report.agreements', { count: c.agreements })}</p>
        ) : null}
        {decision ? (
          <div class={`report-decision decision-${decision.decision}`}>
            <p>
              <span class="decision-label">{t('report.decision')}</span>{' '}
              <strong>
                {decision.decision === 'duplicate' &&
                decision.duplicateOf &&
                p.ids.has(decision.duplicateOf) ? (
                  <a href={`#c${decision.duplicateOf}`}>{decisionText(p.item, p.language)}</a>
                ) : (
                  decisionText(p.item, p.language)
                )}
              </strong>
              {p.showLanding && p.item.landing?.number
                ? t('report.nowParagraph', { number: p.item.landing.number })
                : null}
            </p>
            {decision.response ? (
              <p class="report-response" dir="auto">
                <span class="decision-label">{t('report.response')}</span> {decision.response}
              </p>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  )
}

const Block = (p: {
  block: ReportBlock
  slug: string
  edition: number
  ids: ReadonlySet<string>
  language: Lang
  textLang: string | undefined
  wordsLang: WordsLanguage
}) => {
  const t = translator(p.language)
  const landings = p.block.items
    .map((item) => item.landing)
    .filter((l, i, all): l is ReportLanding => l !== null && all.findIndex((m) => sameLanding(l, m)) === i)
  const titleId = `block-${p.block.key}-${String(p.block.items[0]?.comment.edition ?? '')}`
  return (
    <article class="report-block" aria-labelledby={titleId}>
      <h4 id={titleId}>
        {t('report.paragraph', { number: p.block.number })}{' '}
        <span class="report-first-words" dir="auto" lang={p.textLang}>
          “{firstWords(p.block.text)}”
        </span>
      </h4>
      <ol class="report-comments">
        {p.block.items.map((item) => (
          <ReportComment
            item={item}
            ids={p.ids}
            showLanding={landings.length > 1}
            language={p.language}
            textLang={p.textLang}
            wordsLang={p.wordsLang}
          />
        ))}
      </ol>
      <div class="report-changes">
        {landings.map((landing) => (
          <Landing landing={landing} slug={p.slug} edition={p.edition} t={t} textLang={p.textLang} />
        ))}
      </div>
    </article>
  )
}

const sectionTitle = (path: readonly string[], t: Translate) =>
  path.length === 0 ? t('report.start') : path.join(' › ')

/**
 * "You said, we did": the summary and chart of decisions, then every comment written on an earlier
 * edition under the paragraph it was about, each with its decision, the response, and what became of
 * the paragraph in this edition.
 */
export const ReportPage = ({
  assets,
  report,
  language,
  wordsLang,
}: {
  assets: Assets
  report: Report
  /** The interface language; the guide's own words (titles, first words, responses) keep theirs. */
  language: Lang
  /** A translation's language for a comment's quoted words (wordsLanguages). */
  wordsLang: WordsLanguage
}) => {
  const t = translator(language)
  const { guide, edition, summary } = report
  const textLang = guide.lang === language ? undefined : guide.lang
  const n = edition.number
  const ids = new Set(
    report.editions.flatMap((e) => [
      ...e.sections.flatMap((s) => s.blocks.flatMap((b) => b.items.map((i) => i.comment.id))),
      ...e.general.map((i) => i.comment.id),
    ]),
  )
  return (
    <Layout
      title={t('report.title', { title: edition.title, number: n })}
      assets={assets}
      language={language}
      guide={guide}
      description={t('report.description', { title: guide.title })}
    >
      <div class="report-page">
        {report.preview ? (
          <div class="warning report-preview" role="note">
            <p>
              <strong>{t('report.notPublic')}</strong>{' '}
              {t('report.notPublicBody', {
                number: n,
                state: stateLabel(edition.state, language).toLowerCase(),
              })}
            </p>
          </div>
        ) : null}
        <p class="guide-meta">
          <a href={editionPath(guide.slug, n)}>
            {rich(t('report.editionOf', { title: slot('title'), number: n }), {
              title: <Passage text={guide.title} lang={guide.lang} reader={language} />,
            })}
          </a>
          {edition.publishedAt ? (
            <>
              {' '}
              {rich(t('report.published', { time: slot('time') }), {
                time: <Time at={edition.publishedAt} language={language} />,
              })}
            </>
          ) : null}
        </p>
        <h1>{t('reading.report')}</h1>
        <p class="report-lede">
          {rich(t('report.lede', { title: slot('title'), number: n }), {
            title: <Passage text={guide.title} lang={guide.lang} reader={language} />,
          })}
        </p>
        <nav class="report-links" aria-label={t('report.otherForms')}>
          <ul>
            <li>
              <a href={reportCsvPath(guide.slug, n)} download>
                {t('report.csv')}
              </a>
            </li>
            {report.editions.map((e) => (
              <li>
                <a href={redlinePath(guide.slug, e.number, n)}>
                  {t('report.everyChange', { from: e.number, to: n })}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <section class="report-summary" aria-labelledby="summary-title">
          <h2 id="summary-title">{t('report.summary')}</h2>
          {summary.comments === 0 ? (
            <p>{t('report.noComments')}</p>
          ) : (
            <>
              <p>
                {t('report.summaryLine', {
                  comments: summary.comments,
                  people: summary.people,
                  organisations: summary.onBehalfOfOrganisations,
                  names: guide.namesPublic ? 'public' : 'hidden',
                })}
              </p>
              <DecisionChart decisions={summary.decisions} language={language} />
              {summary.withdrawn > 0 ? (
                <p class="report-withdrawn">{t('report.withdrawnCount', { count: summary.withdrawn })}</p>
              ) : null}
            </>
          )}
          <HiddenByReason slug={guide.slug} counts={summary.hiddenByReason} t={t} />
        </section>

        <ReportCampaigns campaigns={report.campaigns} language={language} />

        <ReportThemes themes={report.themes} language={language} />

        {report.editions.map((e) => (
          <section class="report-edition" aria-labelledby={`edition-${String(e.number)}`}>
            <h2 id={`edition-${String(e.number)}`}>{t('report.commentsOn', { number: e.number })}</h2>
            <p>
              <a href={redlinePath(guide.slug, e.number, n)}>
                {t('report.seeMarked', { to: n, from: e.number })}
              </a>
            </p>
            {e.sections.map((section) => (
              <section class="report-section">
                <h3 dir="auto" lang={section.path.length === 0 ? undefined : textLang}>
                  {sectionTitle(section.path, t)}
                </h3>
                {section.blocks.map((block) => (
                  <Block
                    block={block}
                    slug={guide.slug}
                    edition={n}
                    ids={ids}
                    language={language}
                    textLang={textLang}
                    wordsLang={wordsLang}
                  />
                ))}
              </section>
            ))}
            {e.general.length > 0 ? (
              <section class="report-section">
                <h3>{t('report.general', { number: e.number })}</h3>
                <ol class="report-comments">
                  {e.general.map((item) => (
                    <ReportComment
                      item={item}
                      ids={ids}
                      showLanding={false}
                      language={language}
                      textLang={textLang}
                      wordsLang={wordsLang}
                    />
                  ))}
                </ol>
              </section>
            ) : null}
          </section>
        ))}
      </div>
    </Layout>
  )
}
