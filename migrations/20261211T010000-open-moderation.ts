import { sql, type Kysely } from 'kysely'

/**
 * Open moderation: a hidden comment carries a reason code beside its words (comments hidden before
 * codes existed get `other`), and each guide may write its own moderation policy (null: the default).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table comments add column hidden_reason_code text check (hidden_reason_code in ('off-topic', 'abusive', 'personal-data', 'spam', 'duplicate', 'other'))`.execute(
    db,
  )
  await sql`update comments set hidden_reason_code = 'other' where state = 'hidden'`.execute(db)
  await sql`alter table comments add constraint comments_hidden_has_code check (state <> 'hidden' or hidden_reason_code is not null)`.execute(
    db,
  )
  await sql`alter table guides add column moderation_policy text`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guides drop column moderation_policy`.execute(db)
  await sql`alter table comments drop constraint comments_hidden_has_code`.execute(db)
  await sql`alter table comments drop column hidden_reason_code`.execute(db)
}
