import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { rich, slot } from '../../site/rich-message.tsx'
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
  | { is: 'earlier'; current: number }
  /** A later edition: a draft among its editors, or a proposed revision in or out of consultation. */
  | { is: 'later'; current: number; shown: ShownState }

/**
 * The line at the top of an edition's page saying whether it is the guide's current text: the current
 * edition points to a consultation on a later one (the way in for the reviewers taking part), and any
 * other edition points to the current one. The same for every reader of a public edition, so the page
 * stays one the public's cache can keep.
 */
export const EditionNotice = ({
  slug,
  standing,
  language,
}: {
  slug: string
  standing: Standing
  language: Lang
}) => {
  const t = translator(language)
  if (standing.is !== 'current') {
    const current = (
      <a href={editionPath(slug, standing.current)}>
        {t('notice.readCurrent', { number: standing.current })}
      </a>
    )
    return (
      <p class="notice edition-notice" role="note">
        {standing.is === 'earlier'
          ? t('notice.earlier')
          : standing.shown === 'draft'
            ? t('notice.draft')
            : t('notice.proposed', { state: standing.shown })}{' '}
        {current}.
      </p>
    )
  }
  const later = standing.consultation
  if (!later) return null
  const number = later.number
  const link = (label: string) => <a href={editionPath(slug, later.number)}>{label}</a>
  return (
    <p class="notice edition-notice" role="note">
      {t('notice.current')}{' '}
      {later.shown === 'upcoming' && later.opensAt ? (
        <>
          {rich(t('notice.upcoming', { number, time: slot('time') }), {
            time: <Time at={later.opensAt} language={language} />,
          })}{' '}
          {link(t('notice.readEdition', { number }))}.
        </>
      ) : later.shown === 'open' ? (
        <>
          {later.closesAt
            ? rich(t('notice.openUntil', { number, time: slot('time') }), {
                time: <Time at={later.closesAt} language={language} />,
              })
            : t('notice.open', { number })}{' '}
          {link(t('notice.readEditionComments', { number }))}.
        </>
      ) : (
        <>
          {t('notice.closed', { number })} {link(t('notice.readEditionComments', { number }))}.
        </>
      )}
    </p>
  )
}
