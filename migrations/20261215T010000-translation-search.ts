import { sql, type Kysely } from 'kysely'

/**
 * Search over an edition's texts in other languages (SPEC.md: search knows both texts). PostgreSQL has
 * no Welsh, Hebrew or CJK configuration, so a translated block is indexed with `simple` (its words as
 * written, lower-cased; English stems too for an English text), and by pg_trgm's trigrams, which find a
 * word whose first letter a Welsh mutation changed ("drwydded" for "trwydded"). One row per translated
 * block under the block's key, kept with its translation (replaced with it, deleted with it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table translation_blocks (
      edition_id integer not null,
      lang text not null,
      key text not null,
      ordinal integer not null,
      text text not null,
      search tsvector generated always as (
        case when lang ~ '^en($|-)'
          then to_tsvector('english'::regconfig, text) || to_tsvector('simple'::regconfig, text)
          else to_tsvector('simple'::regconfig, text)
        end
      ) stored,
      primary key (edition_id, lang, key),
      foreign key (edition_id, lang) references edition_translations (edition_id, lang) on delete cascade
    )
  `.execute(db)
  await sql`create index translation_blocks_search on translation_blocks using gin (search)`.execute(db)
  await sql`create index translation_blocks_trigrams on translation_blocks using gin (text gin_trgm_ops)`.execute(
    db,
  )
  await sql`
    insert into translation_blocks (edition_id, lang, key, ordinal, text)
    select t.edition_id, t.lang, b.value ->> 'key', (b.ordinality - 1)::integer, b.value ->> 'text'
    from edition_translations t, jsonb_array_elements(t.blocks) with ordinality as b(value, ordinality)
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table translation_blocks`.execute(db)
}
