import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { perTurn } from '../platform/db/per-turn.ts'
import { prepared } from '../platform/db/prepared.ts'
import type { CommentRow, NewCommentRow } from './comment.repository.ts'
import type { GuideRow } from '../platform/db/schema.ts'
import type { EditionState } from '../kernel/words.ts'

/**
 * Posting a comment is the hottest write Gloss has, and its time goes on round trips to the database
 * rather than on work: these two statements are all it needs when nothing unusual happens, and each is
 * made once for all the posts of a turn of the event loop (per-turn.ts).
 */

export interface PostingQuery {
  slug: string
  number: number
  blockKey: string | null
  authorId: number
  idempotencyKey: string | undefined
}

/**
 * What the checks answer for one post: its guide's every column, and what posting needs to know. The
 * statement names the guide's columns one by one (a prepared statement's row must not change shape), so
 * a column added to `guides` is added there too.
 */
type CheckRow = GuideRow & {
  /** Which of the batch's posts the row answers (1 for the first). */
  i: number
  editionId: number
  editionState: EditionState
  opensAt: Date | null
  closesAt: Date | null
  openSignUp: unknown
  blockText: string | null
  translatedTexts: string[]
  earlierId: number | null
  hasLater: boolean
}

/**
 * Everything posting checks, for several posts in one statement (one row for each post whose guide
 * and edition exist): the guide and edition, whether sign-up is open, the paragraph's text and its
 * words in the edition's other texts (a quote may be taken from whichever is read), a comment already
 * posted with this Idempotency-Key, and whether later editions exist (a comment on an older edition is
 * then carried into them). Its columns are named: it is a prepared statement (prepared.ts).
 */
const checks = prepared(
  (
    _db,
    p: {
      slugs: string[]
      numbers: number[]
      blockKeys: string[]
      authorIds: number[]
      idempotencyKeys: (string | null)[]
    },
  ) => sql<CheckRow>`
    select q.i::int as i,
           guides.id, guides.slug, guides.title, guides.summary, guides.lang, guides.names,
           guides.names_public, guides.pseudonyms_given, guides.moderation, guides.created_at,
           guides.publish_by_default, guides.moderation_policy, guides.retention_days,
           guides.retention_applied_at,
           editions.id as edition_id, editions.state as edition_state, editions.opens_at, editions.closes_at,
           (select value from settings where key = 'openSignUp') as open_sign_up,
           (select text from blocks where blocks.edition_id = editions.id and blocks.key = q.block_key)
             as block_text,
           array(select tb.text from translation_blocks tb
                 where tb.edition_id = editions.id and tb.key = q.block_key) as translated_texts,
           (select comments.id from comments
             where comments.author_id = q.author_id and comments.idempotency_key = q.idempotency_key)
             as earlier_id,
           exists (select 1 from editions later
                   where later.guide_id = guides.id and later.number > editions.number) as has_later
    from unnest(${p.slugs}::text[], ${p.numbers}::int[], ${p.blockKeys}::text[], ${p.authorIds}::int[],
                ${p.idempotencyKeys}::text[]) with ordinality as q(slug, number, block_key, author_id,
                                                                   idempotency_key, i)
    join guides on guides.slug = q.slug
    join editions on editions.guide_id = guides.id and editions.number = q.number`,
)

/** The checks for the posts of one turn (per-turn.ts), each post's row or undefined. */
const checked = perTurn(async (db, posts: readonly PostingQuery[]) => {
  const { rows } = await checks(db, {
    slugs: posts.map((q) => q.slug),
    numbers: posts.map((q) => q.number),
    blockKeys: posts.map((q) => q.blockKey ?? ''),
    authorIds: posts.map((q) => q.authorId),
    idempotencyKeys: posts.map((q) => q.idempotencyKey ?? null),
  })
  const byPost = new Map(rows.map((row) => [row.i, row]))
  return posts.map((_, index) => byPost.get(index + 1))
})

/**
 * In one query, everything posting checks (`checks`), asked for every post of the turn together:
 * every post asks it.
 */
export async function postingContext(db: Db, q: PostingQuery) {
  const row = await checked(db, q)
  if (!row) return undefined
  const {
    i: _,
    editionId,
    editionState,
    opensAt,
    closesAt,
    openSignUp,
    blockText,
    translatedTexts,
    earlierId,
    hasLater,
    ...guide
  } = row
  return {
    guide,
    edition: { id: editionId, number: q.number, state: editionState, opensAt, closesAt },
    openSignUp: openSignUp === true,
    blockText,
    translatedTexts,
    earlierId,
    hasLater,
  }
}

/** One comment to insert, as the batch statement reads it (`jsonb_to_recordset`). */
interface Insertion {
  /** Which of the batch's comments this is (1 for the first). */
  i: number
  guideId: number
  editionId: number
  blockKey: string | null
  parentId: number | null
  authorId: number
  kind: string
  body: string
  html: string
  quote: NewCommentRow['quote']
  state: string
  idempotencyKey: string | null
  proposal: string | null
  redline: NewCommentRow['proposalRedline']
  public: boolean
  onBehalfOf: string | null
  lang: string | null
  editionNumber: number
}

/**
 * Inserts a batch of comments in one statement, each with its event, its author's follow of its
 * paragraph and, for someone new to the guide, their pseudonym there. Each comment's id is taken from
 * the sequence before it is inserted, so each row answered is known for whose it is (`i`) whatever
 * order PostgreSQL returns them in. A comment whose author already used its Idempotency-Key (before,
 * or earlier in the same batch) is not inserted and has no row.
 */
const insertion = prepared(
  (_db, p: { comments: string }) => sql<CommentRow & { i: number }>`
    with input as materialized (
      select r.*, nextval(pg_get_serial_sequence('comments', 'id'))::int as id
      from jsonb_to_recordset(${p.comments}::jsonb) as r(
        i int, "guideId" int, "editionId" int, "blockKey" text, "parentId" int, "authorId" int, kind text,
        body text, html text, quote jsonb, state text, "idempotencyKey" text, proposal text,
        redline jsonb, public boolean, "onBehalfOf" text, lang text, "editionNumber" int)
    ), inserted as (
      insert into comments (id, guide_id, edition_id, block_key, parent_id, author_id, kind, body, html,
                            quote, state, idempotency_key, proposal, proposal_redline, public,
                            on_behalf_of, lang)
      overriding system value
      select id, "guideId", "editionId", "blockKey", "parentId", "authorId", kind, body, html, quote,
             state, "idempotencyKey", proposal, redline, public, "onBehalfOf", lang
      from input order by i
      on conflict (author_id, idempotency_key) do nothing
      returning *
    ), known as (
      select pseudonyms.guide_id, pseudonyms.person_id, pseudonyms.number from pseudonyms
      join (select distinct "guideId", "authorId" from input) asked
        on pseudonyms.guide_id = asked."guideId" and pseudonyms.person_id = asked."authorId"
    ), newcomers as (
      select distinct guide_id, author_id from inserted
      where not exists (select 1 from known
                        where known.guide_id = inserted.guide_id and known.person_id = inserted.author_id)
    ), given as (
      -- The guide's next numbers, only for people new to it: the row lock queues first comments, so
      -- two newcomers at once take different numbers.
      update guides set pseudonyms_given = pseudonyms_given + counted.n
      from (select guide_id, count(*)::int as n from newcomers group by guide_id) counted
      where guides.id = counted.guide_id
      returning guides.id, guides.pseudonyms_given as last, counted.n
    ), numbered as (
      select newcomers.guide_id, newcomers.author_id,
             (given.last - given.n
               + row_number() over (partition by newcomers.guide_id order by newcomers.author_id))::int
               as number
      from newcomers join given on given.id = newcomers.guide_id
    ), named as (
      -- Nothing for someone whose first comment raced in from another request and took a number first:
      -- that one is theirs, and is read once this statement is over (insertAll).
      insert into pseudonyms (guide_id, person_id, number)
      select guide_id, author_id, number from numbered
      on conflict do nothing
      returning guide_id, person_id, number
    ), event as (
      insert into events (edition_id, type, comment_id)
      select edition_id, 'comment.created', id from inserted order by id
      returning comment_id
    ), followed as (
      insert into follows (person_id, guide_id, block_key)
      select distinct author_id, guide_id, block_key from inserted
      on conflict do nothing
    )
    select input.i, inserted.id, inserted.guide_id, inserted.edition_id, inserted.block_key,
           inserted.parent_id, inserted.author_id, inserted.kind, inserted.body, inserted.html,
           inserted.quote, inserted.state, inserted.hidden_reason, inserted.hidden_reason_code,
           inserted.created_at, inserted.updated_at, inserted.decision, inserted.response,
           inserted.duplicate_of, inserted.decided_at, inserted.version, inserted.proposal,
           inserted.proposal_redline, inserted.public, inserted.on_behalf_of, inserted.lang,
           coalesce(known.number, named.number) as pseudonym,
           0 as agreements, false as agreed,
           people.display_name as author_name, people.organisation as author_organisation,
           people.erased_at as author_erased_at, input."editionNumber" as edition_number, false as edited
    from inserted
    join input on input.id = inserted.id
    join event on event.comment_id = inserted.id
    join people on people.id = inserted.author_id
    left join known on known.guide_id = inserted.guide_id and known.person_id = inserted.author_id
    left join named on named.guide_id = inserted.guide_id and named.person_id = inserted.author_id`,
)

async function insertAll(db: Db, comments: readonly Insertion[]): Promise<(CommentRow | undefined)[]> {
  const { rows } = await insertion(db, { comments: JSON.stringify(comments) })
  await pseudonymsTakenMeanwhile(db, rows)
  const byComment = new Map(rows.map(({ i, ...row }) => [i, row]))
  return comments.map((comment) => byComment.get(comment.i))
}

/**
 * A newcomer's first comments posted at once from two requests (two tabs, two workers) each see no
 * pseudonym and number one; the first to commit keeps theirs, and the other's insert of its own
 * waits for it, then stands aside and answers none. The pseudonym the author has is then read here
 * (committed by now), so no answer names a number the guide does not show them under.
 */
async function pseudonymsTakenMeanwhile(db: Db, rows: readonly CommentRow[]): Promise<void> {
  const unnamed = rows.filter((row) => row.pseudonym === null)
  if (unnamed.length === 0) return
  const found = await db
    .selectFrom('pseudonyms')
    .select(['guideId', 'personId', 'number'])
    .where((eb) =>
      eb.or(
        unnamed.map((row) => eb.and([eb('guideId', '=', row.guideId), eb('personId', '=', row.authorId)])),
      ),
    )
    .execute()
  for (const row of unnamed)
    row.pseudonym =
      found.find((p) => p.guideId === row.guideId && p.personId === row.authorId)?.number ?? null
}

/**
 * The comments of one turn, inserted together (per-turn.ts): one statement and one commit for all.
 * Should the batch fail (a comment whose edition went in the meantime, a deadlock with another batch
 * over two guides' counters), each is inserted alone, so one comment's failure is its own.
 */
const inserted = perTurn(async (db, comments: readonly Omit<Insertion, 'i'>[]) => {
  const numbered = comments.map((comment, index) => ({ ...comment, i: index + 1 }))
  try {
    return await insertAll(db, numbered)
  } catch (error) {
    if (numbered.length === 1) throw error
    return Promise.all(
      numbered.map((comment) =>
        insertAll(db, [{ ...comment, i: 1 }]).then(
          ([row]) => row,
          (alone: unknown) => (alone instanceof Error ? alone : new Error(String(alone))),
        ),
      ),
    )
  }
})

/**
 * Inserts a comment, its event, its author's follow of its paragraph (of the guide, for general
 * discussion) and, on their first comment in the guide, their pseudonym there, in one statement with
 * the other comments posted in the same turn, so one commit and one round trip for them all, answering
 * with the comment as `commentView` reads it; the caller announces the event once committed
 * (`announceEvents`). Nothing when the author already used the Idempotency-Key (a race the caller
 * settles by looking the first one up). Every post runs it, so it is a prepared statement
 * (prepared.ts).
 */
export async function insertCommentWithEvent(
  db: Db,
  row: NewCommentRow,
  editionNumber: number,
): Promise<CommentRow | undefined> {
  return inserted(db, {
    guideId: row.guideId,
    editionId: row.editionId,
    blockKey: row.blockKey,
    parentId: row.parentId,
    authorId: row.authorId,
    kind: row.kind,
    body: row.body,
    html: row.html,
    quote: row.quote ?? null,
    state: row.state,
    idempotencyKey: row.idempotencyKey,
    proposal: row.proposal ?? null,
    redline: row.proposalRedline ?? null,
    public: row.public ?? true,
    onBehalfOf: row.onBehalfOf ?? null,
    lang: row.lang ?? null,
    editionNumber,
  })
}
