import { raw } from 'hono/html'
import type { Report, ReportBlock, ReportItem, ReportLanding } from '../report.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { stateLabel } from '../../guides/pages/home.page.tsx'
import { Layout } from '../../site/layout.tsx'
import { Time } from '../../site/form.tsx'
import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import { Redline } from '../../site/redline.tsx'
import { kindLabel } from '../../kernel/kind-label.ts'
import { CHANGE_LABELS, counted } from '../../kernel/change-label.ts'
import { DecisionChart } from './decision-chart.tsx'
import { redlinePath, reportCsvPath } from '../urls.ts'
import { editionPath } from '../../guides/urls.ts'
import { moderationLogPath } from '../../moderation/urls.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { AuthorName } from '../../site/author-line.tsx'
import { ReportCampaigns } from '../../campaigns/pages/report-campaigns.tsx'
import { ReportThemes } from '../../themes/pages/report-themes.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'

const FIRST_WORDS = 12

/** How many comments moderators hid, by reason code: counts only, with the log that says when and why. */
const HiddenByReason = (p: { slug: string; counts: Report['summary']['hiddenByReason'] }) => {
  if (p.counts.length === 0) return null
  const t = translator(requestLanguage())
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
export const decisionText = (item: ReportItem) => {
  const d = item.comment.decision
  if (!d) return ''
  return d.decision === 'duplicate' && d.duplicateOf
    ? `Duplicate of #${d.duplicateOf}`
    : DECISION_LABELS[d.decision]
}

const sameLanding = (x: ReportLanding | null, y: ReportLanding | null) =>
  x?.key === y?.key && x?.change === y?.change

/** What became of the paragraph in the reported edition: where it is now, and how its words changed. */
const Landing = (p: { landing: ReportLanding; slug: string; edition: number }) => {
  const { landing } = p
  const label = CHANGE_LABELS[landing.change]
  return (
    <div class={`report-change change-${landing.change.replace(' ', '-')}`}>
      <p class="report-change-label">
        <span class="change-badge">{label}</span>{' '}
        {landing.key === null ? (
          landing.change === 'removed' ? (
            <>This paragraph is not in edition {p.edition}.</>
          ) : (
            <>Gloss has no record of where this paragraph went.</>
          )
        ) : (
          <>
            In edition {p.edition}:{' '}
            <a href={editionPath(p.slug, p.edition, landing.key)}>paragraph {landing.number}</a>
          </>
        )}
      </p>
      {landing.redline ? <Redline parts={landing.redline} /> : null}
    </div>
  )
}

const ReportComment = (p: { item: ReportItem; ids: ReadonlySet<string>; showLanding: boolean }) => {
  const c = p.item.comment
  const decision = c.decision
  const withdrawn = c.state === 'withdrawn'
  return (
    <li>
      <article class="comment report-comment" id={`c${c.id}`} aria-label={`Comment #${c.id}`}>
        <header class="comment-header">
          <span class={`kind kind-${c.kind}`}>{kindLabel(c.kind)}</span>{' '}
          <span class="comment-author">
            <AuthorName comment={c} />
          </span>{' '}
          <span class="comment-time">
            <Time at={c.createdAt} />
          </span>{' '}
          <span class="muted">#{c.id}</span>
          {withdrawn ? <span class="badge badge-withdrawn">withdrawn by its author</span> : null}
        </header>
        {c.quote ? <blockquote class="comment-quote">{c.quote.exact}</blockquote> : null}
        {withdrawn ? (
          <p class="comment-context muted">This comment was withdrawn by its author.</p>
        ) : (
          <>
            {c.proposalRedline ? (
              <div class="suggested-wording">
                <p class="suggested-wording-label">
                  <strong>
                    {p.item.takenInto !== null
                      ? `Wording taken into edition ${String(p.item.takenInto)}:`
                      : 'Suggested wording:'}
                  </strong>
                </p>
                <Redline parts={c.proposalRedline} label="The paragraph with the suggested wording" />
              </div>
            ) : null}
            <div class="comment-body" dir="auto">
              {raw(c.html)}
            </div>
          </>
        )}
        {c.agreements > 0 && !withdrawn ? (
          <p class="agreements muted">
            {c.agreements === 1 ? '1 person agrees' : `${String(c.agreements)} people agree`}
          </p>
        ) : null}
        {decision ? (
          <div class={`report-decision decision-${decision.decision}`}>
            <p>
              <span class="decision-label">Decision:</span>{' '}
              <strong>
                {decision.decision === 'duplicate' &&
                decision.duplicateOf &&
                p.ids.has(decision.duplicateOf) ? (
                  <a href={`#c${decision.duplicateOf}`}>{decisionText(p.item)}</a>
                ) : (
                  decisionText(p.item)
                )}
              </strong>
              {p.showLanding && p.item.landing?.number ? <> · now paragraph {p.item.landing.number}</> : null}
            </p>
            {decision.response ? (
              <p class="report-response" dir="auto">
                <span class="decision-label">Response:</span> {decision.response}
              </p>
            ) : null}
          </div>
        ) : null}
      </article>
    </li>
  )
}

const Block = (p: { block: ReportBlock; slug: string; edition: number; ids: ReadonlySet<string> }) => {
  const landings = p.block.items
    .map((item) => item.landing)
    .filter((l, i, all): l is ReportLanding => l !== null && all.findIndex((m) => sameLanding(l, m)) === i)
  const titleId = `block-${p.block.key}-${String(p.block.items[0]?.comment.edition ?? '')}`
  return (
    <article class="report-block" aria-labelledby={titleId}>
      <h4 id={titleId}>
        Paragraph {p.block.number}{' '}
        <span class="report-first-words" dir="auto">
          “{firstWords(p.block.text)}”
        </span>
      </h4>
      <ol class="report-comments">
        {p.block.items.map((item) => (
          <ReportComment item={item} ids={p.ids} showLanding={landings.length > 1} />
        ))}
      </ol>
      <div class="report-changes">
        {landings.map((landing) => (
          <Landing landing={landing} slug={p.slug} edition={p.edition} />
        ))}
      </div>
    </article>
  )
}

const sectionTitle = (path: readonly string[]) =>
  path.length === 0 ? 'Start of the guide' : path.join(' › ')

/**
 * "You said, we did": the summary and chart of decisions, then every comment written on an earlier
 * edition under the paragraph it was about, each with its decision, the response, and what became of
 * the paragraph in this edition.
 */
export const ReportPage = ({
  assets,
  report,
  language,
}: {
  assets: Assets
  report: Report
  /** The interface language, for the parts of the page in the catalogues so far (the themes). */
  language?: Lang | undefined
}) => {
  const { guide, edition, summary } = report
  const n = edition.number
  const ids = new Set(
    report.editions.flatMap((e) => [
      ...e.sections.flatMap((s) => s.blocks.flatMap((b) => b.items.map((i) => i.comment.id))),
      ...e.general.map((i) => i.comment.id),
    ]),
  )
  return (
    <Layout
      title={`You said, we did · ${edition.title}, edition ${String(n)} · Gloss`}
      assets={assets}
      guide={guide}
      lang={guide.lang}
      description={`What people said on earlier editions of ${guide.title}, what was decided, and what changed.`}
    >
      <div class="report-page">
        {report.preview ? (
          <div class="warning report-preview" role="note">
            <p>
              <strong>Not yet public.</strong> Edition {n} is {stateLabel(edition.state).toLowerCase()}; only
              the guide’s editors can see this report until the edition is published.
            </p>
          </div>
        ) : null}
        <p class="guide-meta">
          <a href={editionPath(guide.slug, n)}>
            {guide.title}, edition {n}
          </a>
          {edition.publishedAt ? (
            <>
              {' '}
              · published <Time at={edition.publishedAt} />
            </>
          ) : null}
        </p>
        <h1>You said, we did</h1>
        <p class="report-lede">
          What people said about the earlier editions of “{guide.title}”, what the editors decided, and what
          changed in edition {n}.
        </p>
        <nav class="report-links" aria-label="This report in other forms">
          <ul>
            <li>
              <a href={reportCsvPath(guide.slug, n)} download>
                Download this report as a spreadsheet (CSV)
              </a>
            </li>
            {report.editions.map((e) => (
              <li>
                <a href={redlinePath(guide.slug, e.number, n)}>
                  Every change from edition {e.number} to edition {n}
                </a>
              </li>
            ))}
          </ul>
        </nav>

        <section class="report-summary" aria-labelledby="summary-title">
          <h2 id="summary-title">Summary</h2>
          {summary.comments === 0 ? (
            <p>Nobody commented on an earlier edition.</p>
          ) : (
            <>
              <p>
                {counted(summary.comments, 'comment')} from {counted(summary.people, 'person', 'people')}
                {summary.onBehalfOfOrganisations > 0
                  ? `, ${String(summary.onBehalfOfOrganisations)} on behalf of organisations`
                  : ''}
                {guide.namesPublic ? '' : '. Names are not published for this guide'}.
              </p>
              <DecisionChart decisions={summary.decisions} />
            </>
          )}
          <HiddenByReason slug={guide.slug} counts={summary.hiddenByReason} />
        </section>

        <ReportCampaigns campaigns={report.campaigns} />

        <ReportThemes themes={report.themes} language={language ?? 'en'} />

        {report.editions.map((e) => (
          <section class="report-edition" aria-labelledby={`edition-${String(e.number)}`}>
            <h2 id={`edition-${String(e.number)}`}>Comments on edition {e.number}</h2>
            <p>
              <a href={redlinePath(guide.slug, e.number, n)}>
                See edition {n} marked with every change since edition {e.number}
              </a>
            </p>
            {e.sections.map((section) => (
              <section class="report-section">
                <h3 dir="auto">{sectionTitle(section.path)}</h3>
                {section.blocks.map((block) => (
                  <Block block={block} slug={guide.slug} edition={n} ids={ids} />
                ))}
              </section>
            ))}
            {e.general.length > 0 ? (
              <section class="report-section">
                <h3>General discussion of edition {e.number}</h3>
                <ol class="report-comments">
                  {e.general.map((item) => (
                    <ReportComment item={item} ids={ids} showLanding={false} />
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
