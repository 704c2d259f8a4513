import { sql, type Kysely } from 'kysely'

/**
 * A block deleted from a working draft can be put back: the draft keeps what it was before the deletion
 * (its text, its lineage corrections, where the block stood) until its next change. Putting back that
 * exact text lets lineage pair the block with the one it was, so its comments land on it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table working_drafts add column undo jsonb`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table working_drafts drop column undo`.execute(db)
}
