import type { ShownState } from '../../kernel/shown-state.ts'
import { Time } from '../../site/form.tsx'
import { editionPath } from '../urls.ts'

/** Where an edition stands beside the guide's current one (current-edition.ts). */
export type Standing =
  | {
      is: 'current'
      /** A later edition anyone may read, in consultation or just out of it. */
      consultation?: { number: number; shown: ShownState; opensAt: Date | null; closesAt: Date | null }
    }
  | { is: 'earlier' | 'later'; current: number }

/**
 * The line at the top of an edition's page saying whether it is the guide's current text: the current
 * edition points to a consultation on a later one (the way in for the reviewers taking part), and any
 * other edition points to the current one. The same for every reader of a public edition, so the page
 * stays one the public's cache can keep.
 */
export const EditionNotice = ({ slug, standing }: { slug: string; standing: Standing }) => {
  if (standing.is !== 'current') {
    const current = (
      <a href={editionPath(slug, standing.current)}>Read the current edition, edition {standing.current}</a>
    )
    return (
      <p class="notice edition-notice" role="note">
        {standing.is === 'earlier'
          ? 'This is an earlier edition: it is not the current edition of this guide. '
          : 'This edition is a draft, not the current text of this guide. '}
        {current}.
      </p>
    )
  }
  const later = standing.consultation
  if (!later) return null
  const n = String(later.number)
  const link = (label: string) => <a href={editionPath(slug, later.number)}>{label}</a>
  return (
    <p class="notice edition-notice" role="note">
      This is the current edition of this guide.{' '}
      {later.shown === 'upcoming' && later.opensAt ? (
        <>
          Edition {n} of this guide opens for consultation on <Time at={later.opensAt} />.{' '}
          {link(`Read edition ${n}`)}.
        </>
      ) : later.shown === 'open' ? (
        <>
          Edition {n} of this guide is open for consultation
          {later.closesAt ? (
            <>
              {' '}
              until <Time at={later.closesAt} />
            </>
          ) : null}
          . {link(`Read edition ${n} and its comments`)}.
        </>
      ) : (
        <>
          The consultation on edition {n} has closed, and the editors are considering what people said.{' '}
          {link(`Read edition ${n} and its comments`)}.
        </>
      )}
    </p>
  )
}
