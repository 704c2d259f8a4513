import type { Db } from '../platform/db/database.ts'
import type { LineageChange } from '../kernel/words.ts'
import { PUBLIC_STATES } from '../guides/reading.service.ts'
import { editionPath } from '../guides/urls.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import type { CommentRow } from './comment.repository.ts'
import { originTexts } from './comment.repository.ts'
import { nextPlacements } from './my-comments.repository.ts'
import { changeSince } from './my-comments.service.ts'

/** Where a decided comment's paragraph went in a later edition: the change its decision links to. */
export interface DecisionChange {
  edition: number
  lineage: LineageChange
  /** The paragraph there; null when that edition removed it. */
  block: { key: string; number: string } | null
  link: string
}

/**
 * SPEC: "where the commented block changed in the next edition, the decision links to that change".
 * For each decided top-level comment of a page, the next edition after its own that the viewer may
 * read (a draft next edition for its editors only), when its paragraph is not the same there: two
 * queries for the page, none per comment.
 */
export async function decisionChanges(
  db: Db,
  viewer: Viewer,
  guide: { id: number; slug: string },
  rows: readonly CommentRow[],
  decided: (row: CommentRow) => boolean,
): Promise<Map<number, DecisionChange>> {
  const asked = rows.filter(
    (row): row is CommentRow & { blockKey: string } =>
      row.parentId === null && row.blockKey !== null && row.state !== 'withdrawn' && decided(row),
  )
  const changes = new Map<number, DecisionChange>()
  if (asked.length === 0) return changes
  const [placements, origins] = await Promise.all([
    nextPlacements(db, {
      commentIds: asked.map((row) => row.id),
      states: PUBLIC_STATES,
      draftGuideIds: may(viewer, 'read-drafts', { id: guide.id }) ? [guide.id] : [],
    }),
    originTexts(
      db,
      asked.map((row) => ({ editionId: row.editionId, blockKey: row.blockKey })),
    ),
  ])
  const laterOf = new Map(placements.map((p) => [p.commentId, p]))
  for (const row of asked) {
    const later = laterOf.get(row.id)
    if (!later) continue
    const before = origins.find((o) => o.editionId === row.editionId && o.key === row.blockKey)?.text ?? ''
    // The stored lineage compares an edition with the one just before; across a draft the reader may
    // not read, only the words of the two editions say what changed.
    const lineage = changeSince(
      later.consecutive ? [later.change] : [],
      before,
      later.blockKey === null ? null : (later.blockText ?? ''),
    )
    if (lineage === 'unchanged') continue
    changes.set(row.id, {
      edition: later.editionNumber,
      lineage,
      block: later.blockKey === null ? null : { key: later.blockKey, number: later.blockNumber ?? '' },
      link: editionPath(guide.slug, later.editionNumber, later.blockKey ?? undefined),
    })
  }
  return changes
}
