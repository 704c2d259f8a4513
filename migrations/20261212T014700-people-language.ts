import { sql, type Kysely } from 'kysely'

/**
 * The language a person chose for Gloss's interface (SPEC.md, "Languages: English and Welsh"), so it
 * follows them to any device they sign in on; null until they choose, when their browser's
 * Accept-Language decides.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column language text check (language in ('en', 'cy'))`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people drop column language`.execute(db)
}
