import { sql, type Kysely } from 'kysely'

/**
 * Words quoted from an edition's translation (a Welsh reader quotes the Welsh) are looked for in each
 * later edition's text in their language, which an edition gets only after it is made: until then a
 * placement keeps the words to look for with no status (src/editions/quote-language.ts). Before this,
 * they were looked for in the other language's text and marked gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table placements drop constraint placements_quote_status`.execute(db)
  // A status only with a quote; a quote may wait without one.
  await sql`alter table placements add constraint placements_quote_status check (quote is not null or quote_status is null)`.execute(
    db,
  )
  // Placements marked gone for words that were in a translation of the comment's own edition and not in
  // its own text: found again, word for word, where the placement's edition has them in that language;
  // else waiting for it. (Compared as quotes are checked, white space collapsed.)
  await sql`
    with translated as (
      select placements.comment_id, placements.edition_id, placements.block_key, tb.lang,
             comments.quote ->> 'exact' as exact
      from placements
      join comments on comments.id = placements.comment_id
      join translation_blocks tb on tb.edition_id = comments.edition_id and tb.key = comments.block_key
      where placements.quote_status = 'gone' and placements.block_key is not null
        and comments.quote is not null
        and strpos(regexp_replace(tb.text, '[[:space:]]+', ' ', 'g'), comments.quote ->> 'exact') > 0
        and not exists (
          select 1 from blocks b
          where b.edition_id = comments.edition_id and b.key = comments.block_key
            and strpos(regexp_replace(b.text, '[[:space:]]+', ' ', 'g'), comments.quote ->> 'exact') > 0)
    )
    update placements set
      quote = case when found.comment_id is null then placements.quote
                   else jsonb_build_object('exact', translated.exact) end,
      quote_status = case when found.comment_id is not null then 'exact'
                          when has_text.edition_id is null then null
                          else 'gone' end
    from translated
    left join edition_translations has_text
      on has_text.edition_id = translated.edition_id and has_text.lang = translated.lang
    left join lateral (
      select translated.comment_id from translation_blocks here
      where here.edition_id = translated.edition_id and here.lang = translated.lang
        and here.key = translated.block_key
        and strpos(regexp_replace(here.text, '[[:space:]]+', ' ', 'g'), translated.exact) > 0
      limit 1
    ) found on true
    where placements.comment_id = translated.comment_id and placements.edition_id = translated.edition_id`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Waiting quotes become gone again, as they were shown before.
  await sql`update placements set quote_status = 'gone' where quote is not null and quote_status is null`.execute(
    db,
  )
  await sql`alter table placements drop constraint placements_quote_status`.execute(db)
  await sql`alter table placements add constraint placements_quote_status check ((quote is null) = (quote_status is null))`.execute(
    db,
  )
}
