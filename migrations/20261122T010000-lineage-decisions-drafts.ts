import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Each block of edition n+1 and where it came from in edition n; a `removed` row names a key of
  // edition n with no successor. Ordinals make the `gloss diff --json` shape without a join.
  await sql`
    create table lineage (
      edition_id integer not null references editions (id),
      block_key text not null,
      ordinal integer not null,
      change text not null check (change in
        ('unchanged', 'moved', 'edited', 'moved-edited', 'split', 'merged', 'new', 'removed')),
      from_keys text[] not null,
      from_ordinals integer[] not null,
      similarity real not null check (similarity between 0 and 1),
      primary key (edition_id, block_key)
    )`.execute(db)

  // Where a top-level comment shows in each edition after the one it was written on: a successor
  // block, or null under "comments on removed text". The comment's own edition and block never change.
  await sql`
    create table placements (
      comment_id integer not null references comments (id),
      edition_id integer not null references editions (id),
      block_key text,
      primary key (comment_id, edition_id)
    )`.execute(db)
  await sql`create index placements_edition_block on placements (edition_id, block_key)`.execute(db)

  // The current decision lives on the comment (filters, ETags); every decision ever made is kept here.
  await sql`alter table comments add column decision text not null default 'open' check (decision in
    ('open', 'accepted', 'partly-accepted', 'not-accepted', 'noted', 'out-of-scope', 'duplicate'))`.execute(
    db,
  )
  await sql`alter table comments add column response text not null default ''`.execute(db)
  await sql`alter table comments add column duplicate_of integer references comments (id)`.execute(db)
  await sql`alter table comments add column decided_at timestamptz`.execute(db)
  await sql`alter table comments add column decided_by integer references people (id)`.execute(db)
  // Bumped by every change anyone can see, so an ETag from it is stale the moment the comment changes.
  await sql`alter table comments add column version integer not null default 1`.execute(db)
  await sql`create index comments_guide_decision on comments (guide_id, decision) where parent_id is null`.execute(
    db,
  )

  await sql`
    create table decisions (
      id integer generated always as identity primary key,
      comment_id integer not null references comments (id),
      decision text not null,
      response text not null,
      duplicate_of integer references comments (id),
      decided_by integer not null references people (id),
      decided_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index decisions_comment on decisions (comment_id, id)`.execute(db)

  // The next edition as an editor works on it, block by block or as a whole, before it becomes one.
  await sql`
    create table working_drafts (
      guide_id integer primary key references guides (id),
      base_edition_id integer not null references editions (id),
      source text not null,
      overrides jsonb not null default '[]',
      updated_by integer not null references people (id),
      updated_at timestamptz not null default now()
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['working_drafts', 'decisions', 'placements', 'lineage'])
    await sql`drop table ${sql.table(table)}`.execute(db)
  for (const column of ['version', 'decided_by', 'decided_at', 'duplicate_of', 'response', 'decision'])
    await sql`alter table comments drop column ${sql.ref(column)}`.execute(db)
}
