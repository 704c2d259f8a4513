import { sql, type Kysely } from 'kysely'

/**
 * Notices by email. Each person chooses how (at once, a daily or weekly digest, or not at all; a daily
 * digest until they choose). An address a mail server refused for good is kept apart, and nothing is
 * sent to it again. A notice carries its mail's state: waiting (for its own message or the next
 * digest), handed to the job that mails it, sent, or not to be mailed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_settings (
      person_id integer primary key references people (id) on delete cascade,
      email text not null check (email in ('immediate', 'daily', 'weekly', 'off')),
      updated_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table mail_bounces (
      address text primary key check (address = lower(address)),
      reason text not null,
      bounced_at timestamptz not null default now()
    )`.execute(db)

  await sql`alter table notices add column mail_state text not null default 'waiting' check (mail_state in ('waiting', 'queued', 'sent', 'skipped'))`.execute(
    db,
  )
  await sql`alter table notices add column mail_job_id bigint`.execute(db)
  await sql`alter table notices add column mailed_at timestamptz`.execute(db)
  // Notices written before mail existed are not mailed now.
  await sql`update notices set mail_state = 'skipped'`.execute(db)
  await sql`create index notices_mail_waiting on notices (person_id, id) where mail_state = 'waiting'`.execute(
    db,
  )
  await sql`create index notices_mail_job on notices (mail_job_id) where mail_job_id is not null`.execute(db)

  // A notice written in any transaction wakes the mail sweep at its commit, whoever wrote it.
  await sql`
    create function notices_wake_mail() returns trigger language plpgsql as $$
    begin
      perform pg_notify('gloss_jobs', 'notices');
      return null;
    end $$`.execute(db)
  await sql`
    create trigger notices_wake_mail after insert on notices
    for each statement execute function notices_wake_mail()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger notices_wake_mail on notices`.execute(db)
  await sql`drop function notices_wake_mail`.execute(db)
  await sql`drop index notices_mail_job`.execute(db)
  await sql`drop index notices_mail_waiting`.execute(db)
  await sql`alter table notices drop column mailed_at`.execute(db)
  await sql`alter table notices drop column mail_job_id`.execute(db)
  await sql`alter table notices drop column mail_state`.execute(db)
  await sql`drop table mail_bounces`.execute(db)
  await sql`drop table mail_settings`.execute(db)
}
