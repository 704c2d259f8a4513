import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // The audit log stays append-only with one exception: erasing an account takes its email out of the
  // entries that name it (failed sign-ins, setup). Erasure sets `gloss.audit_erasure` for its own
  // transaction only, and even then only the subject and detail of a row may change.
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and current_setting('gloss.audit_erasure', true) = 'on'
        and new.id = old.id and new.at = old.at and new.action = old.action
        and new.actor_id is not distinct from old.actor_id
        and new.guide_id is not distinct from old.guide_id
        and new.address = old.address then
        return new;
      end if;
      raise exception 'the audit log is append-only' using errcode = '42501';
    end $$`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = '42501';
    end $$`.execute(db)
}
