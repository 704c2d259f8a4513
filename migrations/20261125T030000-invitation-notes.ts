import { sql, type Kysely } from 'kysely'

/**
 * An invitation link is copied and sent by hand, so the editors keep a note of whom each was for
 * ("parish clerks in the north"); the list of links is otherwise a row of identical roles and dates.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table invitations add column note text not null default ''
      constraint invitations_note_length check (char_length(note) <= 200)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table invitations drop column note`.execute(db)
}
