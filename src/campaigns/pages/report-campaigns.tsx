import type { ReportCampaign } from '../campaign-report.service.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/**
 * The report's campaigns, before the paragraph-by-paragraph record: each with how many people sent
 * it, its words, and the one decision and response that answered them all.
 */
export const ReportCampaigns = ({
  campaigns,
  language: given,
}: {
  campaigns: readonly ReportCampaign[]
  /** The interface language; the request's where the page does not say. */
  language?: Lang | undefined
}) => {
  if (campaigns.length === 0) return null
  const language = given ?? requestLanguage()
  const t = translator(language)
  return (
    <section class="report-campaigns" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">{t('campaigns.title')}</h2>
      <p>{t('campaigns.report.hint')}</p>
      <ol class="report-comments">
        {campaigns.map((k) => (
          <li class="report-campaign" id={`campaign-${k.id}`}>
            <h3>
              {t('campaigns.report.sent', {
                people: k.people,
                comments:
                  k.comments === k.people ? '' : t('campaigns.report.comments', { count: k.comments }),
                edition: k.editionNumber,
              })}
            </h3>
            <blockquote dir="auto">
              {k.representative
                .split(/\n\s*\n/)
                .filter((para) => para.trim() !== '')
                .map((para) => (
                  <p>{para}</p>
                ))}
            </blockquote>
            <p class="report-decision">
              <strong>{decisionLabelIn(language, k.decision)}</strong>
              {k.response ? <>: {k.response}</> : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
}
