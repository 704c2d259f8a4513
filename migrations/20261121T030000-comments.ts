import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table comments (
      id integer generated always as identity primary key,
      guide_id integer not null references guides (id),
      edition_id integer not null references editions (id),
      block_key text,
      parent_id integer references comments (id),
      author_id integer not null references people (id),
      kind text not null check (kind in ('comment', 'reflection', 'example')),
      body text not null check (length(body) between 1 and 10000),
      html text not null,
      quote jsonb,
      state text not null check (state in ('published', 'pending', 'hidden', 'withdrawn')),
      hidden_reason text,
      idempotency_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (author_id, idempotency_key)
    )`.execute(db)
  await sql`create index comments_edition_block on comments (edition_id, block_key, id)`.execute(db)
  await sql`create index comments_parent on comments (parent_id)`.execute(db)
  await sql`create index comments_author on comments (author_id)`.execute(db)

  // Every earlier wording of a comment, kept when its author edits it: nothing anyone wrote is lost.
  await sql`
    create table comment_revisions (
      id integer generated always as identity primary key,
      comment_id integer not null references comments (id),
      body text not null,
      html text not null,
      quote jsonb,
      kind text not null,
      replaced_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index comment_revisions_comment on comment_revisions (comment_id)`.execute(db)

  await sql`
    create table flags (
      id integer generated always as identity primary key,
      comment_id integer not null references comments (id),
      person_id integer not null references people (id),
      reason text not null check (length(reason) between 1 and 1000),
      resolved_at timestamptz,
      created_at timestamptz not null default now(),
      unique (comment_id, person_id)
    )`.execute(db)

  // Live updates: written in the comment's transaction, numbered per database, replayed by Last-Event-ID.
  await sql`
    create table events (
      id bigint generated always as identity primary key,
      edition_id integer not null references editions (id),
      type text not null,
      comment_id integer references comments (id),
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index events_edition on events (edition_id, id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['events', 'flags', 'comment_revisions', 'comments'])
    await sql`drop table ${sql.table(table)}`.execute(db)
}
