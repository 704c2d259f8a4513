import { sql } from 'kysely'
import { commentsWithAuthors } from '../comments/comment.repository.ts'
import type { Db } from '../platform/db/database.ts'
import type { CommentState } from '../kernel/words.ts'

/** What the public report shows: never pending or hidden comments; withdrawn ones as withdrawn. */
export const REPORTED_STATES: readonly CommentState[] = ['published', 'withdrawn']

/**
 * Every top-level comment the public may read that was written on an edition of the guide before
 * `beforeNumber`, with its author and edition, in one query. The columns are those of a thread's
 * comment rows, so `commentView` applies the same naming rules.
 */
export const reportComments = (db: Db, guideId: number, beforeNumber: number) =>
  commentsWithAuthors(db)
    .where('comments.guideId', '=', guideId)
    .where('editions.number', '<', beforeNumber)
    .where('comments.parentId', 'is', null)
    .where('comments.state', 'in', REPORTED_STATES)
    // The report is public: only comments their authors let be published (src/people/policy.ts).
    .where('comments.public', '=', true)
    .orderBy('editions.number')
    .orderBy('comments.id')
    .execute()

/** The blocks those comments were written on, as they were then: one query for the whole report. */
export const reportOriginBlocks = (db: Db, guideId: number, beforeNumber: number) =>
  db
    .selectFrom('blocks')
    .innerJoin('editions', 'editions.id', 'blocks.editionId')
    .select([
      'blocks.editionId',
      'blocks.key',
      'blocks.ordinal',
      'blocks.kind',
      'blocks.number',
      'blocks.text',
      'blocks.sectionPath',
    ])
    .where('editions.guideId', '=', guideId)
    .where('editions.number', '<', beforeNumber)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('comments')
          .select('comments.id')
          .whereRef('comments.editionId', '=', 'blocks.editionId')
          .whereRef('comments.blockKey', '=', 'blocks.key')
          .where('comments.parentId', 'is', null)
          .where('comments.state', 'in', REPORTED_STATES)
          .where('comments.public', '=', true),
      ),
    )
    .execute()

/**
 * Where comments show in an edition (their placements), gathered by the block they show on, with that
 * block's text and how lineage says it came to be; a null key is text that was removed. One query for
 * the whole report, each block's text sent once however many comments it holds.
 */
export const reportPlacements = (db: Db, editionId: number) =>
  db
    .selectFrom('placements')
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
    .select([
      'placements.blockKey',
      'blocks.number',
      'blocks.text',
      'lineage.change',
      (eb) => eb.fn.agg<number[]>('array_agg', ['placements.commentId']).as('commentIds'),
    ])
    .where('placements.editionId', '=', editionId)
    .groupBy(['placements.blockKey', 'blocks.number', 'blocks.text', 'lineage.change'])
    .execute()

/** The suggestions of a guide taken into a working draft, with the edition each draft was begun from. */
export const reportAcceptances = (db: Db, guideId: number) =>
  db
    .selectFrom('acceptances')
    .innerJoin('editions', 'editions.id', 'acceptances.baseEditionId')
    // The edition the wording went into, once made, and whether it is still held as a draft.
    .leftJoin('editions as into', (join) =>
      join
        .onRef('into.guideId', '=', 'editions.guideId')
        .on('into.number', '=', sql<number>`${sql.ref('editions.number')} + 1`),
    )
    .select([
      'acceptances.commentId',
      'editions.number as baseNumber',
      sql<boolean>`coalesce(${sql.ref('into.state')} = 'draft', false)`.as('intoDraft'),
    ])
    .where('acceptances.guideId', '=', guideId)
    .execute()

/**
 * How many comments on editions before `beforeNumber` moderators hid, by reason code: only counts,
 * never the words or their authors, as the public moderation log shows. A comment kept for the editors
 * is not counted, since the public may not know it exists.
 */
export const hiddenByReason = (db: Db, guideId: number, beforeNumber: number) =>
  db
    .selectFrom('comments')
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .select(['comments.hiddenReasonCode as reasonCode', (eb) => eb.fn.countAll<string>().as('count')])
    .where('comments.guideId', '=', guideId)
    .where('editions.number', '<', beforeNumber)
    .where('comments.state', '=', 'hidden')
    .where('comments.public', '=', true)
    .groupBy('comments.hiddenReasonCode')
    .execute()
