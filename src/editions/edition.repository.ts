import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { DraftUndo, LineageOverride, Quote } from '../platform/db/schema.ts'
import type { Decision, EditionState, LineageChange } from '../kernel/words.ts'
import type { LocatedQuote } from './quote-locator.ts'

/** The newest edition of a guide, whatever its state: the one a revision starts from. */
export const latestEdition = (db: Db, guideId: number) =>
  db
    .selectFrom('editions')
    .select(['id', 'number', 'state', 'source', 'title'])
    .where('guideId', '=', guideId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst()

/** What lineage compares, and what the preview shows, of each block of an edition. */
export const blocksForLineage = (db: Db, editionId: number) =>
  db
    .selectFrom('blocks')
    .select(['ordinal', 'key', 'kind', 'number', 'text', 'hash'])
    .where('editionId', '=', editionId)
    .orderBy('ordinal')
    .execute()

/** Every key a guide has ever used, so a new block never takes an old one. */
export const keysOfGuide = async (db: Db, guideId: number) =>
  new Set(
    (
      await db
        .selectFrom('blocks')
        .innerJoin('editions', 'editions.id', 'blocks.editionId')
        .select('blocks.key')
        .where('editions.guideId', '=', guideId)
        .execute()
    ).map((row) => row.key),
  )

export interface LineageRow {
  editionId: number
  blockKey: string
  ordinal: number
  change: LineageChange
  fromKeys: string[]
  fromOrdinals: number[]
  similarity: number
}

export async function insertLineage(db: Db, rows: LineageRow[]): Promise<void> {
  const CHUNK = 1000
  for (let start = 0; start < rows.length; start += CHUNK)
    await db
      .insertInto('lineage')
      .values(rows.slice(start, start + CHUNK))
      .execute()
}

export const lineageOf = (db: Db, editionId: number) =>
  db
    .selectFrom('lineage')
    .select(['blockKey', 'ordinal', 'change', 'fromKeys', 'fromOrdinals', 'similarity'])
    .where('editionId', '=', editionId)
    .orderBy('ordinal')
    .execute()

/** The stored lineage rows of every edition after `after` up to `upTo` of a guide, in one query. */
export const lineageStepsBetween = (db: Db, guideId: number, after: number, upTo: number) =>
  db
    .selectFrom('lineage')
    .innerJoin('editions', 'editions.id', 'lineage.editionId')
    .select(['editions.number', 'lineage.blockKey', 'lineage.change', 'lineage.fromKeys'])
    .where('editions.guideId', '=', guideId)
    .where('editions.number', '>', after)
    .where('editions.number', '<=', upTo)
    .execute()

export interface Located {
  id: number
  /** The block the comment shows on in this edition; null when its text was removed. */
  blockKey: string | null
  quote: Quote | null
  /** Its released decision: whether it shows in the next edition depends on it (`showsWhenCarried`). */
  decision: Decision
}

/**
 * Every top-level block comment that shows in an edition: written on it, or carried into it. General
 * discussion stays with its edition. All states, since a pending comment may be approved later.
 */
export async function commentsLocatedIn(db: Db, editionId: number): Promise<Located[]> {
  const written = await db
    .selectFrom('comments')
    .select(['id', 'blockKey', 'quote', 'decision'])
    .where('editionId', '=', editionId)
    .where('parentId', 'is', null)
    .where('blockKey', 'is not', null)
    .execute()
  const carried = await db
    .selectFrom('placements')
    .innerJoin('comments', 'comments.id', 'placements.commentId')
    // The words as last found (an edition further on), so each edition looks from the one before.
    .select((eb) => [
      'comments.id',
      'placements.blockKey',
      eb.fn.coalesce('placements.quote', 'comments.quote').$castTo<Quote | null>().as('quote'),
      'comments.decision',
    ])
    .where('placements.editionId', '=', editionId)
    .execute()
  return [...written, ...carried].sort((a, b) => a.id - b.id)
}

export interface PlacementRow {
  commentId: number
  editionId: number
  blockKey: string | null
  quote: LocatedQuote | null
}

export async function insertPlacements(db: Db, rows: readonly PlacementRow[]): Promise<void> {
  const CHUNK = 2000
  for (let start = 0; start < rows.length; start += CHUNK)
    await db
      .insertInto('placements')
      .values(
        rows.slice(start, start + CHUNK).map(({ quote, ...row }) => ({
          ...row,
          quote: quote ? JSON.stringify(quote.quote) : null,
          quoteStatus: quote?.status ?? null,
        })),
      )
      .execute()
}

/** Editions after `number`, oldest first, with the lineage rows that say where each old key went. */
export const editionsAfter = (db: Db, guideId: number, number: number) =>
  db
    .selectFrom('editions')
    .select(['id', 'number', 'state'])
    .where('guideId', '=', guideId)
    .where('number', '>', number)
    .orderBy('number')
    .execute()

/** The blocks of an edition that came from `key` in the edition before, with their text for quotes. */
export const successorsOf = (db: Db, editionId: number, key: string) =>
  db
    .selectFrom('lineage')
    .innerJoin('blocks', (join) =>
      join.onRef('blocks.editionId', '=', 'lineage.editionId').onRef('blocks.key', '=', 'lineage.blockKey'),
    )
    .select(['blocks.key', 'blocks.text'])
    .where('lineage.editionId', '=', editionId)
    .where('lineage.change', '!=', 'removed')
    .where((eb) => eb(eb.val(key), '=', eb.fn.any('lineage.fromKeys')))
    .orderBy('blocks.ordinal')
    .execute()

export const findWorkingDraft = (db: Db, guideId: number) =>
  db.selectFrom('workingDrafts').selectAll().where('guideId', '=', guideId).executeTakeFirst()

export const saveWorkingDraft = (
  db: Db,
  draft: {
    guideId: number
    baseEditionId: number
    source: string
    overrides: LineageOverride[]
    updatedBy: number
    /** Only a deletion leaves something to undo; any other save forgets it. */
    undo?: DraftUndo | undefined
  },
) => {
  const undo = draft.undo ? JSON.stringify(draft.undo) : null
  return db
    .insertInto('workingDrafts')
    .values({ ...draft, overrides: JSON.stringify(draft.overrides), undo })
    .onConflict((oc) =>
      oc.column('guideId').doUpdateSet({
        baseEditionId: draft.baseEditionId,
        source: draft.source,
        overrides: JSON.stringify(draft.overrides),
        updatedBy: draft.updatedBy,
        updatedAt: new Date(),
        undo,
      }),
    )
    .execute()
}

/**
 * Begins the working draft from an edition, unless one exists: two editors opening the draft at once
 * never overwrite a change the first has already made.
 */
export const beginWorkingDraft = (
  db: Db,
  draft: { guideId: number; baseEditionId: number; source: string; updatedBy: number },
) =>
  db
    .insertInto('workingDrafts')
    .values({ ...draft, overrides: JSON.stringify([]), undo: null })
    .onConflict((oc) => oc.column('guideId').doNothing())
    .execute()

export const deleteWorkingDraft = (db: Db, guideId: number) =>
  db.deleteFrom('workingDrafts').where('guideId', '=', guideId).execute()

/** How many paragraphs of the edition before this edition removed: whether "comments on removed text" may exist. */
export const removedBlockCount = async (db: Db, editionId: number) =>
  (
    await db
      .selectFrom('lineage')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('editionId', '=', editionId)
      .where('change', '=', 'removed')
      .executeTakeFirstOrThrow()
  ).n

/** The working draft, locked until the transaction ends, so two editors' changes never overwrite each other. */
export const lockWorkingDraft = (db: Db, guideId: number) =>
  db.selectFrom('workingDrafts').selectAll().where('guideId', '=', guideId).forUpdate().executeTakeFirst()

/** What the lineage preview says of each comment that will land somewhere: who wrote it and how it starts. */
export const landingComments = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comments')
        .innerJoin('people', 'people.id', 'comments.authorId')
        .innerJoin('editions', 'editions.id', 'comments.editionId')
        .select((eb) => [
          'comments.id',
          'comments.kind',
          'comments.state',
          'comments.decision',
          sql<string>`left(${eb.ref('comments.body')}, 240)`.as('excerpt'),
          'people.displayName as authorName',
          'people.erasedAt as authorErasedAt',
          'editions.number as editionNumber',
        ])
        .where('comments.id', 'in', ids)
        .orderBy('comments.id')
        .execute()

/** An edition's blocks as the working draft page shows them, for a draft still equal to that edition. */
export const blocksToRevise = (db: Db, editionId: number) =>
  db
    .selectFrom('blocks')
    .select(['ordinal', 'kind', 'number', 'text', 'markdown', 'html', 'hash'])
    .where('editionId', '=', editionId)
    .orderBy('ordinal')
    .execute()

/** An edition's state and consultation window, by its id (a comment knows its edition only by id). */
export const editionById = (db: Db, id: number) =>
  db
    .selectFrom('editions')
    .select(['number', 'state', 'opensAt', 'closesAt'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

/** The newest published edition of a guide numbered above `number`, if any. */
export const newerPublished = (db: Db, guideId: number, number: number) =>
  db
    .selectFrom('editions')
    .select('number')
    .where('guideId', '=', guideId)
    .where('number', '>', number)
    .where('state', '=', 'published')
    .orderBy('number', 'desc')
    .executeTakeFirst()

/** Holds a guide's row until the transaction ends, so two of its editions cannot change state at once. */
export const lockGuide = (db: Db, guideId: number) =>
  db.selectFrom('guides').select('id').where('id', '=', guideId).forUpdate().executeTakeFirstOrThrow()

/** Moves an edition on from the state it was read in; undefined if someone moved it first. */
export const moveEdition = (
  db: Db,
  id: number,
  from: EditionState,
  change: { state: EditionState; opensAt: Date | null; closesAt: Date | null; publishedAt?: Date },
) =>
  db
    .updateTable('editions')
    .set(change)
    .where('id', '=', id)
    .where('state', '=', from)
    .returning(['number', 'state', 'opensAt', 'closesAt', 'publishedAt'])
    .executeTakeFirst()

/** A guide's editions before `number` still open for comment: a later edition opening or published closes them. */
export const openBefore = (db: Db, guideId: number, number: number) =>
  db
    .selectFrom('editions')
    .select(['id', 'number', 'opensAt', 'closesAt'])
    .where('guideId', '=', guideId)
    .where('number', '<', number)
    .where('state', '=', 'open')
    .orderBy('number')
    .execute()

/** The newest edition after `number` that is open or published, if any: an earlier one then stays shut. */
export const newerOpenOrPublished = (db: Db, guideId: number, number: number) =>
  db
    .selectFrom('editions')
    .select(['number', 'state'])
    .where('guideId', '=', guideId)
    .where('number', '>', number)
    .where('state', 'in', ['open', 'published'])
    .orderBy('number', 'desc')
    .executeTakeFirst()
