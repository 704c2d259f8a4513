import { sql, type Kysely } from 'kysely'

/**
 * Editors decide privately and release when the team is ready. A draft lives in a table of its own,
 * never on the comment: every page, feed, export, stream and the decision history read the comment's
 * decision, so they show released decisions only without each having to remember to leave drafts out.
 * Releasing copies the draft onto the comment (and into the history) and deletes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table decision_drafts (
      comment_id integer primary key references comments (id),
      decision text not null check (decision in
        ('open', 'accepted', 'partly-accepted', 'not-accepted', 'noted', 'out-of-scope', 'duplicate')),
      response text not null,
      duplicate_of integer references comments (id),
      decided_by integer not null references people (id),
      decided_at timestamptz not null default now()
    )`.execute(db)
  // Whether a decision saved without saying is released at once (SPEC.md: true for new guides, and for
  // the guides that exist, whose decisions have always been public on saving).
  await sql`alter table guides add column publish_by_default boolean not null default true`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guides drop column publish_by_default`.execute(db)
  await sql`drop table decision_drafts`.execute(db)
}
