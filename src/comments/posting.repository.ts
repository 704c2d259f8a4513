import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
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

/**
 * In one query, everything posting checks: the guide and edition, whether sign-up is open, the
 * paragraph's text, a comment already posted with this Idempotency-Key, and whether later editions
 * exist (a comment on an older edition is then carried into them).
 */
export async function postingContext(db: Db, q: PostingQuery) {
  const row = await db
    .selectFrom('guides')
    .innerJoin('editions', 'editions.guideId', 'guides.id')
    .selectAll('guides')
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
        .where('blocks.key', '=', q.blockKey ?? '')
        .as('blockText'),
      // Its words in the edition's other texts: a quote may be taken from whichever is read.
      sql<string[]>`array(select tb.text from translation_blocks tb
        where tb.edition_id = ${eb.ref('editions.id')} and tb.key = ${q.blockKey ?? ''})`.as(
        'translatedTexts',
      ),
      eb
        .selectFrom('comments')
        .select('comments.id')
        .where('comments.authorId', '=', q.authorId)
        .where('comments.idempotencyKey', '=', q.idempotencyKey ?? null)
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
    .where('guides.slug', '=', q.slug)
    .where('editions.number', '=', q.number)
    .executeTakeFirst()
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

/**
 * Inserts a comment, its event, its author's follow of its paragraph (of the guide, for general
 * discussion) and, on their first comment in the guide, their pseudonym there, in one statement, so one commit and one round trip, answering with the comment as
 * `commentView` reads it; the caller announces the event once committed (`announceEvents`). Nothing
 * when the author already used the Idempotency-Key (a race the caller settles by looking the first one up).
 */
export async function insertCommentWithEvent(
  db: Db,
  row: NewCommentRow,
  editionNumber: number,
): Promise<CommentRow | undefined> {
  const quote = row.quote ? JSON.stringify(row.quote) : null
  const redline = row.proposalRedline ? JSON.stringify(row.proposalRedline) : null
  const { rows } = await sql<CommentRow>`
    with inserted as (
      insert into comments (guide_id, edition_id, block_key, parent_id, author_id, kind, body, html, quote, state,
                            idempotency_key, proposal, proposal_redline, public, on_behalf_of, lang)
      values (${row.guideId}, ${row.editionId}, ${row.blockKey}, ${row.parentId}, ${row.authorId}, ${row.kind},
              ${row.body}, ${row.html}, ${quote}::jsonb, ${row.state}, ${row.idempotencyKey}, ${row.proposal ?? null},
              ${redline}::jsonb, ${row.public ?? true}, ${row.onBehalfOf ?? null}, ${row.lang ?? null})
      on conflict (author_id, idempotency_key) do nothing
      returning *
    ), known as (
      select number from pseudonyms where guide_id = ${row.guideId} and person_id = ${row.authorId}
    ), given as (
      -- The guide's next number, only for someone new to it: the row lock queues first comments, so
      -- two newcomers at once take different numbers.
      update guides set pseudonyms_given = pseudonyms_given + 1
      where id = ${row.guideId} and not exists (select 1 from known) and exists (select 1 from inserted)
      returning pseudonyms_given as number
    ), named as (
      insert into pseudonyms (guide_id, person_id, number)
      select ${row.guideId}, ${row.authorId}, number from given
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
           people.erased_at as author_erased_at, ${editionNumber}::int as edition_number, false as edited
    from inserted
    join event on true
    join people on people.id = inserted.author_id`.execute(db)
  return rows[0]
}
