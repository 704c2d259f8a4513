import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // An event's id is taken when it is inserted, but transactions commit in any order: a stream that
  // went by ids would step past an id whose transaction had not yet committed, and never send it. The
  // live streams go by `position` instead, handed out in commit order by the sequencer
  // (src/live/event.repository.ts).
  await sql`alter table events add column position bigint unique`.execute(db)
  // Every event already here is committed: it keeps its id as its position, so a page reconnecting
  // with the id it last saw resumes where it was.
  await sql`update events set position = id`.execute(db)
  await sql`create index events_unsequenced on events (id) where position is null`.execute(db)
  await sql`create index events_edition_position on events (edition_id, position)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index events_edition_position`.execute(db)
  await sql`drop index events_unsequenced`.execute(db)
  await sql`alter table events drop column position`.execute(db)
}
