import { sql, type Kysely } from 'kysely'

/**
 * Open event streams serve what their viewer may see, so every server process must hear at once when a
 * session ends or a person's roles or admin flag change (src/live/viewer-watch.ts). Triggers catch every
 * writer: the API, the pages, the command line and a restore. The notice goes on the events channel, so
 * it reaches each process on the same connection as, and in commit order with, the comment events, and
 * a pending comment posted after a role was removed is never handed out before the removal is read.
 *
 * These NOTIFY inside their transaction, unlike comment events (src/live/announce.ts): signing out and
 * changing roles are rare, so the notify-queue lock they take at commit costs nothing measurable, and the
 * notice is sent only if the change commits.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function notify_viewer_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('gloss_events', '{"viewers":true}');
      return null;
    end $$`.execute(db)
  await sql`
    create trigger sessions_viewer_change after update of revoked_at, expires_at or delete on sessions
    for each statement execute function notify_viewer_change()`.execute(db)
  await sql`
    create trigger people_viewer_change after update of is_admin, erased_at or delete on people
    for each statement execute function notify_viewer_change()`.execute(db)
  await sql`
    create trigger roles_viewer_change after insert or update or delete on roles
    for each statement execute function notify_viewer_change()`.execute(db)
  for (const table of ['sessions', 'people', 'roles']) {
    await sql`
      create trigger ${sql.id(`${table}_viewer_truncate`)} after truncate on ${sql.table(table)}
      for each statement execute function notify_viewer_change()`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sessions', 'people', 'roles']) {
    await sql`drop trigger ${sql.id(`${table}_viewer_truncate`)} on ${sql.table(table)}`.execute(db)
  }
  await sql`drop trigger roles_viewer_change on roles`.execute(db)
  await sql`drop trigger people_viewer_change on people`.execute(db)
  await sql`drop trigger sessions_viewer_change on sessions`.execute(db)
  await sql`drop function notify_viewer_change()`.execute(db)
}
