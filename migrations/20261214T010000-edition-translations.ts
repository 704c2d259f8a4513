import { sql, type Kysely } from 'kysely'

/**
 * An edition's text in a second language (SPEC.md, "Languages: English and Welsh"), aligned block by
 * block to the edition's own: `blocks` holds, in the edition's order, each block's key with its
 * translated text and HTML, so a paragraph has one key in both languages and its comments belong to
 * it whichever text they were written beside; `page_html` is the text rendered with the same keys on
 * its blocks, as an edition's own page is. One translation per language; a new upload replaces it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table edition_translations (
      edition_id integer not null references editions (id) on delete cascade,
      lang text not null check (lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'),
      title text not null,
      source text not null,
      blocks jsonb not null,
      page_html text not null,
      created_by integer references people (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (edition_id, lang)
    )
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table edition_translations`.execute(db)
}
