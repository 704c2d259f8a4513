import { sql, type Kysely } from 'kysely'

/**
 * Campaigns at volume: a new comment finds its near-duplicates by its MinHash bands
 * (src/campaigns/lsh.ts), looked up in a GIN index over a few integers per comment, instead of pg_trgm's
 * trigram index, whose posting lists for common trigrams ("the", "ing") hold most of an edition's
 * comments and made one lookup cost hundreds of milliseconds at tens of thousands of comments, and
 * whose upkeep was most of grouping a whole edition. Texts saved before have no bands (null) until
 * their edition is grouped again (groupEdition saves them), and meanwhile no new comment finds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table campaign_texts add column bands integer[]`.execute(db)
  // Without the pending list (fastupdate), which every lookup would read through after a bulk insert.
  await sql`create index campaign_texts_bands on campaign_texts using gin (bands) with (fastupdate = off)`.execute(
    db,
  )
  await sql`drop index campaign_texts_trigrams`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index campaign_texts_trigrams on campaign_texts using gin (normalised gin_trgm_ops)`.execute(
    db,
  )
  await sql`drop index campaign_texts_bands`.execute(db)
  await sql`alter table campaign_texts drop column bands`.execute(db)
}
