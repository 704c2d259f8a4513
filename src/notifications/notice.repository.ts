import { sql } from 'kysely'
import { carriedShows } from '../comments/carried-shown.repository.ts'
import type { Db } from '../platform/db/database.ts'
import type { Decision, EditionState, LineageChange, NoticeType } from '../kernel/words.ts'

export interface NoticeRow {
  personId: number
  guideId: number
  type: NoticeType
  subject: Record<string, unknown>
  dedupeKey: string
}

/** Writes each notice unless that person already has one with its dedupe key; answers those written. */
export async function insertNotices(db: Db, notices: readonly NoticeRow[]) {
  if (notices.length === 0) return []
  return db
    .insertInto('notices')
    .values(notices.map((n) => ({ ...n, subject: JSON.stringify(n.subject) })))
    .onConflict((oc) => oc.columns(['personId', 'dedupeKey']).doNothing())
    .returning(['id', 'personId'])
    .execute()
}

/** What decides whether a person may read a guide's editions: admin, or editor of which guides. */
export interface ReadingRights {
  isAdmin: boolean
  editorOf: Set<number>
}

/**
 * Of these people, those not erased, with what lets them read drafts: one query however many people
 * and guides a batch of notices concerns.
 */
export async function readingRights(
  db: Db,
  personIds: readonly number[],
): Promise<Map<number, ReadingRights>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('people')
    .leftJoin('roles', (join) =>
      join.onRef('roles.personId', '=', 'people.id').on('roles.role', '=', 'editor'),
    )
    .select(['people.id', 'people.isAdmin', 'roles.guideId'])
    .where('people.id', 'in', [...new Set(personIds)])
    .where('people.erasedAt', 'is', null)
    .execute()
  const rights = new Map<number, ReadingRights>()
  for (const row of rows) {
    const person = rights.get(row.id) ?? { isAdmin: row.isAdmin, editorOf: new Set<number>() }
    if (row.guideId !== null) person.editorOf.add(row.guideId)
    rights.set(row.id, person)
  }
  return rights
}

/** The rule of people/policy.ts: a draft is for admins and the guide's editors, the rest for anyone. */
export const mayReadEdition = (rights: ReadingRights | undefined, guideId: number, state: EditionState) =>
  rights !== undefined && (state !== 'draft' || rights.isAdmin || rights.editorOf.has(guideId))

/** Of these people, those who may read an edition of the guide in this state now. */
export async function readersAmong(
  db: Db,
  guideId: number,
  state: EditionState,
  personIds: readonly number[],
): Promise<Set<number>> {
  const rights = await readingRights(db, personIds)
  return new Set([...rights].filter(([, r]) => mayReadEdition(r, guideId, state)).map(([id]) => id))
}

/**
 * Who wrote in a comment's thread before it: the root's author first, then everyone with a published
 * reply anywhere under the root (replying follows the thread). One recursive query, up then down.
 */
export async function threadAuthors(db: Db, commentId: number) {
  const { rows } = await sql<{ authorId: number; isRoot: boolean }>`
    with recursive up as (
      select id, parent_id from comments where id = ${commentId}
      union all
      select c.id, c.parent_id from comments c join up on c.id = up.parent_id
    ),
    down as (
      select id, author_id, state, true as is_root from comments where id = (select id from up where parent_id is null)
      union all
      select c.id, c.author_id, c.state, false from comments c join down on c.parent_id = down.id
    )
    select author_id as "authorId", bool_or(is_root) as "isRoot" from down
    where author_id is not null and id <> ${commentId} and (is_root or state = 'published')
    group by author_id
  `.execute(db)
  return {
    starterId: rows.find((row) => row.isRoot)?.authorId ?? null,
    authorIds: rows.map((row) => row.authorId),
  }
}

/** Comments with what a notice about them needs: their thread's authors, their edition and guide. */
export const commentsForNotice = (db: Db, ids: readonly number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('comments')
        .innerJoin('editions', 'editions.id', 'comments.editionId')
        .innerJoin('guides', 'guides.id', 'comments.guideId')
        .leftJoin('comments as parent', 'parent.id', 'comments.parentId')
        .leftJoin('blocks', (join) =>
          join
            .onRef('blocks.editionId', '=', 'comments.editionId')
            .onRef('blocks.key', '=', 'comments.blockKey'),
        )
        .select([
          'comments.id',
          'comments.guideId',
          'comments.blockKey',
          'comments.authorId',
          'comments.state',
          'comments.public',
          'comments.parentId',
          'comments.decision',
          'comments.version',
          'blocks.number as blockNumber',
          'parent.authorId as parentAuthorId',
          'editions.number as editionNumber',
          'editions.state as editionState',
          'guides.slug',
        ])
        .where('comments.id', 'in', [...ids])
        .execute()

/** The edition with its guide, for notices about it. */
export const editionForNotice = (db: Db, editionId: number) =>
  db
    .selectFrom('editions')
    .innerJoin('guides', 'guides.id', 'editions.guideId')
    .select([
      'editions.id',
      'editions.guideId',
      'editions.number',
      'editions.state',
      'editions.opensAt',
      'editions.closesAt',
      'guides.slug',
    ])
    .where('editions.id', '=', editionId)
    .executeTakeFirstOrThrow()

/** The guide's people: those with a role on it and those following it or any of its paragraphs. */
export const peopleOfGuide = async (db: Db, guideId: number, { commenters = false } = {}) => {
  const roles = db.selectFrom('roles').select('personId').where('guideId', '=', guideId)
  const followers = db.selectFrom('follows').select('personId').where('guideId', '=', guideId)
  const rows = await (
    commenters
      ? roles
          .union(followers)
          .union(db.selectFrom('comments').select('authorId as personId').where('guideId', '=', guideId))
      : roles.union(followers)
  ).execute()
  return rows.map((row) => row.personId)
}

export interface RevisedBlock {
  /** The key in the edition before, followed by someone, and its number there. */
  fromKey: string
  fromNumber: string
  change: LineageChange
  /** Where its words are in the new edition: the blocks it went to, with their numbers. */
  to: { key: string; number: string }[]
  /** Its words in the edition before, and those of the blocks it went to, in order, for its redline. */
  fromText: string
  toTexts: string[]
}

/** The blocks of the edition before that changed in this one (edited, split, merged or removed). */
export async function revisedBlocks(db: Db, editionId: number, previousId: number): Promise<RevisedBlock[]> {
  const { rows } = await sql<{
    fromKey: string
    fromNumber: string | null
    change: LineageChange
    toKey: string
    number: string | null
    fromText: string | null
    toText: string | null
  }>`
    select k.from_key, old.number as from_number, l.change, l.block_key as to_key, b.number,
           old.text as from_text, b.text as to_text
    from lineage l
    cross join lateral unnest(l.from_keys) as k(from_key)
    left join blocks b on b.edition_id = l.edition_id and b.key = l.block_key and l.change <> 'removed'
    left join blocks old on old.edition_id = ${previousId} and old.key = k.from_key
    where l.edition_id = ${editionId} and l.change in ('edited', 'moved-edited', 'split', 'merged', 'removed')
    order by l.ordinal`.execute(db)
  const byKey = new Map<string, RevisedBlock>()
  for (const row of rows) {
    const block = byKey.get(row.fromKey) ?? {
      fromKey: row.fromKey,
      fromNumber: row.fromNumber ?? '',
      change: row.change,
      to: [],
      fromText: row.fromText ?? '',
      toTexts: [],
    }
    if (row.change !== 'removed' && row.number !== null) {
      block.to.push({ key: row.toKey, number: row.number })
      block.toTexts.push(row.toText ?? '')
    }
    byKey.set(row.fromKey, block)
  }
  return [...byKey.values()]
}

/**
 * Top-level comments by these people that stood on these keys in the edition before and are placed in
 * this one: where each landed (blockKey null: among the comments on removed text), whether it shows
 * there (`carriedShows`: one decided before stays with its decision in the edition before, so the notice
 * never says it is on a paragraph whose thread does not show it), with the decision
 * on it as released. The comment's own columns hold only released decisions; a draft stays in
 * decision_drafts, among the editors, so it is never read here.
 */
export async function landedComments(
  db: Db,
  editionId: number,
  previousId: number,
  authorIds: readonly number[],
) {
  if (authorIds.length === 0) return []
  const { rows } = await sql<{
    id: number
    authorId: number
    fromKey: string | null
    toKey: string | null
    toNumber: string | null
    decision: Decision
    response: string
    shown: boolean
  }>`
    select c.id, c.author_id, coalesce(before.block_key, c.block_key) as from_key,
           p.block_key as to_key, b.number as to_number, c.decision, c.response,
           ${carriedShows('p', 'c')} as shown
    from placements p
    join comments c on c.id = p.comment_id
    left join placements before on before.comment_id = c.id and before.edition_id = ${previousId}
    left join blocks b on b.edition_id = p.edition_id and b.key = p.block_key
    where p.edition_id = ${editionId} and c.parent_id is null and c.state = 'published'
      and c.author_id in (${sql.join([...new Set(authorIds)])})
      and (before.comment_id is not null or c.edition_id = ${previousId})
    order by c.id`.execute(db)
  return rows
}

/** The edition just before this one, if any. */
export const previousEdition = (db: Db, guideId: number, number: number) =>
  db
    .selectFrom('editions')
    .select(['id', 'number'])
    .where('guideId', '=', guideId)
    .where('number', '=', number - 1)
    .executeTakeFirst()
