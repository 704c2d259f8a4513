import { sql, type Kysely } from 'kysely'

/**
 * Campaigns: near-identical comments on one edition from three or more people, answered once.
 * `campaign_texts` holds each top-level comment's normalised body (src/campaigns/normalise.ts), with a
 * trigram index so a new comment finds its near-duplicates without reading the edition; `campaigns`
 * holds the decision a campaign was given, which a comment joining later gets too; a member split out
 * by an editor keeps its row (`split_out_at`), so it never joins again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db)
  await sql`
    create table campaign_texts (
      comment_id integer primary key references comments (id),
      edition_id integer not null references editions (id),
      normalised text not null
    )`.execute(db)
  await sql`create index campaign_texts_trigrams on campaign_texts using gin (normalised gin_trgm_ops)`.execute(
    db,
  )
  await sql`create index campaign_texts_edition on campaign_texts (edition_id, md5(normalised))`.execute(db)
  await sql`
    create table campaigns (
      id integer generated always as identity primary key,
      edition_id integer not null references editions (id),
      representative_id integer not null references comments (id),
      created_at timestamptz not null default now(),
      decision text check (decision in ('open', 'accepted', 'partly-accepted', 'not-accepted', 'noted', 'out-of-scope', 'duplicate')),
      response text not null default '',
      duplicate_of integer references comments (id),
      decided_by integer references people (id),
      decided_at timestamptz,
      decision_draft boolean not null default false
    )`.execute(db)
  await sql`create index campaigns_edition on campaigns (edition_id)`.execute(db)
  await sql`
    create table campaign_members (
      comment_id integer primary key references comments (id),
      campaign_id integer not null references campaigns (id),
      joined_at timestamptz not null default now(),
      split_out_at timestamptz,
      split_out_by integer references people (id)
    )`.execute(db)
  await sql`create index campaign_members_campaign on campaign_members (campaign_id) where split_out_at is null`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table campaign_members`.execute(db)
  await sql`drop table campaigns`.execute(db)
  await sql`drop table campaign_texts`.execute(db)
}
