import { sql } from 'kysely'
import type { Db } from '../db/database.ts'
import type { CommentKind, CommentState, Quote } from '../db/schema.ts'

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
  'people.displayName as authorName',
  'people.organisation as authorOrganisation',
  'people.erasedAt as authorErasedAt',
  'editions.number as editionNumber',
] as const

const withAuthor = (db: Db) =>
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
        .as('edited'),
    )

export type CommentRow = Awaited<ReturnType<typeof findComment>> & object

export const findComment = (db: Db, id: number) =>
  withAuthor(db).where('comments.id', '=', id).executeTakeFirst()

export const findComments = (db: Db, ids: readonly number[]) =>
  ids.length === 0 ? Promise.resolve([]) : withAuthor(db).where('comments.id', 'in', ids).execute()

/** Events of an edition after a given id, oldest first (what a reconnecting stream missed). */
export const eventsAfter = (db: Db, editionId: number, afterId: number, limit = 500) =>
  db
    .selectFrom('events')
    .select(['id', 'type', 'commentId'])
    .where('editionId', '=', editionId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()

export const lastEventId = async (db: Db, editionId: number) =>
  (
    await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('editionId', '=', editionId)
      .executeTakeFirst()
  )?.id ?? 0

export interface ThreadQuery {
  editionId: number
  /** A block's key; null for the general discussion; undefined for the whole edition. */
  blockKey?: string | null
  after?: number | undefined
  limit: number
  /** Whose pending and hidden comments may be shown: everyone's for editors, else the viewer's own. */
  moderator: boolean
  viewerId: number | undefined
}

/** One page of a thread, oldest first, filtered to what the viewer may see in one query. */
export function listComments(db: Db, q: ThreadQuery) {
  let query = withAuthor(db).where('comments.editionId', '=', q.editionId)
  if (q.blockKey === null) query = query.where('comments.blockKey', 'is', null)
  else if (q.blockKey !== undefined) query = query.where('comments.blockKey', '=', q.blockKey)
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
    })
    .where('id', '=', id)
    .execute()
}

/** The event row a live stream replays, and the NOTIFY that wakes every server process, in the caller's transaction. */
export async function recordEvent(db: Db, editionId: number, type: string, commentId: number) {
  const row = await db
    .insertInto('events')
    .values({ editionId, type, commentId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`select pg_notify('gloss_events', ${JSON.stringify({ editionId, id: row.id })})`.execute(db)
  return row.id
}

export const insertFlag = (db: Db, commentId: number, personId: number, reason: string) =>
  db
    .insertInto('flags')
    .values({ commentId, personId, reason })
    .onConflict((oc) => oc.columns(['commentId', 'personId']).doUpdateSet({ reason }))
    .execute()

/** Published comments per block of an edition, in one grouped query. */
export const countByBlock = (db: Db, editionId: number) =>
  db
    .selectFrom('comments')
    .select(['blockKey', (eb) => eb.fn.countAll<number>().as('count')])
    .where('editionId', '=', editionId)
    .where('state', '=', 'published')
    .where('blockKey', 'is not', null)
    .groupBy('blockKey')
    .execute()
