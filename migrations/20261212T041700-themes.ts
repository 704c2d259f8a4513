import { sql, type Kysely } from 'kysely'

/**
 * Themes: what a guide's editors group its feedback under (a name, a description, and the response
 * they give the theme once), and which comments each theme gathers. A theme belongs to the guide, not
 * to an edition, so feedback on every edition of a consultation can be answered together.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table themes (
      id integer generated always as identity primary key,
      guide_id integer not null references guides (id),
      name text not null,
      description text not null default '',
      response text not null default '',
      created_by integer references people (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  // Two themes of one name in a guide would be one theme to its readers.
  await sql`create unique index themes_guide_name on themes (guide_id, lower(name))`.execute(db)
  await sql`
    create table comment_themes (
      comment_id integer not null references comments (id),
      theme_id integer not null references themes (id) on delete cascade,
      tagged_by integer references people (id),
      tagged_at timestamptz not null default now(),
      primary key (comment_id, theme_id)
    )`.execute(db)
  await sql`create index comment_themes_theme on comment_themes (theme_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table comment_themes`.execute(db)
  await sql`drop table themes`.execute(db)
}
