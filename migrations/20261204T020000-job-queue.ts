import { sql, type Kysely } from 'kysely'

/**
 * Work that happens later (mail, digests, reminders), as rows: a job survives a restart, and any number
 * of server processes share the table, each claiming due jobs with FOR UPDATE SKIP LOCKED. A claim
 * holds a job until `locked_until`; a process that dies holding one lets it go when that passes.
 * `key` makes enqueueing idempotent (one job per notice, per digest, per recurring kind).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id bigint generated always as identity primary key,
      kind text not null check (length(kind) between 1 and 100),
      payload jsonb not null default '{}',
      key text unique,
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 10 check (max_attempts >= 1),
      locked_until timestamptz,
      locked_by text,
      last_error text,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      failed_at timestamptz
    )`.execute(db)
  // What a claim scans: the jobs still to do, soonest first.
  await sql`create index jobs_due on jobs (run_at, id) where finished_at is null and failed_at is null`.execute(
    db,
  )
  await sql`create index jobs_failed on jobs (failed_at desc) where failed_at is not null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs`.execute(db)
}
