import type { LineageChange } from '../../kernel/words.ts'
import type { CommentsOn, EditionRedline, RedlineEntry } from '../redline.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { Redline } from '../../site/redline.tsx'
import { CHANGE_LABELS, counted } from '../../kernel/change-label.ts'
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

const Comments = (p: { slug: string; comments: readonly CommentsOn[] }) =>
  p.comments.length === 0 ? null : (
    <ul class="redline-comments">
      {p.comments.map((c) => (
        <li>
          <a href={threadPath({ slug: p.slug, number: c.edition, blockKey: c.key })}>
            {counted(c.count, 'comment')} on edition {c.edition}
            {c.number ? `, paragraph ${c.number}` : ''}
          </a>
        </li>
      ))}
    </ul>
  )

/** Where a changed paragraph came from, in the earlier edition's numbers. */
const origin = (entry: RedlineEntry, from: number) => {
  if (entry.change === 'removed') return ` of edition ${String(from)}`
  if (entry.from.length === 0) return ''
  const numbers = entry.from.map((f) => f.number)
  const same = numbers.length === 1 && numbers[0] === entry.number
  return same ? '' : ` (was ${numbers.join(' and ')})`
}

const Text = (p: { entry: RedlineEntry }) =>
  p.entry.parts ? (
    <Redline parts={p.entry.parts} />
  ) : (
    <p class="redline-plain" dir="auto">
      {p.entry.text}
    </p>
  )

const Changed = (p: { entry: RedlineEntry; slug: string; from: number }) => {
  const { entry } = p
  return (
    <section
      class={`redline-entry redline-${entry.change}${entry.kind === 'heading' ? ' redline-heading' : ''}`}
      id={entry.change === 'removed' ? `removed-${entry.key}` : entry.key}
    >
      <p class="redline-label">
        <span class={`change-badge change-${entry.change}`}>{CHANGE_LABELS[entry.change]}</span> Paragraph{' '}
        {entry.number}
        {origin(entry, p.from)}
      </p>
      <Text entry={entry} />
      <Comments slug={p.slug} comments={entry.comments} />
    </section>
  )
}

const Unchanged = (p: { entry: RedlineEntry }) => (
  <div class={`redline-entry redline-unchanged${p.entry.kind === 'heading' ? ' redline-heading' : ''}`}>
    <Text entry={p.entry} />
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
export const RedlinePage = ({ assets, redline }: { assets: Assets; redline: EditionRedline }) => {
  const { guide, from, to } = redline
  const summary = SUMMARY_ORDER.flatMap((change) => {
    const count = redline.counts[change] ?? 0
    return count > 0 ? [`${String(count)} ${CHANGE_LABELS[change].toLowerCase()}`] : []
  })
  return (
    <Layout
      title={`Changes from edition ${String(from.number)} to ${String(to.number)} · ${guide.title} · Gloss`}
      assets={assets}
      guide={guide}
      lang={guide.lang}
    >
      <div class="redline-page">
        <p class="guide-meta">{guide.title}</p>
        <h1>
          Changes from edition {from.number} to edition {to.number}
        </h1>
        <p>
          The text of <a href={editionPath(guide.slug, to.number)}>edition {to.number}</a>, marked with every
          change since <a href={editionPath(guide.slug, from.number)}>edition {from.number}</a>. Paragraphs:{' '}
          {summary.join(', ')}.
          {to.state === 'published' ? (
            <>
              {' '}
              <a href={reportPath(guide.slug, to.number)}>What people said and what was decided</a>.
            </>
          ) : null}
        </p>
        <div class="redline-legend" role="note" aria-label="How changes are shown">
          <p>
            <del>Struck-through words</del> were taken out; <ins>underlined words</ins> were put in. Each
            changed paragraph is labelled with what happened to it: edited, moved, split, merged, new or
            removed.
          </p>
        </div>
        <div class="redline-text" dir="auto">
          {runs(redline.entries).map((group) =>
            !group.unchanged ? (
              group.entries.map((entry) => <Changed entry={entry} slug={guide.slug} from={from.number} />)
            ) : group.entries.length < FOLD ? (
              group.entries.map((entry) => <Unchanged entry={entry} />)
            ) : (
              <details class="redline-fold">
                <summary>
                  {counted(group.entries.length, 'unchanged paragraph')} ({group.entries[0]?.number} to{' '}
                  {group.entries[group.entries.length - 1]?.number})
                </summary>
                {group.entries.map((entry) => (
                  <Unchanged entry={entry} />
                ))}
              </details>
            ),
          )}
        </div>
      </div>
    </Layout>
  )
}
