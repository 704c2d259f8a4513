import type { Decision } from '../../kernel/words.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { decisionLabelIn, translator } from '../../platform/i18n/messages.ts'

const ROW = 52
const BAR = 20
/** The longest bar leaves room after it for its count. */
const LONGEST = 82

/**
 * The decisions as a bar chart: one labelled bar per decision made, its count written beside it, so
 * neither colour nor length alone carries the meaning. Without a viewBox, text keeps its size on a phone
 * while bars, sized in percentages, follow the width. A screen reader hears the title and the
 * description, which says every count in words.
 */
export const DecisionChart = (p: {
  decisions: readonly { decision: Decision; count: number }[]
  language: Lang
}) => {
  const t = translator(p.language)
  const most = Math.max(1, ...p.decisions.map((d) => d.count))
  const total = p.decisions.reduce((sum, d) => sum + d.count, 0)
  const description = p.decisions
    .map((d) => t('chart.row', { decision: decisionLabelIn(p.language, d.decision), count: d.count }))
    .join('; ')
  return (
    <figure class="decision-chart">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        role="img"
        aria-labelledby="decision-chart-title decision-chart-desc"
        width="100%"
        height={String(p.decisions.length * ROW + 4)}
      >
        <title id="decision-chart-title">{t('chart.title', { count: total })}</title>
        <desc id="decision-chart-desc">{t('chart.description', { rows: description })}</desc>
        {p.decisions.map((d, i) => {
          const width = Math.max(0.5, (d.count / most) * LONGEST)
          const top = i * ROW
          return (
            <g class={`chart-row chart-${d.decision}`}>
              <text class="chart-label" x="0" y={String(top + 16)}>
                {decisionLabelIn(p.language, d.decision)}
              </text>
              <rect
                class="chart-bar"
                x="0"
                y={String(top + 24)}
                width={`${width.toFixed(2)}%`}
                height={String(BAR)}
                rx="2"
              />
              <text class="chart-count" x={`${width.toFixed(2)}%`} dx="8" y={String(top + 24 + 15)}>
                {String(d.count)}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
