import { sql, type ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { carriedShows } from '../comments/carried-shown.repository.ts'
import type { DB } from '../platform/db/schema.ts'
import type { CommentKind, CommentState, Decision } from '../kernel/words.ts'

/** Which edition's feedback. */
export interface TriagePlace {
  guideId: number
  editionId: number
}

export interface TriageFilters {
  kind?: CommentKind | undefined
  decision?: Decision | undefined
  state?: CommentState | undefined
  /** Only comments still waiting for a decision. */
  unresolved?: boolean | undefined
  /** Only comments with a flag no editor has settled yet. */
  flagged?: boolean | undefined
  /** Only responses on behalf of an organisation. */
  organisations?: boolean | undefined
  /** The comments most agreed with first, rather than in reading order. */
  mostAgreed?: boolean | undefined
  /** Grouped by theme (by name; comments under none last), rather than in reading order. */
  byTheme?: boolean | undefined
  /** Only comments gathered under this theme (src/themes/). */
  theme?: number | undefined
  /** Suggested themes shown too (src/themes/suggest.ts): not a filter, but kept like one. */
  suggest?: boolean | undefined
}

/** Every block of the edition in reading order, with the start of its text for a label. */
export const triageBlocks = (db: Db, editionId: number) =>
  db
    .selectFrom('blocks')
    .select(['key', 'number', 'kind', 'ordinal', sql<string>`left(text, 240)`.as('text')])
    .where('editionId', '=', editionId)
    .orderBy('ordinal')
    .execute()

/**
 * The top-level comments an editor triages on an edition: those written on it (a block's, or the
 * general discussion), and those carried into it from earlier editions that show there, by the rule every
 * view shares (src/comments/carried-shown.repository.ts), so triage lists what the edition's threads show.
 */
const shownHere = (db: Db, place: TriagePlace) =>
  db
    .selectFrom('comments')
    .leftJoin('placements', (join) =>
      join.onRef('placements.commentId', '=', 'comments.id').on('placements.editionId', '=', place.editionId),
    )
    .where('comments.guideId', '=', place.guideId)
    .where('comments.parentId', 'is', null)
    .where((eb) =>
      eb.or([
        eb('comments.editionId', '=', place.editionId),
        eb.and([eb('placements.commentId', 'is not', null), carriedShows('placements', 'comments')]),
      ]),
    )

/**
 * The comment still waits for an editor's decision: none released yet, and not withdrawn, since a
 * withdrawn comment is its author's taking back of their words and needs no answer. Triage's "open" and
 * "unresolved", the publish question and the report count by this one rule.
 */
export const waitsForDecision = (eb: ExpressionBuilder<DB, 'comments'>) =>
  eb.and([eb('comments.decision', '=', 'open'), eb('comments.state', '!=', 'withdrawn')])

/** The comment has a flag no editor has settled (hidden, restored or dismissed) yet. */
const hasOpenFlag = (eb: ExpressionBuilder<DB, 'comments'>) =>
  eb.exists(
    eb
      .selectFrom('flags')
      .select('flags.id')
      .whereRef('flags.commentId', '=', 'comments.id')
      .where('flags.resolvedAt', 'is', null),
  )

/**
 * How many comments shown here have an open flag, whatever the filters (the count beside the filter),
 * and how many draft decisions the guide's editors have not released on any of its editions (what
 * "release all" releases), in one query.
 */
export const flaggedAndDrafts = async (db: Db, place: TriagePlace) => {
  const row = await shownHere(db, place)
    .select((eb) => [
      // As the flagged filter lists them: a withdrawn comment only under its state (see `triageList`).
      eb.fn
        .countAll<string>()
        .filterWhere((f) => f.and([hasOpenFlag(f), f('comments.state', '!=', 'withdrawn')]))
        .as('flagged'),
      eb
        .selectFrom('decisionDrafts')
        .innerJoin('comments as drafted', 'drafted.id', 'decisionDrafts.commentId')
        .select((d) => d.fn.countAll<string>().as('count'))
        .where('drafted.guideId', '=', place.guideId)
        .as('drafts'),
    ])
    .executeTakeFirstOrThrow()
  return { flagged: Number(row.flagged), drafts: Number(row.drafts) }
}

/**
 * The comments `shownHere` that pass the filters, as little as ordering them needs: where each was
 * written and where it shows. Thousands of rows; their words come from `triageDetails`, a page at a time.
 */
export function triageList(db: Db, place: TriagePlace, filters: TriageFilters) {
  let query = shownHere(db, place).select([
    'comments.id',
    'comments.blockKey',
    'placements.commentId as placedId',
    'placements.blockKey as placedKey',
    agreementCount,
    // Looked up per comment only when the list is sorted by it.
    filters.byTheme ? firstTheme : sql<string | null>`null`.as('firstTheme'),
  ])
  // Withdrawn comments wait for nothing: listed only when asked for by their state (see `tallied`).
  if (filters.state !== 'withdrawn') query = query.where('comments.state', '!=', 'withdrawn')
  if (filters.kind) query = query.where('comments.kind', '=', filters.kind)
  if (filters.state) query = query.where('comments.state', '=', filters.state)
  if (filters.decision === 'open' || filters.unresolved) query = query.where(waitsForDecision)
  else if (filters.decision) query = query.where('comments.decision', '=', filters.decision)
  if (filters.flagged) query = query.where(hasOpenFlag)
  if (filters.organisations) query = query.where('comments.onBehalfOf', 'is not', null)
  const theme = filters.theme
  if (theme !== undefined)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('commentThemes')
          .select('commentThemes.commentId')
          .whereRef('commentThemes.commentId', '=', 'comments.id')
          .where('commentThemes.themeId', '=', theme),
      ),
    )
  return query.execute()
}

/** The first, by name, of the themes a comment is under (null: none), for sorting by theme. */
const firstTheme = (eb: ExpressionBuilder<DB, 'comments'>) =>
  eb
    .selectFrom('commentThemes')
    .innerJoin('themes', 'themes.id', 'commentThemes.themeId')
    .select(sql<string>`min(lower(themes.name))`.as('name'))
    .whereRef('commentThemes.commentId', '=', 'comments.id')
    .$asScalar()
    .$castTo<string | null>()
    .as('firstTheme')

/** How many agree with each comment, counted in the list's own query. */
const agreementCount = (eb: ExpressionBuilder<DB, 'comments'>) =>
  eb
    .selectFrom('agreements')
    .select(eb.fn.countAll<number>().as('n'))
    .whereRef('agreements.commentId', '=', 'comments.id')
    .$asScalar()
    .$castTo<number>()
    .as('agreements')

export type TriageListRow = Awaited<ReturnType<typeof triageList>>[number]

/** Everything the page shows of these comments (one page of the list), with their authors. */
export const triageDetails = (db: Db, place: TriagePlace, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : shownHere(db, place)
        .innerJoin('people', 'people.id', 'comments.authorId')
        .innerJoin('editions', 'editions.id', 'comments.editionId')
        .leftJoin('decisionDrafts as draft', 'draft.commentId', 'comments.id')
        .leftJoin('pseudonyms', (join) =>
          join
            .onRef('pseudonyms.guideId', '=', 'comments.guideId')
            .onRef('pseudonyms.personId', '=', 'comments.authorId'),
        )
        .select([
          'comments.id',
          'comments.editionId',
          'comments.blockKey',
          'comments.kind',
          'comments.html',
          'comments.quote',
          'comments.state',
          'comments.hiddenReason',
          'comments.createdAt',
          'comments.decision',
          'comments.response',
          'comments.duplicateOf',
          'comments.decidedAt',
          'comments.version',
          'comments.proposal',
          'comments.proposalRedline',
          'comments.public',
          'comments.onBehalfOf',
          agreementCount,
          'comments.authorId',
          'people.displayName as authorName',
          'people.organisation as authorOrganisation',
          'people.erasedAt as authorErasedAt',
          'pseudonyms.number as pseudonym',
          'editions.number as editionNumber',
          'placements.commentId as placedId',
          'draft.decision as draftDecision',
          'draft.response as draftResponse',
          'draft.duplicateOf as draftDuplicateOf',
          'draft.decidedAt as draftDecidedAt',
        ])
        .where('comments.id', 'in', ids)
        .execute()

export type TriageRow = Awaited<ReturnType<typeof triageDetails>>[number]

/** How many published comments shown here still wait for a decision: what triage lists as published and unresolved. */
export const undecidedCount = async (db: Db, place: TriagePlace) =>
  Number(
    (
      await shownHere(db, place)
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('comments.state', '=', 'published')
        .where(waitsForDecision)
        .executeTakeFirstOrThrow()
    ).count,
  )

/** How many draft decisions the guide's editors have not released, on any of its editions (what "release all" releases). */
export const unreleasedDraftCount = async (db: Db, guideId: number) =>
  Number(
    (
      await db
        .selectFrom('decisionDrafts')
        .innerJoin('comments', 'comments.id', 'decisionDrafts.commentId')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('comments.guideId', '=', guideId)
        .executeTakeFirstOrThrow()
    ).count,
  )

/** How many comments shown here have each kind, decision and state, whatever the filters: one grouped query. */
export const triageSummary = (db: Db, place: TriagePlace) =>
  shownHere(db, place)
    .select([
      'comments.kind',
      'comments.decision',
      'comments.state',
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['comments.kind', 'comments.decision', 'comments.state'])
    .execute()

/** Replies under each of these comments, in any edition and any state (editors see them all). */
export const replyCounts = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comments')
        .select(['parentId', (eb) => eb.fn.countAll<number>().as('count')])
        .where('parentId', 'in', ids)
        .groupBy('parentId')
        .execute()

/** Every decision recorded on these comments, oldest first, with who made it. */
export const decisionHistories = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('decisions')
        .innerJoin('people', 'people.id', 'decisions.decidedBy')
        .select([
          'decisions.id',
          'decisions.commentId',
          'decisions.decision',
          'decisions.response',
          'decisions.duplicateOf',
          'decisions.decidedAt',
          'people.displayName as decidedByName',
        ])
        .where('decisions.commentId', 'in', ids)
        .orderBy('decisions.id')
        .execute()
