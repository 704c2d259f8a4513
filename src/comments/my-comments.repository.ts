import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { EditionState, LineageChange, PlacedBy } from '../kernel/words.ts'

/**
 * A page of one person's comments, newest first, with everything a row of "what happened to my
 * comments" shows in one query: the guide, the edition written on, the paragraph's words there (and in
 * the edition's text in `lang`, the reader's language, where it has one), and where a duplicate decision
 * points. An erased account has no comments to list.
 */
export const commentsByAuthor = (
  db: Db,
  q: { authorId: number; before: number | undefined; limit: number; lang: string },
) => {
  let query = db
    .selectFrom('comments')
    .innerJoin('people', 'people.id', 'comments.authorId')
    .innerJoin('guides', 'guides.id', 'comments.guideId')
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .leftJoin('blocks as origin', (join) =>
      join.onRef('origin.editionId', '=', 'comments.editionId').onRef('origin.key', '=', 'comments.blockKey'),
    )
    .leftJoin('translationBlocks as translated', (join) =>
      join
        .onRef('translated.editionId', '=', 'comments.editionId')
        .onRef('translated.key', '=', 'comments.blockKey')
        .on('translated.lang', '=', q.lang),
    )
    .leftJoin('comments as duplicate', 'duplicate.id', 'comments.duplicateOf')
    .leftJoin('acceptances', 'acceptances.commentId', 'comments.id')
    .leftJoin('editions as acceptedInto', 'acceptedInto.id', 'acceptances.baseEditionId')
    .leftJoin('editions as duplicateEdition', 'duplicateEdition.id', 'duplicate.editionId')
    .select([
      'comments.id',
      'comments.parentId',
      'comments.blockKey',
      'comments.kind',
      'comments.body',
      'comments.html',
      'comments.quote',
      'comments.state',
      'comments.hiddenReason',
      'comments.createdAt',
      'comments.updatedAt',
      'comments.decision',
      'comments.response',
      'comments.decidedAt',
      'comments.duplicateOf',
      'comments.proposalRedline',
      'acceptedInto.number as acceptedOnto',
      'guides.id as guideId',
      'guides.slug as guideSlug',
      'guides.title as guideTitle',
      'guides.lang as guideLang',
      'editions.number as editionNumber',
      'editions.state as editionState',
      'origin.number as blockNumber',
      'origin.text as blockText',
      'translated.text as translatedBlockText',
      'duplicate.blockKey as duplicateBlockKey',
      'duplicateEdition.number as duplicateEditionNumber',
      'duplicateEdition.state as duplicateEditionState',
    ])
    .where('comments.authorId', '=', q.authorId)
    .where('people.erasedAt', 'is', null)
  if (q.before !== undefined) query = query.where('comments.id', '<', q.before)
  return query
    .orderBy('comments.id', 'desc')
    .limit(q.limit + 1)
    .execute()
}

export type AuthoredComment = Awaited<ReturnType<typeof commentsByAuthor>>[number]

/** How many of a person's comments got each decision, and how many replies they wrote, in one grouped query. */
export const decisionCounts = (db: Db, authorId: number) =>
  db
    .selectFrom('comments')
    .innerJoin('people', 'people.id', 'comments.authorId')
    .select((eb) => [
      'comments.decision',
      eb.fn.countAll<number>().filterWhere('comments.parentId', 'is', null).as('comments'),
      eb.fn.countAll<number>().filterWhere('comments.parentId', 'is not', null).as('replies'),
    ])
    .where('comments.authorId', '=', authorId)
    .where('people.erasedAt', 'is', null)
    .groupBy('comments.decision')
    .execute()

export interface LatestPlacement {
  commentId: number
  editionNumber: number
  editionState: EditionState
  /** Null: the paragraph was removed, and the comment is listed under "comments on removed text". */
  blockKey: string | null
  blockNumber: string | null
  blockText: string | null
  /** The first edition (of those searched) where the comment's paragraph is gone. */
  removedIn: number | null
  /** Each searched edition's lineage change for the paragraph the comment sat on there. */
  changes: (LineageChange | null)[]
  /** Whether lineage put the comment there, or an editor placed it by hand. */
  placedBy: PlacedBy
}

/**
 * Comments' placements with their editions, the blocks they sit on there and how lineage came to those
 * blocks (a removal is no block's change): what the newest and the next placements both read.
 */
const placedBlocks = (db: Db) =>
  db
    .selectFrom('placements')
    .innerJoin('editions', 'editions.id', 'placements.editionId')
    .leftJoin('blocks', (join) =>
      join
        .onRef('blocks.editionId', '=', 'placements.editionId')
        .onRef('blocks.key', '=', 'placements.blockKey'),
    )
    .leftJoin('lineage', (join) =>
      join
        .onRef('lineage.editionId', '=', 'placements.editionId')
        .onRef('lineage.blockKey', '=', 'placements.blockKey')
        .on('lineage.change', '!=', 'removed'),
    )

/**
 * For each comment, the newest edition in `states` (or, for the guides in `draftGuideIds`, any state)
 * that carries it: where it sits there, that block's words, and the lineage changes on the way. One
 * query whatever the number of comments: DISTINCT ON keeps each comment's newest placement, and window
 * functions over the same rows say where its paragraph was removed and how it changed.
 */
export async function latestPlacements(
  db: Db,
  q: { commentIds: readonly number[]; states: readonly EditionState[]; draftGuideIds: readonly number[] },
): Promise<LatestPlacement[]> {
  if (q.commentIds.length === 0) return []
  return placedBlocks(db)
    .distinctOn('placements.commentId')
    .select((eb) => [
      'placements.commentId',
      'placements.blockKey',
      'placements.placedBy',
      'editions.number as editionNumber',
      'editions.state as editionState',
      'blocks.number as blockNumber',
      'blocks.text as blockText',
      eb.fn
        .min<number | null>('editions.number')
        .filterWhere('placements.blockKey', 'is', null)
        .over((over) => over.partitionBy('placements.commentId'))
        .as('removedIn'),
      eb.fn
        .agg<(LineageChange | null)[]>('array_agg', ['lineage.change'])
        .over((over) => over.partitionBy('placements.commentId'))
        .as('changes'),
    ])
    .where('placements.commentId', 'in', q.commentIds)
    .where((eb) =>
      eb.or([
        eb('editions.state', 'in', q.states),
        ...(q.draftGuideIds.length > 0 ? [eb('editions.guideId', 'in', q.draftGuideIds)] : []),
      ]),
    )
    .orderBy('placements.commentId')
    .orderBy('editions.number', 'desc')
    .execute()
}

/** Where a comment sits in the next edition after its own that a reader may read. */
export interface NextPlacement {
  commentId: number
  editionNumber: number
  /** Null: that edition removed the paragraph. */
  blockKey: string | null
  blockNumber: string | null
  blockText: string | null
  /** That edition's lineage change for the block, when it directly follows the comment's own. */
  change: LineageChange | null
  /** Whether it is the very next edition, so its stored lineage compares it with the comment's own. */
  consecutive: boolean
}

/**
 * For each comment, its placement in the first edition after the one it was written on that is in
 * `states` (or, for the guides in `draftGuideIds`, in any state): one query whatever the number of
 * comments, DISTINCT ON keeping each comment's earliest later edition.
 */
export async function nextPlacements(
  db: Db,
  q: { commentIds: readonly number[]; states: readonly EditionState[]; draftGuideIds: readonly number[] },
): Promise<NextPlacement[]> {
  if (q.commentIds.length === 0) return []
  return placedBlocks(db)
    .innerJoin('comments', 'comments.id', 'placements.commentId')
    .innerJoin('editions as own', 'own.id', 'comments.editionId')
    .distinctOn('placements.commentId')
    .select((eb) => [
      'placements.commentId',
      'placements.blockKey',
      'editions.number as editionNumber',
      'blocks.number as blockNumber',
      'blocks.text as blockText',
      'lineage.change',
      sql<boolean>`${eb.ref('editions.number')} = ${eb.ref('own.number')} + 1`.as('consecutive'),
    ])
    .where('placements.commentId', 'in', q.commentIds)
    .whereRef('editions.number', '>', 'own.number')
    .where((eb) =>
      eb.or([
        eb('editions.state', 'in', q.states),
        ...(q.draftGuideIds.length > 0 ? [eb('editions.guideId', 'in', q.draftGuideIds)] : []),
      ]),
    )
    .orderBy('placements.commentId')
    .orderBy('editions.number')
    .execute()
}
