import { Hono } from 'hono'
import { sameForEveryoneForAnHour } from '../platform/http/cache-control.ts'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { accessibilityResults, type AccessibilityResults } from './accessibility-results.ts'
import { Layout } from './layout.tsx'
import type { Lang } from '../platform/i18n/languages.ts'
import {
  formatDate,
  formatNumber,
  translator,
  type MessageKey,
  type Translate,
} from '../platform/i18n/messages.ts'
import { rich, slot } from './rich-message.tsx'

/** A page kind as the test names it ("admin-people"), as a person reads it ("Admin people"). */
const pageName = (kind: string) => {
  const words = kind.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

const longDate = (language: Lang, day: string) =>
  formatDate(language, new Date(`${day}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })

/** What is known to fall short, and why; each a WCAG success criterion where one applies. */
const SHORTFALLS = [
  { what: 'a11y.short.language', criterion: undefined },
  { what: 'a11y.short.redline', criterion: 'a11y.criterion.infoRelationships' },
  { what: 'a11y.short.quotes', criterion: undefined },
  { what: 'a11y.short.authored', criterion: 'a11y.criterion.headingsLabels' },
] as const satisfies readonly { what: MessageKey; criterion: MessageKey | undefined }[]

const CHECK_WORDS: Record<string, MessageKey> = {
  desktop: 'a11y.check.desktop',
  phone: 'a11y.check.phone',
  light: 'a11y.check.light',
  'dark (contrast)': 'a11y.check.dark',
}

/** "desktop, dark (contrast)" as the results file has it, in the language, word by word. */
const checkIn = (t: Translate, check: string) =>
  check
    .split(', ')
    .map((word) => (CHECK_WORDS[word] ? t(CHECK_WORDS[word]) : word))
    .join(', ')

function Statement({
  results,
  contact,
  language,
}: {
  results: AccessibilityResults
  contact: string | undefined
  language: Lang
}) {
  const t = translator(language)
  const pages = results.pages
  const clean = pages.every((p) => p.seriousOrCritical === 0)
  const tested = longDate(language, results.testedOn)
  // The results file names the standard in English; the one it names today has its words in the catalogue.
  const standard =
    results.standard === translator('en')('a11y.standard') ? t('a11y.standard') : results.standard
  return (
    <>
      <h1>{t('a11y.heading')}</h1>
      <p>{t('a11y.intro')}</p>
      <ul>
        <li>{t('a11y.can.zoom')}</li>
        <li>{t('a11y.can.keyboard')}</li>
        <li>{t('a11y.can.noScript')}</li>
        <li>{t('a11y.can.screenReader')}</li>
        <li>{t('a11y.can.colours')}</li>
      </ul>

      <h2>{t('a11y.howHeading')}</h2>
      <p>{t('a11y.known')}</p>
      <ul>
        {SHORTFALLS.map((s) => (
          <li>{t(s.what)}</li>
        ))}
      </ul>

      <h2>{t('a11y.feedbackHeading')}</h2>
      <p>
        {contact
          ? rich(t('a11y.feedbackWrite', { address: slot('address') }), {
              address: <a href={`mailto:${contact}`}>{contact}</a>,
            })
          : t('a11y.feedbackTell')}
      </p>

      <h2>{t('a11y.enforcementHeading')}</h2>
      <p>
        {rich(t('a11y.enforcement', { link: slot('link') }), {
          link: <a href="https://www.equalityadvisoryservice.com/">{t('a11y.eass')}</a>,
        })}
      </p>

      <h2>{t('a11y.technicalHeading')}</h2>
      <p>{t('a11y.committed')}</p>
      <h3>{t('a11y.complianceHeading')}</h3>
      <p>
        {rich(t('a11y.compliance', { link: slot('link') }), {
          link: <a href="https://www.w3.org/TR/WCAG22/">{t('a11y.wcag')}</a>,
        })}
      </p>
      <h3>{t('a11y.nonAccessibleHeading')}</h3>
      <ul>
        {SHORTFALLS.map((s) => (
          <li>
            {t(s.what)}
            {s.criterion ? ` ${t('a11y.fails', { criterion: t(s.criterion) })}` : ''}
          </li>
        ))}
      </ul>

      <h2>{t('a11y.testedHeading')}</h2>
      <p>
        {t('a11y.tested', {
          standard,
          tool: results.tool,
          browser: results.browser,
          date: tested,
          pages: pages.length,
          clean: clean ? 'yes' : 'no',
        })}
      </p>
      {/* A wide table scrolls inside itself, never the page (a long address in Welsh, a phone). */}
      <div class="table-scroll" tabindex={0} role="region" aria-label={t('a11y.caption', { date: tested })}>
        <table>
          <caption>{t('a11y.caption', { date: tested })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('a11y.colPage')}</th>
              <th scope="col">{t('a11y.colChecked')}</th>
              <th scope="col">{t('a11y.colFailures')}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p) => (
              <tr>
                {/* The test names each kind in English; another language shows the address it checked. */}
                <th scope="row">{language === 'en' ? pageName(p.kind) : <code>{p.path}</code>}</th>
                <td>{p.checks.map((check) => checkIn(t, check)).join('; ')}</td>
                <td>{formatNumber(language, p.seriousOrCritical)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('a11y.preparationHeading')}</h2>
      <p>{t('a11y.preparation', { date: tested })}</p>
    </>
  )
}

/**
 * `/accessibility`: the accessibility statement, in the structure UK public bodies publish (the GOV.UK
 * model statement), its test results read from the project's own accessibility run. The same for
 * everyone, so answered before anyone is looked up and cacheable for an hour.
 */
export const accessibilityRoutes = ({ assets, config }: Pick<Deps, 'assets' | 'config'>) =>
  new Hono<AppEnv>().use('/accessibility', sameForEveryoneForAnHour).get('/accessibility', (c) =>
    c.html(
      <Layout title={translator(c.get('lang'))('a11y.title')} assets={assets} language={c.get('lang')}>
        <Statement results={accessibilityResults()} contact={config.contactEmail} language={c.get('lang')} />
      </Layout>,
    ),
  )
