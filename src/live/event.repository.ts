import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { carriedShows } from '../comments/carried-shown.repository.ts'

/**
 * Live streams read events by `position`, not by id. Ids are taken at insert time and transactions
 * commit in any order, so a reader going by ids could pass an id whose transaction commits later and
 * never send that event. Positions are handed out here to events already committed, in turn, so a
 * reader that has seen position n has seen every event numbered up to n, and a later commit can only
 * ever get a later position. (Events are written by recordEvent and insertCommentWithEvent.)
 */

/** Taken by every sequencer, in every server process, for the length of its transaction. */
const SEQUENCER_LOCK = 0x676c6f7373

/**
 * Numbers every committed event not yet numbered, after the largest position so far, in id order,
 * and answers the editions they belong to. Sequencers take turns under an advisory lock; what one
 * numbers becomes visible when it commits, and its commit waits for the disk, so a position a stream
 * has sent is never handed out again after a crash.
 */
export async function sequenceEvents(db: Db): Promise<number[]> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`.execute(tx)
    // A statement of its own, so that its snapshot comes after the lock: it sees what the sequencer
    // before it numbered, and every event committed by then.
    const { rows } = await sql<{ editionId: number }>`
      with base as (
        select coalesce(max(position), 0) as b from events
      ), todo as (
        select id, row_number() over (order by id) as n from events where position is null
      ), numbered as (
        update events set position = base.b + todo.n from base, todo
        where events.id = todo.id returning events.edition_id
      )
      select distinct edition_id from numbered`.execute(tx)
    return rows.map((row) => row.editionId)
  })
}

/**
 * Numbered events after a position that an edition's streams send, in order (what a stream has not yet
 * sent): the edition's own, and those recorded on an earlier edition about a comment carried into it
 * and shown there (`carriedShows`), or a reply to one. An event is recorded once, on the comment's own
 * edition, and each edition's streams read what they show, so hiding, deciding or answering a comment
 * reaches every edition showing it without writing a row for each.
 */
export const eventsAfter = async (db: Db, editionId: number, after: number, limit: number) =>
  (
    await sql<{ position: number; type: string; commentId: number | null }>`
      (select position, type, comment_id from events
        where edition_id = ${editionId} and position > ${after}
        order by position limit ${limit})
      union all
      (select e.position, e.type, e.comment_id from events e
        join comments c on c.id = e.comment_id
        join placements on placements.edition_id = ${editionId}
          and placements.comment_id = coalesce(c.parent_id, c.id)
        join comments top on top.id = placements.comment_id
        where e.edition_id <> ${editionId} and e.position > ${after}
          and ${carriedShows('placements', 'top')}
        order by e.position limit ${limit})
      order by position limit ${limit}`.execute(db)
  ).rows

/**
 * Where a new stream on an edition starts: the guide's newest numbered position, since its streams also
 * send events recorded on the guide's other editions (`eventsAfter`); everything numbered up to it has
 * committed, so a stream starting there misses nothing later.
 */
export const lastPosition = async (db: Db, guideId: number) => (await guideEventMarks(db, guideId)).position

/**
 * A guide's newest numbered position, and its newest event id, numbered or not: an event committed while
 * no stream is open anywhere waits unnumbered, but its id already tells that something changed. The
 * position is over all the guide's editions (a comment carried into an edition records its events on
 * the one it was written on); everything numbered up to it has committed, and what is numbered later
 * gets a greater one, so counts taken after reading it, and a stream opened from it, miss nothing between.
 */
export const guideEventMarks = async (db: Db, guideId: number) => {
  const row = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.max('position').as('position'), eb.fn.max('id').as('id')])
    .where('editionId', 'in', (eb) => eb.selectFrom('editions').select('id').where('guideId', '=', guideId))
    .executeTakeFirst()
  return { position: row?.position ?? 0, id: row?.id ?? 0 }
}

/** The guide an edition belongs to (streams on its other editions may show its comments). */
export const guideOfEdition = async (db: Db, editionId: number) =>
  (await db.selectFrom('editions').select('guideId').where('id', '=', editionId).executeTakeFirst())?.guideId
