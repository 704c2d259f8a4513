import { DECISION_LABELS } from '../../kernel/decision-label.ts'
import { counted } from '../../kernel/change-label.ts'
import type { ReportCampaign } from '../campaign-report.service.ts'

/**
 * The report's campaigns, before the paragraph-by-paragraph record: each with how many people sent
 * it, its words, and the one decision and response that answered them all.
 */
export const ReportCampaigns = ({ campaigns }: { campaigns: readonly ReportCampaign[] }) =>
  campaigns.length === 0 ? null : (
    <section class="report-campaigns" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">Campaigns</h2>
      <p>
        Comments that many people sent in the same or nearly the same words, answered once. Each is also in
        the record below, where it was written.
      </p>
      <ol class="report-comments">
        {campaigns.map((k) => (
          <li class="report-campaign" id={`campaign-${k.id}`}>
            <h3>
              {counted(k.people, 'person', 'people')} sent this
              {k.comments === k.people ? '' : ` (${counted(k.comments, 'comment')})`}, on edition{' '}
              {k.editionNumber}
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
              <strong>{DECISION_LABELS[k.decision]}</strong>
              {k.response ? <>: {k.response}</> : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
