import type { Anchor } from '../anchor.ts'
import { threadUrl, type ThreadPlace } from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { requestLanguage } from '../../platform/http/language.tsx'

/** A carried comment an editor moved says so, since lineage did not put it there. */
export const PlacedNote = (p: { anchor?: Anchor | undefined; language?: Lang | undefined }) =>
  p.anchor?.placedBy === 'editor' ? (
    <p class="comment-context muted placed-by-editor">
      {translator(p.language ?? requestLanguage())('placement.placedHere')}
    </p>
  ) : null

/**
 * The editor's control on a carried comment: place it on another paragraph of this edition, by the
 * number its margin shows, or under "comments on removed text". A plain form (see
 * src/editions/pages/placement-pages.routes.tsx).
 */
export const PlacementForm = (p: { place: ThreadPlace; commentId: string; language?: Lang | undefined }) => {
  const t = translator(p.language ?? requestLanguage())
  return (
    <form
      method="post"
      class="placement-form"
      action={`/g/${encodeURIComponent(p.place.slug)}/${String(p.place.number)}/placements/${p.commentId}`}
    >
      <input type="hidden" name="from" value={threadUrl(p.place, { comment: p.commentId })} />
      <label>
        {t('placement.paragraph')} <input name="paragraph" size={6} inputmode="decimal" required />
      </label>{' '}
      <button type="submit" class="button">
        {t('placement.place')}
      </button>{' '}
      <button type="submit" name="removed" value="1" formnovalidate class="button button-secondary">
        {t('placement.toRemoved')}
      </button>
    </form>
  )
}
