import { sql, type Kysely } from 'kysely'

/**
 * Retention: a guide may keep its reviewers' personal data for a number of days (at least 30) after
 * its consultation ends, after which a daily job (src/privacy/retention.service.ts) puts the guide's
 * pseudonyms in place of names and clears what else identifies people, and notes when it did.
 * Null days: no period is set and nothing is done by itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guides add column retention_days integer
    check (retention_days is null or retention_days between 30 and 36500)`.execute(db)
  await sql`alter table guides add column retention_applied_at timestamptz`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guides drop column retention_applied_at`.execute(db)
  await sql`alter table guides drop column retention_days`.execute(db)
}
