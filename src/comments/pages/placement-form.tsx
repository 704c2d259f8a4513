import type { Anchor } from '../anchor.ts'
import type { ThreadPlace } from '../urls.ts'

/** A carried comment an editor moved says so, since lineage did not put it there. */
export const PlacedNote = (p: { anchor?: Anchor | undefined }) =>
  p.anchor?.placedBy === 'editor' ? (
    <p class="comment-context muted placed-by-editor">Placed here by an editor.</p>
  ) : null

/**
 * The editor's control on a carried comment: place it on another paragraph of this edition, by the
 * number its margin shows, or under "comments on removed text". A plain form (see
 * src/editions/pages/placement-pages.routes.tsx).
 */
export const PlacementForm = (p: { place: ThreadPlace; commentId: string }) => (
  <form
    method="post"
    class="placement-form"
    action={`/g/${encodeURIComponent(p.place.slug)}/${String(p.place.number)}/placements/${p.commentId}`}
  >
    <label>
      Place on paragraph <input name="paragraph" size={6} inputmode="decimal" required />
    </label>{' '}
    <button type="submit">Place</button>{' '}
    <button type="submit" name="removed" value="1" formnovalidate>
      Move to comments on removed text
    </button>
  </form>
)
