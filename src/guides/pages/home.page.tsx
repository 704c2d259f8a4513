import type { Assets } from '../../platform/http/assets.ts'
import { shownState } from '../../kernel/shown-state.ts'
import type { EditionState } from '../../kernel/words.ts'
import { Layout } from '../../site/layout.tsx'
import { EDITIONS_FEED_PATH } from '../../feeds/urls.ts'
import { SearchBox } from '../../search/pages/search-box.tsx'
import { timeUntil } from '../../kernel/time-zone.ts'
import { Time } from '../../site/form.tsx'
import { guidePath } from '../urls.ts'
import { editorPaths } from '../../editions/urls.ts'

export interface GuideSummary {
  slug: string
  title: string
  summary: string
  editionNumber: number
  editionState: EditionState
  opensAt: Date | null
  closesAt: Date | null
  /** The viewer edits this guide: the page links to where they manage it. */
  mayEdit?: boolean
}

const STATE_LABEL: Record<string, string> = {
  upcoming: 'Opening soon',
  open: 'Open for comment',
  closed: 'Consultation closed',
  published: 'Published',
  draft: 'Draft',
}

export const stateLabel = (state: string) => STATE_LABEL[state] ?? state

const shownOf = (g: GuideSummary, now = new Date()) =>
  shownState({ state: g.editionState, opensAt: g.opensAt, closesAt: g.closesAt }, now)

/** When an open consultation closes, or an upcoming one opens: "closes in 5 days, on …". */
const Window = ({ guide, now }: { guide: GuideSummary; now: Date }) => {
  const shown = shownOf(guide, now)
  const at = shown === 'open' ? guide.closesAt : shown === 'upcoming' ? guide.opensAt : null
  if (!at) return null
  return (
    <>
      {' '}
      · {shown === 'open' ? 'closes' : 'opens'} {timeUntil(at, now)}, on <Time at={at} />
    </>
  )
}

export const HomePage = ({
  assets,
  guides,
  mayImport = false,
  needsSetup = false,
  now = new Date(),
}: {
  assets: Assets
  guides: GuideSummary[]
  /** The moment the page is for: the closing dates count from it. */
  now?: Date
  /** The viewer may start a new guide: the page links to the import. */
  mayImport?: boolean
  /** Nobody has an account yet: whoever installed Gloss is shown the way to the setup page. */
  needsSetup?: boolean
}) => (
  <Layout
    title="Guides · Gloss"
    assets={assets}
    feeds={[{ title: 'New editions of every guide', href: EDITIONS_FEED_PATH }]}
  >
    <h1>Guides</h1>
    {needsSetup ? (
      <p class="notice">
        Nobody has an account here yet. <a href="/setup">Set up Gloss</a>: the first account becomes its
        administrator.
      </p>
    ) : null}
    {mayImport ? (
      <p>
        <a href="/guides/new">Import a guide</a>
      </p>
    ) : null}
    {guides.length === 0 ? null : <SearchBox action="/search" label="Search the guides" />}
    {guides.length === 0 ? (
      <p class="notice">No guide has been published yet.</p>
    ) : (
      <ul class="guide-list">
        {guides.map((g) => (
          <li>
            <h2>
              <a href={guidePath(g.slug)}>{g.title}</a>
            </h2>
            <p class="guide-meta">
              <span class="badge">{stateLabel(shownOf(g))}</span> Edition {g.editionNumber}
              <Window guide={g} now={now} />
              {g.mayEdit ? (
                <>
                  {' '}
                  · <a href={editorPaths(g.slug).manage}>Manage</a>
                </>
              ) : null}
            </p>
            {g.summary ? <p>{g.summary}</p> : null}
          </li>
        ))}
      </ul>
    )}
  </Layout>
)
