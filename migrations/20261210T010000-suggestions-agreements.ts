import { sql, type Kysely } from 'kysely'

/**
 * Suggested wording (a comment of kind `suggestion` carries its `proposal`, and the redline of its
 * paragraph with the proposal applied, worked out once on posting since the paragraph never changes),
 * agreement with a comment (one per person), and the suggestions editors accepted into a working draft,
 * which the draft's page and "what happened to my comments" read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The check the comments migration made is the one PostgreSQL named after the column.
  await sql`alter table comments drop constraint comments_kind_check`.execute(db)
  await sql`alter table comments add constraint comments_kind_check
    check (kind in ('comment', 'reflection', 'example', 'suggestion'))`.execute(db)
  await sql`alter table comments add column proposal text`.execute(db)
  await sql`alter table comments add column proposal_redline jsonb`.execute(db)
  // A suggestion always has its words; no other kind has any.
  await sql`alter table comments add constraint comments_proposal_kind
    check ((kind = 'suggestion') = (proposal is not null) and (proposal is null) = (proposal_redline is null))`.execute(
    db,
  )
  await sql`alter table comment_revisions add column proposal text`.execute(db)

  await sql`
    create table agreements (
      comment_id integer not null references comments (id),
      person_id integer not null references people (id),
      created_at timestamptz not null default now(),
      primary key (comment_id, person_id)
    )`.execute(db)
  await sql`create index agreements_person on agreements (person_id)`.execute(db)

  await sql`
    create table acceptances (
      comment_id integer primary key references comments (id),
      guide_id integer not null references guides (id),
      base_edition_id integer not null references editions (id),
      block_key text not null,
      before_markdown text not null,
      after_markdown text not null,
      accepted_by integer not null references people (id),
      accepted_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index acceptances_guide on acceptances (guide_id, base_edition_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table acceptances`.execute(db)
  await sql`drop table agreements`.execute(db)
  await sql`alter table comment_revisions drop column proposal`.execute(db)
  await sql`alter table comments drop constraint comments_proposal_kind`.execute(db)
  await sql`alter table comments drop column proposal_redline`.execute(db)
  await sql`alter table comments drop column proposal`.execute(db)
  await sql`alter table comments drop constraint comments_kind_check`.execute(db)
  await sql`alter table comments add constraint comments_kind_check
    check (kind in ('comment', 'reflection', 'example'))`.execute(db)
}
