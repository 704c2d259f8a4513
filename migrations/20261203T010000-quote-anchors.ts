import { sql, type Kysely } from 'kysely'

/**
 * Where a carried comment's quoted words are in each later edition, found when that edition is made:
 * the words there (or, when gone, the words looked for, so the next edition looks for them again) and
 * how they were found. And who put the comment where it shows: lineage, or an editor who moved it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table placements add column quote jsonb`.execute(db)
  await sql`alter table placements add column quote_status text check (quote_status in ('exact', 'fuzzy', 'gone'))`.execute(
    db,
  )
  await sql`alter table placements add column placed_by text not null default 'lineage' check (placed_by in ('lineage', 'editor'))`.execute(
    db,
  )
  // Placements made before this: the quote as written, exact where the block still has its words
  // (compared as quotes are checked, white space collapsed), else gone; later editions locate afresh.
  await sql`
    update placements set quote = comments.quote,
      quote_status = case when exists (
        select 1 from blocks
        where blocks.edition_id = placements.edition_id and blocks.key = placements.block_key
          and strpos(regexp_replace(blocks.text, '[[:space:]]+', ' ', 'g'), comments.quote ->> 'exact') > 0
      ) then 'exact' else 'gone' end
    from comments
    where comments.id = placements.comment_id and comments.quote is not null`.execute(db)
  // A quote and its status come together.
  await sql`alter table placements add constraint placements_quote_status check ((quote is null) = (quote_status is null))`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table placements drop constraint placements_quote_status`.execute(db)
  await sql`alter table placements drop column placed_by`.execute(db)
  await sql`alter table placements drop column quote_status`.execute(db)
  await sql`alter table placements drop column quote`.execute(db)
}
