import { sql } from 'kysely'
import { carriedShows } from '../comments/carried-shown.repository.ts'
import type { Db } from '../platform/db/database.ts'
import type { Decision } from '../kernel/words.ts'

/** Whose comments a feed follows: a guide's, an edition's, or one block's in an edition. */
export type CommentScope = { guideId: number } | { editionId: number; blockKey?: string }

/**
 * The newest published comments in a scope, newest first, in one query: on a guide or an edition, those
 * written there; on a block, also the open comments carried into it from earlier editions and their
 * replies (as its thread shows them). Pending, hidden and withdrawn comments, and drafts, never appear.
 */
export function commentEntries(db: Db, scope: CommentScope, limit: number) {
  let query = db
    .selectFrom('comments')
    .innerJoin('people', 'people.id', 'comments.authorId')
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .leftJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'comments.editionId').onRef('blocks.key', '=', 'comments.blockKey'),
    )
    .leftJoin('pseudonyms', (join) =>
      join
        .onRef('pseudonyms.guideId', '=', 'comments.guideId')
        .onRef('pseudonyms.personId', '=', 'comments.authorId'),
    )
    .select([
      'comments.id',
      'comments.authorId',
      'pseudonyms.number as pseudonym',
      'comments.parentId',
      'comments.kind',
      'comments.body',
      'comments.html',
      'comments.blockKey',
      'comments.createdAt',
      'comments.updatedAt',
      'editions.number as editionNumber',
      'blocks.number as blockNumber',
      'people.displayName as authorName',
      'people.erasedAt as authorErasedAt',
    ])
    .where('comments.state', '=', 'published')
    // Feeds are public: only comments their authors let be published (src/people/policy.ts).
    .where('comments.public', '=', true)
    .where('editions.state', '!=', 'draft')
  if ('guideId' in scope) query = query.where('comments.guideId', '=', scope.guideId)
  else if (scope.blockKey === undefined) query = query.where('comments.editionId', '=', scope.editionId)
  else {
    const { editionId, blockKey } = scope
    query = query.where((eb) => {
      const carried = eb
        .selectFrom('placements')
        .innerJoin('comments as top', 'top.id', 'placements.commentId')
        .select('placements.commentId')
        .where('placements.editionId', '=', editionId)
        .where('placements.blockKey', '=', blockKey)
        .where(carriedShows('placements', 'top'))
      return eb.or([
        eb.and([eb('comments.editionId', '=', editionId), eb('comments.blockKey', '=', blockKey)]),
        eb('comments.id', 'in', carried),
        eb('comments.parentId', 'in', carried),
      ])
    })
  }
  return query.orderBy('comments.id', 'desc').limit(limit).execute()
}

export type CommentEntryRow = Awaited<ReturnType<typeof commentEntries>>[number]

/** The newest published editions, of one guide or of all, newest first. */
export function publishedEditions(db: Db, guideId: number | undefined, limit: number) {
  let query = db
    .selectFrom('editions')
    .innerJoin('guides', 'guides.id', 'editions.guideId')
    .select((eb) => [
      'editions.number',
      'editions.title',
      'editions.blockCount',
      eb.fn.coalesce('editions.publishedAt', 'editions.createdAt').as('publishedAt'),
      'guides.slug',
      'guides.title as guideTitle',
      'guides.lang as guideLang',
      // The languages of its other texts, each an alternate link of its entry.
      sql<
        string[]
      >`array(select t.lang from edition_translations t where t.edition_id = editions.id order by t.lang)`.as(
        'texts',
      ),
      // The newest earlier edition anyone may read, whose feedback its report answers: a draft between
      // is for its editors.
      sql<
        number | null
      >`(select max(p.number) from editions p where p.guide_id = editions.guide_id and p.number < editions.number and p.state in ('open', 'closed', 'published'))`.as(
        'previous',
      ),
    ])
    .where('editions.state', '=', 'published')
  if (guideId !== undefined) query = query.where('editions.guideId', '=', guideId)
  return query
    .orderBy((eb) => eb.fn.coalesce('editions.publishedAt', 'editions.createdAt'), 'desc')
    .orderBy('editions.id', 'desc')
    .limit(limit)
    .execute()
}

export type EditionEntryRow = Awaited<ReturnType<typeof publishedEditions>>[number]

/**
 * A person's own feed, newest first, in one query: published replies by others to their comments, and
 * every decision recorded on their comments, each with the guide, edition and paragraph it belongs to.
 */
export function personalEntries(db: Db, personId: number, limit: number) {
  const replies = db
    .selectFrom('comments as reply')
    .innerJoin('comments as mine', 'mine.id', 'reply.parentId')
    .innerJoin('people as author', 'author.id', 'reply.authorId')
    .innerJoin('editions', 'editions.id', 'reply.editionId')
    .innerJoin('guides', 'guides.id', 'reply.guideId')
    .leftJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'reply.editionId').onRef('blocks.key', '=', 'reply.blockKey'),
    )
    .leftJoin('pseudonyms', (join) =>
      join
        .onRef('pseudonyms.guideId', '=', 'reply.guideId')
        .onRef('pseudonyms.personId', '=', 'reply.authorId'),
    )
    .select([
      sql<'reply' | 'decision'>`'reply'`.as('type'),
      sql<number>`reply.author_id`.as('authorId'),
      sql<number | null>`pseudonyms.number`.as('pseudonym'),
      'reply.id',
      'reply.createdAt as at',
      'reply.updatedAt as updated',
      'mine.id as commentId',
      'reply.html',
      'reply.kind',
      sql<Decision | null>`null::text`.as('decision'),
      sql<string>`''`.as('response'),
      sql<string | null>`author.display_name`.as('authorName'),
      sql<Date | null>`author.erased_at`.as('authorErasedAt'),
      'guides.slug',
      'guides.title as guideTitle',
      'guides.names',
      'editions.number as editionNumber',
      'reply.blockKey',
      'blocks.number as blockNumber',
    ])
    .where('mine.authorId', '=', personId)
    .where('reply.authorId', '!=', personId)
    .where('reply.state', '=', 'published')
    // A reply its author keeps for the editors is not for me (src/people/policy.ts).
    .where('reply.public', '=', true)
    .where('editions.state', '!=', 'draft')
  const decisions = db
    .selectFrom('decisions')
    .innerJoin('comments as mine', 'mine.id', 'decisions.commentId')
    .innerJoin('editions', 'editions.id', 'mine.editionId')
    .innerJoin('guides', 'guides.id', 'mine.guideId')
    .leftJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'mine.editionId').onRef('blocks.key', '=', 'mine.blockKey'),
    )
    .select([
      sql<'reply' | 'decision'>`'decision'`.as('type'),
      sql<number>`mine.author_id`.as('authorId'),
      sql<number | null>`null::int`.as('pseudonym'),
      'decisions.id',
      'decisions.decidedAt as at',
      'decisions.decidedAt as updated',
      'mine.id as commentId',
      'mine.html',
      'mine.kind',
      sql<Decision | null>`decisions.decision`.as('decision'),
      'decisions.response',
      sql<string | null>`null::text`.as('authorName'),
      sql<Date | null>`null::timestamptz`.as('authorErasedAt'),
      'guides.slug',
      'guides.title as guideTitle',
      'guides.names',
      'editions.number as editionNumber',
      'mine.blockKey',
      'blocks.number as blockNumber',
    ])
    .where('mine.authorId', '=', personId)
    .where('editions.state', '!=', 'draft')
  return db
    .selectFrom(replies.unionAll(decisions).as('entries'))
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('type')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export type PersonalEntryRow = Awaited<ReturnType<typeof personalEntries>>[number]

/** The person a feed secret belongs to; an erased account has no feed. */
export const personOfFeedToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('feedTokens')
    .innerJoin('people', 'people.id', 'feedTokens.personId')
    .select('people.id')
    .where('feedTokens.tokenHash', '=', tokenHash)
    .where('people.erasedAt', 'is', null)
    .executeTakeFirst()

/** A person has one feed secret: a new one replaces the old, which stops working at once. */
export const saveFeedToken = (db: Db, personId: number, tokenHash: string) =>
  db
    .insertInto('feedTokens')
    .values({ personId, tokenHash })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ tokenHash, createdAt: new Date() }))
    .execute()

export const blockNumberOf = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('blocks')
    .select('number')
    .where('editionId', '=', editionId)
    .where('key', '=', key)
    .executeTakeFirst()
