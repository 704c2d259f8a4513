import { raw } from 'hono/html'
import type { LineageChange } from '../../kernel/words.ts'
import type { CommentsOn, EditionRedline, RedlineEntry } from '../redline.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { Redline } from '../../site/redline.tsx'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type Translate } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
import { threadPath } from '../../comments/urls.ts'
import { reportPath } from '../urls.ts'
import { editionPath } from '../../guides/urls.ts'

/** Runs of at least this many unchanged paragraphs fold away, so the changes stand out. */
const FOLD = 3

const SUMMARY_ORDER: readonly LineageChange[] = [
  'edited',
  'moved-edited',
  'split',
  'merged',
  'moved',
  'new',
  'removed',
  'unchanged',
]

const Comments = (p: { slug: string; comments: readonly CommentsOn[]; t: Translate }) =>
  p.comments.length === 0 ? null : (
    <ul class="redline-comments">
      {p.comments.map((c) => (
        <li>
          <a href={threadPath({ slug: p.slug, number: c.edition, blockKey: c.key })}>
            {p.t('redline.comments', { count: c.count, edition: c.edition })}
            {c.number ? p.t('redline.commentsParagraph', { number: c.number }) : ''}
          </a>
        </li>
      ))}
    </ul>
  )

/** Where a changed paragraph came from, in the earlier edition's numbers. */
const origin = (entry: RedlineEntry, from: number, t: Translate) => {
  if (entry.change === 'removed') return t('redline.ofEdition', { number: from })
  if (entry.from.length === 0) return ''
  const numbers = entry.from.map((f) => f.number)
  const same = numbers.length === 1 && numbers[0] === entry.number
  return same
    ? ''
    : t('redline.was', {
        count: numbers.length,
        rest: numbers.slice(0, -1).join(', '),
        last: numbers.at(-1) ?? '',
      })
}

/**
 * The guide's text, in the guide's language where it is not the interface's: a change as a word-level
 * redline, words that stayed as the guide shows them (its HTML, sanitised by the service).
 */
const Text = (p: { entry: RedlineEntry; lang: string | undefined }) =>
  p.entry.parts ? (
    <Redline parts={p.entry.parts} lang={p.lang} />
  ) : p.entry.html !== null ? (
    <div class="redline-html" dir="auto" lang={p.lang}>
      {raw(p.entry.html)}
    </div>
  ) : (
    <p class="redline-plain" dir="auto" lang={p.lang}>
      {p.entry.text}
    </p>
  )

const Changed = (p: {
  entry: RedlineEntry
  slug: string
  from: number
  t: Translate
  lang: string | undefined
}) => {
  const { entry, t } = p
  return (
    <section
      class={`redline-entry redline-${entry.change}${entry.kind === 'heading' ? ' redline-heading' : ''}`}
      id={entry.change === 'removed' ? `removed-${entry.key}` : entry.key}
    >
      <p class="redline-label">
        <span class={`change-badge change-${entry.change}`}>{t(`change.${entry.change}`)}</span>{' '}
        {t('redline.paragraph', { number: entry.number })}
        {origin(entry, p.from, t)}
      </p>
      <Text entry={entry} lang={p.lang} />
      <Comments slug={p.slug} comments={entry.comments} t={t} />
    </section>
  )
}

const Unchanged = (p: { entry: RedlineEntry; lang: string | undefined }) => (
  <div class={`redline-entry redline-unchanged${p.entry.kind === 'heading' ? ' redline-heading' : ''}`}>
    <Text entry={p.entry} lang={p.lang} />
  </div>
)

/** Consecutive entries grouped: unchanged runs apart from the rest. */
function runs(entries: readonly RedlineEntry[]) {
  const groups: { unchanged: boolean; entries: RedlineEntry[] }[] = []
  for (const entry of entries) {
    const unchanged = entry.change === 'unchanged'
    const last = groups[groups.length - 1]
    if (last?.unchanged === unchanged) last.entries.push(entry)
    else groups.push({ unchanged, entries: [entry] })
  }
  return groups
}

/**
 * Edition `to` in reading order, marked against edition `from`: changed paragraphs as word-level
 * redlines, new ones inserted, removed ones struck through where they stood, long runs of unchanged
 * text folded away. Beside each changed paragraph, links to the comments on what it was.
 */
export const RedlinePage = ({
  assets,
  redline,
  language,
}: {
  assets: Assets
  redline: EditionRedline
  /** The interface language; the guide's text keeps its own (`guide.lang`). */
  language: Lang
}) => {
  const t = translator(language)
  const { guide, from, to } = redline
  const textLang = guide.lang === language ? undefined : guide.lang
  const summary = SUMMARY_ORDER.flatMap((change) => {
    const count = redline.counts[change] ?? 0
    return count > 0 ? [t('redline.count', { count, change: t(`change.${change}`).toLowerCase() })] : []
  })
  return (
    <Layout
      title={t('redline.title', { from: from.number, to: to.number, title: guide.title })}
      assets={assets}
      language={language}
      guide={guide}
    >
      <div class="redline-page">
        <p class="guide-meta">{guide.title}</p>
        <h1>{t('redline.heading', { from: from.number, to: to.number })}</h1>
        <p>
          {rich(t('redline.intro', { to: slot('to'), from: slot('from'), summary: summary.join(', ') }), {
            to: (
              <a href={editionPath(guide.slug, to.number)}>{t('redline.edition', { number: to.number })}</a>
            ),
            from: (
              <a href={editionPath(guide.slug, from.number)}>
                {t('redline.edition', { number: from.number })}
              </a>
            ),
          })}
          {to.state === 'published' ? (
            <>
              {' '}
              {rich(t('redline.report', { link: slot('link') }), {
                link: <a href={reportPath(guide.slug, to.number)}>{t('redline.reportLink')}</a>,
              })}
            </>
          ) : null}
        </p>
        <div class="redline-legend" role="note" aria-label={t('redline.legendLabel')}>
          <p>
            {rich(t('redline.legend', { del: slot('del'), ins: slot('ins') }), {
              del: <del>{t('redline.struck')}</del>,
              ins: <ins>{t('redline.underlined')}</ins>,
            })}
          </p>
        </div>
        <div class="redline-text" dir="auto">
          {runs(redline.entries).map((group) =>
            !group.unchanged ? (
              group.entries.map((entry) => (
                <Changed entry={entry} slug={guide.slug} from={from.number} t={t} lang={textLang} />
              ))
            ) : group.entries.length < FOLD ? (
              group.entries.map((entry) => <Unchanged entry={entry} lang={textLang} />)
            ) : (
              <details class="redline-fold">
                <summary>
                  {t('redline.fold', {
                    count: group.entries.length,
                    first: group.entries[0]?.number ?? '',
                    last: group.entries[group.entries.length - 1]?.number ?? '',
                  })}
                </summary>
                {group.entries.map((entry) => (
                  <Unchanged entry={entry} lang={textLang} />
                ))}
              </details>
            ),
          )}
        </div>
      </div>
    </Layout>
  )
}
