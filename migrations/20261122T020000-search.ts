import { sql, type Kysely } from 'kysely'

/**
 * Full-text search over blocks and comments: a generated tsvector on each, with a GIN index.
 *
 * Why 'english' and 'simple' together, whatever a guide's `lang`: a generated column may use only its
 * own row, so it cannot look up the guide's language. The English configuration finds the words of any
 * alphabetic script: the parser keeps Cyrillic or Greek words whole and the English stemmer, knowing no
 * other alphabet, only lower-cases them; a French or German word is stemmed the English way, the same
 * in the text as in the search, so it still matches. Its stemming lets "consulting" find
 * "consultation" in English guides. Its one blind spot is English stop words: "to be or not to be"
 * leaves no lexeme at all. The 'simple' half keeps every word as written, so such a search still finds
 * something, and exact forms rank a little above stemmed ones. Text without spaces between words
 * (Chinese, Japanese) is matched only by its whole runs: that needs a segmenting parser, which neither
 * PostgreSQL nor PGlite ships.
 *
 * Both are the regconfig-typed, two-argument to_tsvector: the immutable form a generated column needs.
 * Headings weigh more (A) than the text under them (D). Adding a stored generated column rewrites the
 * table once, inside the migration's transaction: about 2 seconds for 20,000 blocks and 5,000 comments
 * on PostgreSQL 15, 5 on PGlite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table blocks add column search tsvector generated always as (
      setweight(
        to_tsvector('english'::regconfig, text) || to_tsvector('simple'::regconfig, text),
        case when kind = 'heading' then 'A'::"char" else 'D'::"char" end
      )
    ) stored`.execute(db)
  await sql`create index blocks_search on blocks using gin (search)`.execute(db)

  await sql`
    alter table comments add column search tsvector generated always as (
      to_tsvector('english'::regconfig, body) || to_tsvector('simple'::regconfig, body)
    ) stored`.execute(db)
  await sql`create index comments_search on comments using gin (search)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index comments_search`.execute(db)
  await sql`alter table comments drop column search`.execute(db)
  await sql`drop index blocks_search`.execute(db)
  await sql`alter table blocks drop column search`.execute(db)
}
