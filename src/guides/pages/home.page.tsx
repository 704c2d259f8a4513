import type { Assets } from '../../platform/http/assets.ts'
import { shownState, type ShownState } from '../../kernel/shown-state.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import type { EditionState } from '../../kernel/words.ts'
import { Layout } from '../../site/layout.tsx'
import { EDITIONS_FEED_PATH } from '../../feeds/urls.ts'
import { SearchBox } from '../../search/pages/search-box.tsx'
import { Time } from '../../site/form.tsx'
import { guidePath } from '../urls.ts'
import { editorPaths } from '../../editions/urls.ts'

export interface GuideSummary {
  slug: string
  title: string
  summary: string
  /** The language the guide is written in, marked on its title and summary. */
  lang?: string
  editionNumber: number
  editionState: EditionState
  opensAt: Date | null
  closesAt: Date | null
  /** The viewer edits this guide: the page links to where they manage it. */
  mayEdit?: boolean
}

const STATE_LABEL: Record<ShownState, MessageKey> = {
  upcoming: 'state.upcoming',
  open: 'state.open',
  closed: 'state.closed',
  published: 'state.published',
  draft: 'state.draft',
}

/** How an edition stands, in words, in the language (English for pages not yet given theirs). */
export const stateLabel = (state: ShownState, language: Lang = 'en') =>
  translator(language)(STATE_LABEL[state])

/** "in 5 days", "in 3 hours", "within the hour", in the language. */
const timeUntilIn = (language: Lang, at: Date, now: Date) => {
  const t = translator(language)
  const ahead = at.getTime() - now.getTime()
  if (ahead < HOUR) return t('time.withinHour')
  if (ahead < DAY) return t('time.inHours', { hours: Math.floor(ahead / HOUR) })
  return t('time.inDays', { days: Math.round(ahead / DAY) })
}
const HOUR = 3_600_000
const DAY = 24 * HOUR

const shownOf = (g: GuideSummary, now = new Date()) =>
  shownState({ state: g.editionState, opensAt: g.opensAt, closesAt: g.closesAt }, now)

/** When an open consultation closes, or an upcoming one opens: "closes in 5 days, on …". */
const Window = ({ guide, now, language }: { guide: GuideSummary; now: Date; language: Lang }) => {
  const shown = shownOf(guide, now)
  const at = shown === 'open' ? guide.closesAt : shown === 'upcoming' ? guide.opensAt : null
  if (!at) return null
  const t = translator(language)
  const values = { until: timeUntilIn(language, at, now), time: slot('time') }
  return (
    <>
      {' '}
      ·{' '}
      {rich(shown === 'open' ? t('home.closes', values) : t('home.opens', values), {
        time: <Time at={at} language={language} />,
      })}
    </>
  )
}

export const HomePage = ({
  assets,
  guides,
  mayImport = false,
  needsSetup = false,
  now = new Date(),
  language,
}: {
  assets: Assets
  language: Lang
  guides: GuideSummary[]
  /** The moment the page is for: the closing dates count from it. */
  now?: Date
  /** The viewer may start a new guide: the page links to the import. */
  mayImport?: boolean
  /** Nobody has an account yet: whoever installed Gloss is shown the way to the setup page. */
  needsSetup?: boolean
}) => {
  const t = translator(language)
  return (
    <Layout
      title={t('home.title')}
      assets={assets}
      language={language}
      feeds={[{ title: t('feeds.everyGuide'), href: EDITIONS_FEED_PATH }]}
    >
      <h1>{t('home.heading')}</h1>
      {needsSetup ? (
        <p class="notice">
          {rich(t('home.needsSetup', { link: slot('link') }), {
            link: <a href="/setup">{t('home.setUp')}</a>,
          })}
        </p>
      ) : null}
      {mayImport ? (
        <p>
          <a href="/guides/new">{t('home.import')}</a>
        </p>
      ) : null}
      {guides.length === 0 ? null : (
        <SearchBox action="/search" label={t('search.allGuides')} language={language} />
      )}
      {guides.length === 0 ? (
        <p class="notice">{t('home.none')}</p>
      ) : (
        <ul class="guide-list">
          {guides.map((g) => (
            <li>
              <h2 lang={g.lang} dir="auto">
                <a href={guidePath(g.slug)}>{g.title}</a>
              </h2>
              <p class="guide-meta">
                <span class="badge">{stateLabel(shownOf(g), language)}</span>{' '}
                {t('reading.edition', { number: g.editionNumber })}
                <Window guide={g} now={now} language={language} />
                {g.mayEdit ? (
                  <>
                    {' '}
                    · <a href={editorPaths(g.slug).manage}>{t('home.manage')}</a>
                  </>
                ) : null}
              </p>
              {g.summary ? (
                <p lang={g.lang} dir="auto">
                  {g.summary}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}
