import { sql, type Kysely } from 'kysely'

/**
 * Following and notices (SPEC.md, "Following and notifications"). A follow is of a whole guide or of a
 * paragraph by its key, so it holds across editions. A notice is written once per person and cause:
 * its dedupe key names the cause (`comment.replied:<replyId>`), and a second write of it does nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table follows (
      id integer generated always as identity primary key,
      person_id integer not null references people (id) on delete cascade,
      guide_id integer not null references guides (id) on delete cascade,
      block_key text,
      created_at timestamptz not null default now()
    )`.execute(db)
  // A null key is the whole guide; following it twice is one follow, as for a paragraph.
  await sql`create unique index follows_once on follows (person_id, guide_id, coalesce(block_key, ''))`.execute(
    db,
  )
  await sql`create index follows_by_guide on follows (guide_id, block_key)`.execute(db)

  await sql`
    create table notices (
      id integer generated always as identity primary key,
      person_id integer not null references people (id) on delete cascade,
      guide_id integer not null references guides (id) on delete cascade,
      type text not null check (type in (
        'comment.replied', 'comment.decided', 'block.revised',
        'consultation.opened', 'consultation.closing', 'edition.published'
      )),
      subject jsonb not null,
      dedupe_key text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (person_id, dedupe_key)
    )`.execute(db)
  await sql`create index notices_newest on notices (person_id, created_at desc, id desc)`.execute(db)
  await sql`create index notices_unread on notices (person_id) where read_at is null`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notices`.execute(db)
  await sql`drop table follows`.execute(db)
}
