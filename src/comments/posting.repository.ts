import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { prepared } from '../platform/db/prepared.ts'
import type { CommentRow, NewCommentRow } from './comment.repository.ts'

/**
 * Posting a comment is the hottest write Gloss has, and its time goes on round trips to the database
 * rather than on work: these two statements are all it needs when nothing unusual happens.
 */

export interface PostingQuery {
  slug: string
  number: number
  blockKey: string | null
  authorId: number
  idempotencyKey: string | undefined
}

/** Every column of a guide, by name: a prepared statement names its columns (prepared.ts). */
const GUIDE_COLUMNS = [
  'guides.id',
  'guides.slug',
  'guides.title',
  'guides.summary',
  'guides.lang',
  'guides.names',
  'guides.namesPublic',
  'guides.pseudonymsGiven',
  'guides.moderation',
  'guides.createdAt',
  'guides.publishByDefault',
  'guides.moderationPolicy',
  'guides.retentionDays',
  'guides.retentionAppliedAt',
] as const

const checks = prepared(
  (
    db,
    p: { slug: string; number: number; blockKey: string; authorId: number; idempotencyKey: string | null },
  ) =>
    db
      .selectFrom('guides')
      .innerJoin('editions', 'editions.guideId', 'guides.id')
      .select(GUIDE_COLUMNS)
      .select([
        'editions.id as editionId',
        'editions.state as editionState',
        'editions.opensAt',
        'editions.closesAt',
      ])
      .select((eb) => [
        eb.selectFrom('settings').select('value').where('key', '=', 'openSignUp').as('openSignUp'),
        eb
          .selectFrom('blocks')
          .select('text')
          .whereRef('blocks.editionId', '=', 'editions.id')
          .where('blocks.key', '=', p.blockKey)
          .as('blockText'),
        // Its words in the edition's other texts: a quote may be taken from whichever is read.
        sql<string[]>`array(select tb.text from translation_blocks tb
          where tb.edition_id = ${eb.ref('editions.id')} and tb.key = ${p.blockKey})`.as('translatedTexts'),
        eb
          .selectFrom('comments')
          .select('comments.id')
          .where('comments.authorId', '=', p.authorId)
          .where('comments.idempotencyKey', '=', p.idempotencyKey)
          .as('earlierId'),
        eb
          .exists(
            eb
              .selectFrom('editions as later')
              .select('later.id')
              .whereRef('later.guideId', '=', 'guides.id')
              .whereRef('later.number', '>', 'editions.number'),
          )
          .as('hasLater'),
      ])
      .where('guides.slug', '=', p.slug)
      .where('editions.number', '=', p.number),
)

/**
 * In one query, everything posting checks: the guide and edition, whether sign-up is open, the
 * paragraph's text, a comment already posted with this Idempotency-Key, and whether later editions
 * exist (a comment on an older edition is then carried into them). Every post asks it, so it is a
 * prepared statement.
 */
export async function postingContext(db: Db, q: PostingQuery) {
  const { rows } = await checks(db, {
    slug: q.slug,
    number: q.number,
    blockKey: q.blockKey ?? '',
    authorId: q.authorId,
    idempotencyKey: q.idempotencyKey ?? null,
  })
  const row = rows[0]
  if (!row) return undefined
  const {
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

const insertion = prepared(
  (
    _db,
    p: {
      guideId: number
      editionId: number
      blockKey: string | null
      parentId: number | null
      authorId: number
      kind: string
      body: string
      html: string
      quote: string | null
      state: string
      idempotencyKey: string | null
      proposal: string | null
      redline: string | null
      public: boolean
      onBehalfOf: string | null
      lang: string | null
      editionNumber: number
    },
  ) => sql<CommentRow>`
    with inserted as (
      insert into comments (guide_id, edition_id, block_key, parent_id, author_id, kind, body, html, quote, state,
                            idempotency_key, proposal, proposal_redline, public, on_behalf_of, lang)
      values (${p.guideId}, ${p.editionId}, ${p.blockKey}, ${p.parentId}, ${p.authorId}, ${p.kind},
              ${p.body}, ${p.html}, ${p.quote}::jsonb, ${p.state}, ${p.idempotencyKey}, ${p.proposal},
              ${p.redline}::jsonb, ${p.public}, ${p.onBehalfOf}, ${p.lang})
      on conflict (author_id, idempotency_key) do nothing
      returning *
    ), known as (
      select number from pseudonyms where guide_id = ${p.guideId} and person_id = ${p.authorId}
    ), given as (
      -- The guide's next number, only for someone new to it: the row lock queues first comments, so
      -- two newcomers at once take different numbers.
      update guides set pseudonyms_given = pseudonyms_given + 1
      where id = ${p.guideId} and not exists (select 1 from known) and exists (select 1 from inserted)
      returning pseudonyms_given as number
    ), named as (
      insert into pseudonyms (guide_id, person_id, number)
      select ${p.guideId}, ${p.authorId}, number from given
      on conflict do nothing
    ), event as (
      insert into events (edition_id, type, comment_id)
      select edition_id, 'comment.created', id from inserted
      returning id, edition_id
    ), followed as (
      insert into follows (person_id, guide_id, block_key)
      select author_id, guide_id, block_key from inserted
      on conflict do nothing
    )
    select inserted.id, inserted.guide_id, inserted.edition_id, inserted.block_key, inserted.parent_id,
           inserted.author_id, inserted.kind, inserted.body, inserted.html, inserted.quote, inserted.state,
           inserted.hidden_reason, inserted.hidden_reason_code, inserted.created_at, inserted.updated_at, inserted.decision,
           inserted.response, inserted.duplicate_of, inserted.decided_at, inserted.version,
           inserted.proposal, inserted.proposal_redline, inserted.public, inserted.on_behalf_of, inserted.lang,
           coalesce((select number from known), (select number from given)) as pseudonym,
           0 as agreements, false as agreed,
           people.display_name as author_name, people.organisation as author_organisation,
           people.erased_at as author_erased_at, ${p.editionNumber}::int as edition_number, false as edited
    from inserted
    join event on true
    join people on people.id = inserted.author_id`,
)

/**
 * Inserts a comment, its event, its author's follow of its paragraph (of the guide, for general
 * discussion) and, on their first comment in the guide, their pseudonym there, in one statement, so one
 * commit and one round trip, answering with the comment as `commentView` reads it; the caller announces
 * the event once committed (`announceEvents`). Nothing when the author already used the
 * Idempotency-Key (a race the caller settles by looking the first one up). Every post runs it, so it
 * is a prepared statement (prepared.ts).
 */
export async function insertCommentWithEvent(
  db: Db,
  row: NewCommentRow,
  editionNumber: number,
): Promise<CommentRow | undefined> {
  const { rows } = await insertion(db, {
    guideId: row.guideId,
    editionId: row.editionId,
    blockKey: row.blockKey,
    parentId: row.parentId,
    authorId: row.authorId,
    kind: row.kind,
    body: row.body,
    html: row.html,
    quote: row.quote ? JSON.stringify(row.quote) : null,
    state: row.state,
    idempotencyKey: row.idempotencyKey,
    proposal: row.proposal ?? null,
    redline: row.proposalRedline ? JSON.stringify(row.proposalRedline) : null,
    public: row.public ?? true,
    onBehalfOf: row.onBehalfOf ?? null,
    lang: row.lang ?? null,
    editionNumber,
  })
  return rows[0]
}
