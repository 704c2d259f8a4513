import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table people (
      id integer generated always as identity primary key,
      email text unique check (email = lower(email) and length(email) <= 254),
      display_name text not null,
      organisation text not null default '',
      description text not null default '',
      password_hash text,
      is_admin boolean not null default false,
      erased_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table sessions (
      id integer generated always as identity primary key,
      person_id integer not null references people (id),
      token_hash text not null unique,
      user_agent text not null default '',
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz
    )`.execute(db)
  await sql`create index sessions_person on sessions (person_id)`.execute(db)

  await sql`
    create table roles (
      guide_id integer not null references guides (id),
      person_id integer not null references people (id),
      role text not null check (role in ('editor', 'reviewer')),
      introduction text not null default '',
      created_at timestamptz not null default now(),
      primary key (guide_id, person_id)
    )`.execute(db)
  await sql`create index roles_person on roles (person_id)`.execute(db)

  await sql`
    create table invitations (
      id integer generated always as identity primary key,
      guide_id integer not null references guides (id),
      role text not null check (role in ('editor', 'reviewer')),
      token_hash text not null unique,
      created_by integer not null references people (id),
      expires_at timestamptz not null,
      max_uses integer not null check (max_uses between 1 and 10000),
      uses integer not null default 0 check (uses <= max_uses),
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index invitations_guide on invitations (guide_id)`.execute(db)

  await sql`
    create table password_resets (
      id integer generated always as identity primary key,
      person_id integer not null references people (id),
      token_hash text not null unique,
      created_by integer not null references people (id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_id integer references people (id),
      action text not null,
      guide_id integer references guides (id),
      subject text not null default '',
      detail jsonb not null default '{}',
      address text not null default ''
    )`.execute(db)
  await sql`create index audit_log_at on audit_log (at desc, id desc)`.execute(db)
  // The audit log is a record: rows are added, never changed or removed.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = '42501';
    end $$`.execute(db)
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db)

  await sql`
    create table rate_limits (
      bucket text primary key,
      window_start timestamptz not null,
      hits integer not null
    )`.execute(db)

  await sql`
    create table settings (
      key text primary key,
      value jsonb not null
    )`.execute(db)

  await sql`alter table guides add column names_public boolean not null default true`.execute(db)
  await sql`alter table guides add column moderation text not null default 'post' check (moderation in ('post', 'pre'))`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table guides drop column moderation`.execute(db)
  await sql`alter table guides drop column names_public`.execute(db)
  for (const table of [
    'settings',
    'rate_limits',
    'audit_log',
    'password_resets',
    'invitations',
    'roles',
    'sessions',
    'people',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
  await sql`drop function audit_log_append_only`.execute(db)
}
