import { REMOVED } from './removed-text.ts'
import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Quote } from '../platform/db/schema.ts'
import type { CommentKind, CommentState } from '../kernel/words.ts'

export interface NewCommentRow {
  guideId: number
  editionId: number
  blockKey: string | null
  parentId: number | null
  authorId: number
  kind: CommentKind
  body: string
  html: string
  quote: Quote | null
  state: CommentState
  idempotencyKey: string | null
}

/** Inserts a comment unless its author already used the idempotency key; undefined then. */
export const insertComment = (db: Db, row: NewCommentRow) =>
  db
    .insertInto('comments')
    .values({ ...row, quote: row.quote ? JSON.stringify(row.quote) : null })
    .onConflict((oc) => oc.columns(['authorId', 'idempotencyKey']).doNothing())
    .returning('id')
    .executeTakeFirst()

export const findByIdempotencyKey = (db: Db, authorId: number, key: string) =>
  db
    .selectFrom('comments')
    .select('id')
    .where('authorId', '=', authorId)
    .where('idempotencyKey', '=', key)
    .executeTakeFirst()

const VIEW_COLUMNS = [
  'comments.id',
  'comments.guideId',
  'comments.editionId',
  'comments.blockKey',
  'comments.parentId',
  'comments.authorId',
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
  'comments.duplicateOf',
  'comments.decidedAt',
  'comments.version',
  'people.displayName as authorName',
  'people.organisation as authorOrganisation',
  'people.erasedAt as authorErasedAt',
  'editions.number as editionNumber',
] as const

/**
 * Comments with the columns `commentView` reads (author names, edition number, whether edited): every
 * query that shows comments starts here, so the same naming rules apply everywhere.
 */
export const commentsWithAuthors = (db: Db) =>
  db
    .selectFrom('comments')
    .innerJoin('people', 'people.id', 'comments.authorId')
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .select(VIEW_COLUMNS)
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('commentRevisions')
            .select('id')
            .whereRef('commentRevisions.commentId', '=', 'comments.id'),
        )
        // PostgreSQL answers a boolean; Kysely types `exists` as either a boolean or a number.
        .$castTo<boolean>()
        .as('edited'),
    )

export type CommentRow = Awaited<ReturnType<typeof findComment>> & object

export const findComment = (db: Db, id: number) =>
  commentsWithAuthors(db).where('comments.id', '=', id).executeTakeFirst()

export const findComments = (db: Db, ids: readonly number[]) =>
  ids.length === 0 ? Promise.resolve([]) : commentsWithAuthors(db).where('comments.id', 'in', ids).execute()

export interface ThreadQuery {
  editionId: number
  /**
   * A block's key; null for the general discussion; `removed` for comments carried from text this
   * edition removed; undefined for the whole edition.
   */
  blockKey?: string | null | typeof REMOVED
  after?: number | undefined
  limit: number
  /** Whose pending and hidden comments may be shown: everyone's for editors, else the viewer's own. */
  moderator: boolean
  viewerId: number | undefined
}

/**
 * One page of a thread, oldest first, filtered to what the viewer may see in one query. A block's
 * thread also holds the open comments carried into it from earlier editions, with their replies; the
 * removed-text list holds every comment carried from a paragraph that is gone.
 */
export function listComments(db: Db, q: ThreadQuery) {
  const key = q.blockKey
  let query = commentsWithAuthors(db).where((eb) => {
    const placed = eb
      .selectFrom('placements')
      .innerJoin('comments as top', 'top.id', 'placements.commentId')
      .select('placements.commentId')
      .where('placements.editionId', '=', q.editionId)
    const carried =
      key === REMOVED
        ? placed.where('placements.blockKey', 'is', null)
        : (key === undefined ? placed : placed.where('placements.blockKey', '=', key ?? '')).where(
            'top.decision',
            '=',
            'open',
          )
    const carriedHere = eb.or([eb('comments.id', 'in', carried), eb('comments.parentId', 'in', carried)])
    if (key === REMOVED) return carriedHere
    const written = eb.and([
      eb('comments.editionId', '=', q.editionId),
      ...(key === undefined
        ? []
        : [key === null ? eb('comments.blockKey', 'is', null) : eb('comments.blockKey', '=', key)]),
    ])
    return key === null ? written : eb.or([written, carriedHere])
  })
  if (q.after !== undefined) query = query.where('comments.id', '>', q.after)
  if (!q.moderator) {
    query = query.where((eb) =>
      eb.or([
        eb('comments.state', 'in', ['published', 'withdrawn']),
        ...(q.viewerId === undefined ? [] : [eb('comments.authorId', '=', q.viewerId)]),
      ]),
    )
  }
  return query
    .orderBy('comments.id')
    .limit(q.limit + 1)
    .execute()
}

/** The text of the blocks comments were written on, for redlines against where they show now. */
export const originTexts = (db: Db, places: readonly { editionId: number; blockKey: string }[]) =>
  places.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('blocks')
        .select(['editionId', 'key', 'number', 'text'])
        .where((eb) =>
          eb.or(places.map((p) => eb.and([eb('editionId', '=', p.editionId), eb('key', '=', p.blockKey)]))),
        )
        .execute()

/** Whether a top-level comment shows on this block of this edition, carried from an earlier one. */
export const isPlacedAt = async (db: Db, commentId: number, editionId: number, blockKey: string) =>
  (await db
    .selectFrom('placements')
    .select('commentId')
    .where('commentId', '=', commentId)
    .where('editionId', '=', editionId)
    .where('blockKey', '=', blockKey)
    .executeTakeFirst()) !== undefined

export const saveRevision = (
  db: Db,
  comment: { id: number; body: string; html: string; quote: Quote | null; kind: CommentKind },
) =>
  db
    .insertInto('commentRevisions')
    .values({
      commentId: comment.id,
      body: comment.body,
      html: comment.html,
      quote: comment.quote ? JSON.stringify(comment.quote) : null,
      kind: comment.kind,
    })
    .execute()

export function updateComment(
  db: Db,
  id: number,
  values: {
    body?: string
    html?: string
    kind?: CommentKind
    quote?: Quote | null
    state?: CommentState
    hiddenReason?: string | null
  },
) {
  const { quote, ...rest } = values
  return db
    .updateTable('comments')
    .set({
      ...rest,
      ...(quote === undefined ? {} : { quote: quote ? JSON.stringify(quote) : null }),
      updatedAt: new Date(),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute()
}

/**
 * The event row live streams send, in the caller's transaction; once it has committed, the caller
 * wakes the streams with `announceEvents` (src/live/announce.ts), and the sequencer numbers it for them.
 */
export async function recordEvent(db: Db, editionId: number, type: string, commentId: number) {
  const row = await db
    .insertInto('events')
    .values({ editionId, type, commentId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export const insertFlag = (db: Db, commentId: number, personId: number, reason: string) =>
  db
    .insertInto('flags')
    .values({ commentId, personId, reason })
    .onConflict((oc) =>
      // Flagging again reopens a flag that hiding or a moderator closed: it reaches the editors anew.
      oc.columns(['commentId', 'personId']).doUpdateSet({ reason, resolvedAt: null }),
    )
    .execute()

/**
 * Published comments per block of an edition: those written on it, and those carried into it (open
 * comments from earlier editions and their replies there), in two grouped queries. With `keys`, only
 * those blocks' (live events carry their block's count, see src/live/live-hub.ts).
 */
export async function countByBlock(db: Db, editionId: number, keys?: readonly string[]) {
  const written = await db
    .selectFrom('comments')
    .select(['blockKey', (eb) => eb.fn.countAll<number>().as('count')])
    .where('editionId', '=', editionId)
    .where('state', '=', 'published')
    .where('blockKey', 'is not', null)
    .$if(keys !== undefined, (q) => q.where('blockKey', 'in', keys ?? []))
    .groupBy('blockKey')
    .execute()
  const carried = await db
    .selectFrom('placements')
    .innerJoin('comments as top', 'top.id', 'placements.commentId')
    .innerJoin('comments', (join) =>
      join.on((eb) =>
        eb.or([eb('comments.id', '=', eb.ref('top.id')), eb('comments.parentId', '=', eb.ref('top.id'))]),
      ),
    )
    .select(['placements.blockKey', (eb) => eb.fn.countAll<number>().as('count')])
    .where('placements.editionId', '=', editionId)
    .$if(keys !== undefined, (q) => q.where('placements.blockKey', 'in', keys ?? []))
    .where('comments.editionId', '!=', editionId)
    .where('comments.state', '=', 'published')
    .where((eb) => eb.or([eb('placements.blockKey', 'is', null), eb('top.decision', '=', 'open')]))
    .groupBy('placements.blockKey')
    .execute()
  const counts = new Map<string | null, number>()
  for (const row of [...written, ...carried])
    counts.set(row.blockKey, (counts.get(row.blockKey) ?? 0) + row.count)
  return counts
}

/** Published general-discussion comments of an edition. */
export const countGeneral = async (db: Db, editionId: number) =>
  (
    await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('editionId', '=', editionId)
      .where('blockKey', 'is', null)
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow()
  ).n
