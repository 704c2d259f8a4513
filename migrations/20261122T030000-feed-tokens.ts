import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A feed reader carries no cookie: a person's own feed is addressed by a secret, one per person, of
  // which only the hash is kept. Making a new one replaces the row, so the old address stops working.
  await sql`
    create table feed_tokens (
      person_id integer primary key references people (id),
      token_hash text not null unique,
      created_at timestamptz not null default now()
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table feed_tokens`.execute(db)
}
