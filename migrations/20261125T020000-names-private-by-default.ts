import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A new guide keeps reviewers' names from the public until its editors choose to show them (SPEC.md:
  // new guides are not named in full). Guides that exist keep the choice they have.
  await sql`alter table guides alter column names_public set default false`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guides alter column names_public set default true`.execute(db)
}
