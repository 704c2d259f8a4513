import { REMOVED } from './removed-text.ts'
import { carriedShows } from './carried-shown.repository.ts'
import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Quote, RedlinePart } from '../platform/db/schema.ts'
import type { CommentKind, CommentState, HideReason } from '../kernel/words.ts'

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
  /** A suggestion's wording and the redline of its paragraph with it applied; null on other kinds. */
  proposal?: string | null
  proposalRedline?: RedlinePart[] | null
  /** false: only its author and the guide's editors see it (default true). */
  public?: boolean
  onBehalfOf?: string | null
  lang?: string | null
}

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
  'comments.hiddenReasonCode',
  'comments.createdAt',
  'comments.updatedAt',
  'comments.decision',
  'comments.response',
  'comments.duplicateOf',
  'comments.decidedAt',
  'comments.version',
  'comments.proposal',
  'comments.proposalRedline',
  'comments.public',
  'comments.onBehalfOf',
  'comments.lang',
  'pseudonyms.number as pseudonym',
  'people.displayName as authorName',
  'people.organisation as authorOrganisation',
  'people.erasedAt as authorErasedAt',
  'editions.number as editionNumber',
] as const

/**
 * Comments with the columns `commentView` reads (author names, edition number, whether edited, how many
 * agree and whether `viewerId` does): every query that shows comments starts here, so the same naming
 * rules apply everywhere. The agreements are counted in the same query, off their primary key.
 */
export const commentsWithAuthors = (db: Db, viewerId?: number) =>
  db
    .selectFrom('comments')
    .innerJoin('people', 'people.id', 'comments.authorId')
    .innerJoin('editions', 'editions.id', 'comments.editionId')
    .leftJoin('pseudonyms', (join) =>
      join
        .onRef('pseudonyms.guideId', '=', 'comments.guideId')
        .onRef('pseudonyms.personId', '=', 'comments.authorId'),
    )
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
    // Who wrote the comment a reply answers: they may read it even when it is kept for the editors.
    .select((eb) =>
      eb
        .selectFrom('comments as parent')
        .select('parent.authorId')
        .whereRef('parent.id', '=', 'comments.parentId')
        .as('parentAuthorId'),
    )
    .select((eb) => [
      eb
        .selectFrom('agreements')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('agreements.commentId', '=', 'comments.id')
        .$asScalar()
        .$castTo<number>()
        .as('agreements'),
      viewerId === undefined
        ? eb.lit(false).$castTo<boolean>().as('agreed')
        : eb
            .exists(
              eb
                .selectFrom('agreements')
                .select('agreements.personId')
                .whereRef('agreements.commentId', '=', 'comments.id')
                .where('agreements.personId', '=', viewerId),
            )
            .$castTo<boolean>()
            .as('agreed'),
    ])

export type CommentRow = Awaited<ReturnType<typeof findComment>> & object

export const findComment = (db: Db, id: number, viewerId?: number) =>
  commentsWithAuthors(db, viewerId).where('comments.id', '=', id).executeTakeFirst()

export const findComments = (db: Db, ids: readonly number[], viewerId?: number) =>
  ids.length === 0
    ? Promise.resolve([])
    : commentsWithAuthors(db, viewerId).where('comments.id', 'in', ids).execute()

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
 * thread also holds the comments carried into it from earlier editions that show there
 * (`carriedShows`), with their replies; the removed-text list holds every comment carried from a
 * paragraph that is gone.
 */
export function listComments(db: Db, q: ThreadQuery) {
  const key = q.blockKey
  let query = commentsWithAuthors(db, q.viewerId).where((eb) => {
    const placed = eb
      .selectFrom('placements')
      .innerJoin('comments as top', 'top.id', 'placements.commentId')
      .select('placements.commentId')
      .where('placements.editionId', '=', q.editionId)
    // Where carried comments show is one rule for every view (src/comments/carried-shown.repository.ts).
    const carried = (
      key === REMOVED
        ? placed.where('placements.blockKey', 'is', null)
        : key === undefined
          ? placed
          : placed.where('placements.blockKey', '=', key ?? '')
    ).where(carriedShows('placements', 'top'))
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
  // The rule of `maySeeComment` (src/people/policy.ts), in SQL.
  if (!q.moderator) {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('comments.state', 'in', ['published', 'withdrawn']), eb('comments.public', '=', true)]),
        ...(q.viewerId === undefined
          ? []
          : [
              eb('comments.authorId', '=', q.viewerId),
              // A reply kept for the editors, to the viewer's own comment (maySeeComment's rule).
              eb.and([
                eb('comments.state', 'in', ['published', 'withdrawn']),
                eb.exists(
                  eb
                    .selectFrom('comments as parent')
                    .select('parent.id')
                    .whereRef('parent.id', '=', 'comments.parentId')
                    .where('parent.authorId', '=', q.viewerId),
                ),
              ]),
            ]),
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
  comment: {
    id: number
    body: string
    html: string
    quote: Quote | null
    kind: CommentKind
    proposal: string | null
  },
) =>
  db
    .insertInto('commentRevisions')
    .values({
      commentId: comment.id,
      body: comment.body,
      html: comment.html,
      quote: comment.quote ? JSON.stringify(comment.quote) : null,
      kind: comment.kind,
      proposal: comment.proposal,
    })
    .execute()

/** The comment's state, its row locked until the transaction ends (a moderator's change checked, then written). */
export const lockState = async (db: Db, id: number) =>
  (await db.selectFrom('comments').select('state').where('id', '=', id).forUpdate().executeTakeFirstOrThrow())
    .state

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
    hiddenReasonCode?: HideReason | null
    proposal?: string | null
    proposalRedline?: RedlinePart[] | null
    public?: boolean
    onBehalfOf?: string | null
    lang?: string | null
  },
) {
  const { quote, proposalRedline, ...rest } = values
  return db
    .updateTable('comments')
    .set({
      ...rest,
      ...(quote === undefined ? {} : { quote: quote ? JSON.stringify(quote) : null }),
      ...(proposalRedline === undefined
        ? {}
        : { proposalRedline: proposalRedline ? JSON.stringify(proposalRedline) : null }),
      updatedAt: new Date(),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .execute()
}

/** Keeps a comment's replies for the editors, as the comment now is. */
export const unpublishReplies = (db: Db, parentId: number) =>
  db
    .updateTable('comments')
    .set({ public: false, updatedAt: new Date(), version: sql<number>`version + 1` })
    .where('parentId', '=', parentId)
    .where('public', '=', true)
    .execute()

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
 * Published comments (and only those their authors let be published) per block of an edition: those written on it, and those carried into it that show
 * there (`carriedShows`), with their replies there, in two grouped queries. With `keys`, only
 * those blocks' (live events carry their block's count, see src/live/live-hub.ts).
 */
export async function countByBlock(db: Db, editionId: number, keys?: readonly string[]) {
  const written = await db
    .selectFrom('comments')
    .select(['blockKey', (eb) => eb.fn.countAll<number>().as('count')])
    .where('editionId', '=', editionId)
    .where('state', '=', 'published')
    .where('public', '=', true)
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
    .where('comments.public', '=', true)
    .where(carriedShows('placements', 'top'))
    .groupBy('placements.blockKey')
    .execute()
  const counts = new Map<string | null, number>()
  for (const row of [...written, ...carried])
    counts.set(row.blockKey, (counts.get(row.blockKey) ?? 0) + row.count)
  return counts
}

/** Published general-discussion comments of an edition (those their authors let be published). */
export const countGeneral = async (db: Db, editionId: number) =>
  (
    await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('editionId', '=', editionId)
      .where('blockKey', 'is', null)
      .where('state', '=', 'published')
      .where('public', '=', true)
      .executeTakeFirstOrThrow()
  ).n
