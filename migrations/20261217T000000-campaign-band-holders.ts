import { sql, type Kysely } from 'kysely'

/**
 * Each band value of an edition is kept by its first few published top-level comments only
 * (src/campaigns/lsh.ts, `HOLDERS_PER_BAND`, 5 when this was written): the bands' GIN index cannot stop
 * a lookup early, so with every copy of a form letter keeping the same bands each new copy read every
 * earlier one. Texts saved before keep their bands where they are among the first five to have them,
 * in the order the comments were posted; others, and comments not published, keep none (a comment is
 * placed again, and keeps its bands then, when it is published).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    with holding as (
      select t.comment_id, u.band, u.place,
             row_number() over (partition by t.edition_id, u.band order by t.comment_id) as holder
      from campaign_texts t
      join comments c on c.id = t.comment_id and c.state = 'published' and c.parent_id is null
      cross join unnest(t.bands) with ordinality as u (band, place)
    ),
    kept as (
      select comment_id, array_agg(band order by place) as bands
      from holding where holder <= 5 group by comment_id
    )
    update campaign_texts t
    set bands = coalesce((select kept.bands from kept where kept.comment_id = t.comment_id), '{}')
    where t.bands is not null`.execute(db)
}

/** Bands not kept are worked out again when the edition is grouped again; nothing to undo here. */
export async function down(): Promise<void> {}
