import { sql } from 'kysely'
import { carriedShows } from '../comments/carried-shown.repository.ts'
import { commentsWithAuthors } from '../comments/comment.repository.ts'
import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { DB } from '../platform/db/schema.ts'

/** Whose comments an export holds: everything for moderators, else what the public reads and one's own. */
export interface ExportAudience {
  editionId: number
  moderator: boolean
  viewerId: number | undefined
}

type OnComments = ExpressionBuilder<DB, 'comments'>

const visibleTo = (audience: ExportAudience) => (eb: OnComments) =>
  audience.moderator
    ? eb.lit(true)
    : // The rule of `maySeeComment` (src/people/policy.ts), in SQL.
      eb.or([
        eb.and([eb('comments.state', 'in', ['published', 'withdrawn']), eb('comments.public', '=', true)]),
        ...(audience.viewerId === undefined ? [] : [eb('comments.authorId', '=', audience.viewerId)]),
      ])

/** Where a page starts: after a comment's id (keyset) or after so many comments (numbered pages). */
interface Slice {
  after?: number
  offset?: number
  limit: number
}

/**
 * The ids of one page of the comments written on the edition (top-level, replies and general
 * discussion) that the audience may see, oldest first. Chosen on their own so that the joins below run
 * for the page's rows only, not for every comment after it.
 */
const pageOfIds = (db: Db, audience: ExportAudience, slice: Slice) =>
  db
    .selectFrom('comments')
    .select('comments.id')
    .where('comments.editionId', '=', audience.editionId)
    .where('comments.id', '>', slice.after ?? 0)
    .where(visibleTo(audience))
    .orderBy('comments.id')
    .limit(slice.limit)
    .offset(slice.offset ?? 0)

/** A page of comments with the columns `commentView` reads, so the same naming rules apply. */
const pageOfComments = (db: Db, audience: ExportAudience, slice: Slice) =>
  commentsWithAuthors(db)
    .where('comments.id', 'in', pageOfIds(db, audience, slice))
    .orderBy('comments.id')

export interface FeedbackPageQuery extends ExportAudience {
  /** The next edition, where the successor blocks are; null when there is none (or the viewer may not see it). */
  nextEditionId: number | null
  /** Keyset pagination: comments with a greater id. */
  after: number
  limit: number
}

/**
 * One page of an edition's feedback in one query, oldest first: each comment with the block it was
 * written on and where that block's comments went in the next edition (a reply goes with its parent).
 */
export const feedbackPage = (db: Db, q: FeedbackPageQuery) =>
  pageOfComments(db, q, { after: q.after, limit: q.limit })
    .leftJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'comments.editionId').onRef('blocks.key', '=', 'comments.blockKey'),
    )
    .leftJoin('placements', (join) =>
      join
        .on('placements.editionId', '=', q.nextEditionId ?? 0)
        .on((eb) => eb('placements.commentId', '=', eb.fn.coalesce('comments.parentId', 'comments.id'))),
    )
    // Where the next edition shows the comment, its successor is where it is placed there (an editor may
    // have moved it, or put it under "comments on removed text"): the block of its thread.
    .leftJoin('blocks as placedBlock', (join) =>
      join
        .onRef('placedBlock.editionId', '=', 'placements.editionId')
        .onRef('placedBlock.key', '=', 'placements.blockKey'),
    )
    // Otherwise it is the paragraph's own: where lineage says the paragraph went in the next edition
    // (a comment decided before that edition was made is not shown in its threads, but its paragraph
    // still has a successor). A split paragraph has several: the piece the comment was carried to,
    // else the first.
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('lineage')
          .innerJoin('blocks as b', (join) =>
            join.onRef('b.editionId', '=', 'lineage.editionId').onRef('b.key', '=', 'lineage.blockKey'),
          )
          .select(['b.key', 'b.number'])
          .where('lineage.editionId', '=', q.nextEditionId ?? 0)
          .where('lineage.change', '!=', 'removed')
          .where((e) => e(e.ref('comments.blockKey'), '=', e.fn.any('lineage.fromKeys')))
          .orderBy(sql`${sql.ref('b.key')} is not distinct from ${sql.ref('placements.blockKey')}`, 'desc')
          .orderBy('b.ordinal')
          .limit(1)
          .as('successor'),
      (join) => join.onTrue(),
    )
    // The top-level comment placed (the comment itself, or a reply's parent), whose decision says
    // whether it shows in the next edition at all.
    .leftJoin('comments as top', 'top.id', 'placements.commentId')
    // The campaign it is in, unless an editor split it out (src/campaigns/).
    .leftJoin('campaignMembers', (join) =>
      join
        .onRef('campaignMembers.commentId', '=', 'comments.id')
        .on('campaignMembers.splitOutAt', 'is', null),
    )
    .select([
      'campaignMembers.campaignId',
      'blocks.number as blockNumber',
      'blocks.text as blockText',
      'blocks.sectionPath',
      'placements.editionId as placedIn',
      'placements.blockKey as placedKey',
      'placedBlock.number as placedNumber',
      'successor.key as successorKey',
      'placements.quote as nextQuote',
      'placements.quoteStatus',
      'successor.number as successorNumber',
      // Lineage records a paragraph the next edition dropped as removed, under its old key.
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('lineage as gone')
              .select('gone.blockKey')
              .where('gone.editionId', '=', q.nextEditionId ?? 0)
              .where('gone.change', '=', 'removed')
              .whereRef('gone.blockKey', '=', 'comments.blockKey'),
          )
          .as('successorRemoved'),
      // The rule every view shares (src/comments/carried-shown.repository.ts): a comment decided before
      // the next edition was made stays with its decision here, so no "next block" names a thread
      // without it.
      carriedShows('placements', 'top').as('shownNext'),
    ])
    // The editors' themes it is gathered under, by name (src/themes/): a column of the same query.
    .select((eb) =>
      eb
        .selectFrom('commentThemes')
        .innerJoin('themes', 'themes.id', 'commentThemes.themeId')
        .whereRef('commentThemes.commentId', '=', 'comments.id')
        .select(sql<string | null>`string_agg(themes.name, '; ' order by lower(themes.name))`.as('names'))
        .as('themes'),
    )
    // The paragraph's words in the edition's other texts, by language: a column of the same query.
    .select(
      sql<Record<string, string> | null>`(select jsonb_object_agg(tb.lang, tb.text order by tb.lang)
        from translation_blocks tb where tb.edition_id = comments.edition_id and tb.key = comments.block_key)`.as(
        'blockTranslations',
      ),
    )
    .execute()

export type FeedbackRow = Awaited<ReturnType<typeof feedbackPage>>[number]

/** The id of an edition's newest comment (0 for none): where an export begun now ends. */
export const newestCommentId = async (db: Db, editionId: number) =>
  (
    await db
      .selectFrom('comments')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('editionId', '=', editionId)
      .executeTakeFirst()
  )?.id ?? 0

/** How many comments of the edition the audience may see. */
export const countVisible = async (db: Db, audience: ExportAudience) =>
  (
    await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('comments.editionId', '=', audience.editionId)
      .where(visibleTo(audience))
      .executeTakeFirstOrThrow()
  ).n

/** The comments at positions [offset, offset + limit) of the edition, oldest first, for a page of annotations. */
export const commentsAt = (db: Db, audience: ExportAudience, offset: number, limit: number) =>
  pageOfComments(db, audience, { offset, limit }).execute()

/** The slug of the guide a comment belongs to, for the links in its annotation. */
export const guideSlugOfComment = async (db: Db, id: number) =>
  (
    await db
      .selectFrom('comments')
      .innerJoin('guides', 'guides.id', 'comments.guideId')
      .select('guides.slug')
      .where('comments.id', '=', id)
      .executeTakeFirst()
  )?.slug

/**
 * Where each of these comments was carried in editions after the one it was written on, oldest edition
 * first, with the edition's state so the caller can leave out drafts the viewer may not read. Comments
 * on removed text (no block) are left out: there is nothing in that edition to point at; so are
 * editions a comment does not show in, having been decided before they were made.
 */
export const laterPlacements = (db: Db, commentIds: readonly number[]) =>
  commentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('placements')
        .innerJoin('comments', 'comments.id', 'placements.commentId')
        .innerJoin('editions', 'editions.id', 'placements.editionId')
        .select([
          'placements.commentId',
          'placements.blockKey',
          'placements.quote',
          'placements.quoteStatus',
          'editions.number as editionNumber',
          'editions.state as editionState',
        ])
        .where('placements.commentId', 'in', commentIds)
        .whereRef('placements.editionId', '!=', 'comments.editionId')
        .where('placements.blockKey', 'is not', null)
        // Only where that edition shows it (src/comments/carried-shown.repository.ts), as its threads do.
        .where(carriedShows('placements', 'comments'))
        .orderBy('placements.commentId')
        .orderBy('editions.number')
        .execute()
