import { sql, type Kysely } from 'kysely'

/**
 * The language a comment is written in (SPEC.md, "Languages: English and Welsh"): a comment belongs to
 * its paragraph whichever text it was written beside, and shows in both views marked with its
 * language. Null on comments written before languages were recorded: nobody said, and guessing from
 * the words would mislabel short ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table comments add column lang text check (lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$')
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table comments drop column lang`.execute(db)
}
