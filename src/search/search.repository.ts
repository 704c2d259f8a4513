import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { CommentKind, CommentState, EditionState, NamesShown } from '../kernel/words.ts'

export type SearchType = 'all' | 'blocks' | 'comments'

/** What the viewer may search, as SQL needs it; search.service.ts decides it from the policy. */
export interface SearchScope {
  words: string
  type: SearchType
  /** One guide, or null for every guide. */
  guideId: number | null
  /**
   * One edition (already checked readable), or null: for blocks each guide's newest edition the viewer
   * may read, for comments every edition they may read.
   */
  editionId: number | null
  /** Admins read every draft and every comment. */
  everywhere: boolean
  /** Guides the viewer edits: their drafts and all their comments, pending and hidden too. */
  editorOf: readonly number[]
  viewerId: number | null
}

export interface SearchHit {
  type: 'block' | 'comment'
  guideId: number
  guideSlug: string
  guideTitle: string
  guideLang: string
  names: NamesShown
  retentionAppliedAt: Date | null
  editionNumber: number
  editionState: EditionState
  /** The block a comment was written on: null for the general discussion. */
  blockKey: string | null
  blockNumber: string | null
  blockKind: string | null
  sectionPath: string[] | null
  commentId: number | null
  commentKind: CommentKind | null
  commentState: CommentState | null
  parentId: number | null
  authorId: number | null
  authorName: string | null
  authorOrganisation: string | null
  authorErased: boolean | null
  pseudonym: number | null
  rank: number
  /** The block's text or the comment's body, whole. */
  document: string
  /** A block found in the edition's text in another language: that language; else null. */
  textLang: string | null
  /** Part of it around the matches, each between HIGHLIGHT.start and HIGHLIGHT.stop. */
  snippet: string
}

/** Private-use characters around each match: taken out of the text first, so no one can forge a match. */
export const HIGHLIGHT = { start: '\uE000', stop: '\uE001' } as const
/** One stretch of the text around its best match; a short text whole. */
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT.start}, StopSel=${HIGHLIGHT.stop}, MaxWords=35, MinWords=15`

/** Results counted up to here: past it a count says "more than". */
export const COUNT_CAP = 1000

const english = (words: string) => sql`websearch_to_tsquery('english'::regconfig, ${words})`
const simple = (words: string) => sql`websearch_to_tsquery('simple'::regconfig, ${words})`
/** English stems (see the search migration), unless the words are all English stop words ("to be"). */
const stemmed = (words: string) => sql`(numnode(${english(words)}) > 0)`
const matching = (words: string) =>
  sql`(case when ${stemmed(words)} then ${english(words)} else ${simple(words)} end)`
const headlineConfig = (words: string) =>
  sql`(case when ${stemmed(words)} then 'english' else 'simple' end)::regconfig`
/** Stemmed and as typed together, so exact forms rank a little higher; `1` divides by log(length). */
const rank = (column: RawBuilder<unknown>, words: string) =>
  sql<number>`ts_rank_cd(${column}, ${matching(words)} || ${simple(words)}, 1)`

/** The guides whose drafts and unpublished comments this viewer sees, as a condition on `column`. */
const edits = (s: SearchScope, column: RawBuilder<unknown>) =>
  s.everywhere
    ? sql`true`
    : s.editorOf.length === 0
      ? sql`false`
      : sql`${column} in (${sql.join(s.editorOf.map((id) => sql`${id}`))})`

/** The editions whose blocks are searched: the one asked for, or each guide's newest the viewer may read. */
const blockEditions = (s: SearchScope) =>
  s.editionId !== null
    ? sql`select ${s.editionId}::integer`
    : sql`
        select distinct on (e.guide_id) e.id from editions e
        where (e.state <> 'draft' or ${edits(s, sql.ref('e.guide_id'))})
          ${s.guideId === null ? sql`` : sql`and e.guide_id = ${s.guideId}`}
        order by e.guide_id, e.number desc`

const blockHits = (s: SearchScope, joins = sql``) => sql`
  from blocks b
  join editions e on e.id = b.edition_id
  ${joins}
  where b.search @@ ${matching(s.words)} and b.edition_id in (${blockEditions(s)})`

/**
 * Words only (no "phrase", -without or `or`): then a translated text's words are also found by
 * trigrams, which see through a Welsh mutation of a word's first letter.
 */
const PLAIN_WORDS = /^[\p{L}\p{N}\s'’]+$/u

/**
 * The edition's texts in other languages, searched as `simple` words (PostgreSQL has no Welsh, Hebrew
 * or CJK stemmer; an English translation has English stems too, see the migration) and, for plain
 * words, by pg_trgm's word similarity; in the same editions as the blocks.
 */
const translatedHits = (s: SearchScope, joins = sql``) => sql`
  from translation_blocks tb
  join editions e on e.id = tb.edition_id
  ${joins}
  where (tb.search @@ ${matching(s.words)} or tb.search @@ ${simple(s.words)}
         ${PLAIN_WORDS.test(s.words) ? sql`or ${s.words} <% tb.text` : sql``})
    and tb.edition_id in (${blockEditions(s)})`

/**
 * Comments the viewer may see: withdrawn ones never (their words are gone); those of drafts, pending and
 * hidden ones, and those kept for the editors, to the guide's editors; to their authors too
 * (the rule of `maySeeComment`, src/people/policy.ts).
 */
const commentHits = (s: SearchScope, joins = sql``) => sql`
  from comments c
  join editions e on e.id = c.edition_id
  ${joins}
  where c.search @@ ${matching(s.words)}
    and c.state <> 'withdrawn'
    and (${edits(s, sql.ref('c.guide_id'))} or (e.state <> 'draft' and ((c.state = 'published' and c.public)
      ${s.viewerId === null ? sql`` : sql`or c.author_id = ${s.viewerId}`})))
    ${s.guideId === null ? sql`` : sql`and c.guide_id = ${s.guideId}`}
    ${s.editionId === null ? sql`` : sql`and c.edition_id = ${s.editionId}`}`

/**
 * A block's columns, its words and their language from `text`: the edition's own (`b.text`, no
 * language of its own) or a translation's (`tb`), whose number, kind and section are the original's.
 */
const blockColumns = (text: { document: RawBuilder<unknown>; lang: RawBuilder<unknown> }) => sql`
  'block' as type, g.id as guide_id, g.slug as guide_slug, g.title as guide_title, g.lang as guide_lang,
  g.names, g.retention_applied_at, e.number as edition_number, e.state as edition_state,
  b.key as block_key, b.number as block_number, b.kind as block_kind, b.section_path,
  null::integer as comment_id, null::text as comment_kind, null::text as comment_state,
  null::integer as parent_id, null::integer as author_id, null::text as author_name,
  null::text as author_organisation, null::boolean as author_erased, null::integer as pseudonym,
  b.ordinal as position, ${text.document} as document, ${text.lang} as text_lang`

const BLOCK_COLUMNS = blockColumns({ document: sql.ref('b.text'), lang: sql`null::text` })
const TRANSLATED_COLUMNS = blockColumns({ document: sql.ref('tb.text'), lang: sql.ref('tb.lang') })

const COMMENT_COLUMNS = sql`
  'comment' as type, g.id as guide_id, g.slug as guide_slug, g.title as guide_title, g.lang as guide_lang,
  g.names, g.retention_applied_at, e.number as edition_number, e.state as edition_state,
  c.block_key, b.number as block_number, b.kind as block_kind, b.section_path,
  c.id as comment_id, c.kind as comment_kind, c.state as comment_state,
  c.parent_id, c.author_id, p.display_name as author_name,
  p.organisation as author_organisation, p.erased_at is not null as author_erased,
  (select ps.number from pseudonyms ps where ps.guide_id = c.guide_id and ps.person_id = c.author_id) as pseudonym,
  c.id as position, c.body as document, null::text as text_lang`

const branches = (
  s: SearchScope,
  blocks: RawBuilder<unknown>,
  translated: RawBuilder<unknown>,
  comments: RawBuilder<unknown>,
) =>
  sql.join(
    [...(s.type === 'comments' ? [] : [blocks, translated]), ...(s.type === 'blocks' ? [] : [comments])],
    sql` union all `,
  )

/**
 * One page of results, best first, in one query: block and comment matches ranked together, and
 * snippets made only for the page's rows (ts_headline reads the whole text, so never for every match).
 */
export function pageQuery(s: SearchScope, limit: number, offset: number) {
  const blocks = sql`(select ${BLOCK_COLUMNS}, ${rank(sql.ref('b.search'), s.words)} as rank
    ${blockHits(s, sql`join guides g on g.id = e.guide_id`)})`
  // A trigram match alone ranks below any match of words.
  const translated = sql`(select ${TRANSLATED_COLUMNS},
      greatest(${rank(sql.ref('tb.search'), s.words)}, ts_rank_cd(tb.search, ${simple(s.words)}, 1),
        ${PLAIN_WORDS.test(s.words) ? sql`word_similarity(${s.words}, tb.text) * 0.01` : sql`0`}) as rank
    ${translatedHits(
      s,
      sql`join guides g on g.id = e.guide_id
        join blocks b on b.edition_id = tb.edition_id and b.key = tb.key`,
    )})`
  const comments = sql`(select ${COMMENT_COLUMNS}, ${rank(sql.ref('c.search'), s.words)} as rank
    ${commentHits(
      s,
      sql`join guides g on g.id = c.guide_id
        join people p on p.id = c.author_id
        left join blocks b on b.edition_id = c.edition_id and b.key = c.block_key`,
    )})`
  const order = sql`rank desc, guide_id, edition_number desc, type, position, text_lang nulls first`
  const unmarked = sql`translate(hits.document, ${HIGHLIGHT.start + HIGHLIGHT.stop}, '')`
  return sql<SearchHit>`
    select hits.*, case when hits.text_lang is null
      then ts_headline(${headlineConfig(s.words)}, ${unmarked}, ${matching(s.words)}, ${HEADLINE_OPTIONS})
      else ts_headline('simple'::regconfig, ${unmarked}, ${simple(s.words)}, ${HEADLINE_OPTIONS})
    end as snippet
    from (${branches(s, blocks, translated, comments)} order by ${order} limit ${limit} offset ${offset}) hits
    order by ${order}`
}

/** How many results there are, counted no further than COUNT_CAP + 1. */
export const countQuery = (s: SearchScope) => sql<{ n: number }>`
  select count(*) as n from (
    ${branches(s, sql`(select 1 ${blockHits(s)})`, sql`(select 1 ${translatedHits(s)})`, sql`(select 1 ${commentHits(s)})`)}
    limit ${COUNT_CAP + 1}) hits`

export const searchPage = async (db: Db, s: SearchScope, limit: number, offset: number) =>
  (await pageQuery(s, limit, offset).execute(db)).rows

export const countHits = async (db: Db, s: SearchScope) => (await countQuery(s).execute(db)).rows[0]?.n ?? 0
