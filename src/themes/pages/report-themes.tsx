import type { Lang } from '../../platform/i18n/languages.ts'
import { formatNumber, translator } from '../../platform/i18n/messages.ts'
import type { ReportTheme } from '../theme-report.service.ts'

/**
 * The report's themes, before the paragraph-by-paragraph record: each with how many of the comments
 * shown gather under it, the editors' one response, and the paragraphs those comments touched (links
 * to them in the record below).
 */
export const ReportThemes = ({ themes, language }: { themes: readonly ReportTheme[]; language: Lang }) => {
  if (themes.length === 0) return null
  const t = translator(language)
  const place = (p: ReportTheme['places'][number]) =>
    p.blockKey === null
      ? t('themes.report.general', { edition: p.editionNumber })
      : t('themes.report.paragraph', { number: p.number || '?', edition: p.editionNumber })
  return (
    <section class="report-themes" aria-labelledby="themes-title">
      <h2 id="themes-title">{t('themes.report.title')}</h2>
      <p>{t('themes.report.hint')}</p>
      <ol class="report-comments">
        {themes.map((theme) => (
          <li class="report-theme" id={`theme-${theme.id}`}>
            <h3>
              {theme.name} <span class="theme-count">({t('themes.count', { count: theme.comments })})</span>
            </h3>
            {theme.description ? <p dir="auto">{theme.description}</p> : null}
            <p class="report-decision">
              {theme.response ? (
                <>
                  <strong>{t('themes.report.response')}</strong> <span dir="auto">{theme.response}</span>
                </>
              ) : (
                t('themes.report.noResponse')
              )}
            </p>
            <p class="report-theme-places">
              {t('themes.report.places')}{' '}
              {theme.places.map((p, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a
                    href={
                      p.blockKey === null
                        ? `#edition-${String(p.editionNumber)}`
                        : `#block-${p.blockKey}-${String(p.editionNumber)}`
                    }
                  >
                    {t('themes.placeCount', { place: place(p), count: formatNumber(language, p.count) })}
                  </a>
                </>
              ))}
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
}
