import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table guides (
      id integer generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
      title text not null,
      summary text not null default '',
      lang text not null default 'en',
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table editions (
      id integer generated always as identity primary key,
      guide_id integer not null references guides (id),
      number integer not null check (number >= 1),
      state text not null check (state in ('draft', 'open', 'closed', 'published')),
      title text not null,
      opens_at timestamptz,
      closes_at timestamptz,
      source text not null,
      content_hash text not null,
      page_html text not null,
      block_count integer not null,
      created_at timestamptz not null default now(),
      published_at timestamptz,
      unique (guide_id, number),
      check (closes_at is null or opens_at is null or closes_at > opens_at)
    )`.execute(db)

  await sql`
    create table blocks (
      edition_id integer not null references editions (id),
      ordinal integer not null check (ordinal >= 0),
      key text not null,
      kind text not null,
      number text not null,
      markdown text not null,
      html text not null,
      text text not null,
      hash text not null,
      section_path text[] not null,
      primary key (edition_id, ordinal),
      unique (edition_id, key)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table blocks`.execute(db)
  await sql`drop table editions`.execute(db)
  await sql`drop table guides`.execute(db)
}
