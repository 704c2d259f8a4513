import { sql, type Kysely } from 'kysely'

/**
 * The audit log stays append-only with two exceptions, each set for its own transaction only: erasure
 * (`gloss.audit_erasure`) may change an entry's subject and detail; address expiry
 * (`gloss.audit_address_expiry`, src/privacy/address-expiry.service.ts) may only blank an entry's
 * network address, once it is older than the instance keeps addresses. Nothing else ever changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and new.id = old.id and new.at = old.at and new.action = old.action
        and new.actor_id is not distinct from old.actor_id
        and new.guide_id is not distinct from old.guide_id then
        if current_setting('gloss.audit_erasure', true) = 'on' and new.address = old.address then
          return new;
        end if;
        if current_setting('gloss.audit_address_expiry', true) = 'on' and new.address = ''
          and new.subject = old.subject and new.detail is not distinct from old.detail then
          return new;
        end if;
      end if;
      raise exception 'the audit log is append-only' using errcode = '42501';
    end $$`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
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
