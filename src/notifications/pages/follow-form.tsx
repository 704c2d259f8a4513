import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { followFormPath } from '../urls.ts'

export interface FollowFormProps {
  slug: string
  /** The paragraph's key; null follows the guide. */
  blockKey: string | null
  /** Whether the viewer follows it now; undefined for someone signed out, who signs in first. */
  following: boolean | undefined
  /** Where the form comes back to. */
  back: string
  /** The page's language (English where a page does not say yet). */
  language?: Lang | undefined
}

/**
 * Follow or stop following, without script: a form that posts to the site and comes back. On a page
 * the same for everyone (`following` undefined) it offers to follow, which is harmless to repeat.
 */
export const FollowForm = (p: FollowFormProps) => {
  const t = translator(p.language ?? 'en')
  const what = p.blockKey === null ? 'guide' : 'paragraph'
  return (
    <form method="post" action={followFormPath(p.slug)} class="follow-form">
      {p.blockKey === null ? null : <input type="hidden" name="key" value={p.blockKey} />}
      <input type="hidden" name="back" value={p.back} />
      <input type="hidden" name="follow" value={p.following ? 'false' : 'true'} />
      {p.following ? <span class="following">{t('follow.following', { what })} </span> : null}
      <button type="submit" class="button button-secondary follow-button">
        {p.following ? t('follow.stop', { what }) : t('follow.start', { what })}
      </button>{' '}
      <span class="follow-hint">{p.following ? null : t('follow.hint')}</span>
    </form>
  )
}
