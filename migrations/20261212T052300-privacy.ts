import { sql, type Kysely } from 'kysely'

/**
 * Privacy: each comment says whether it may be published (`public`; false: only its author and the
 * guide's editors see it) and whom its author responds for (`on_behalf_of`, an organisation's name);
 * each guide says how names show to the public (`names`: full, pseudonym or none; new guides start with
 * pseudonyms), and keeps a stable pseudonym per person, numbered in the order people first took part.
 *
 * `names_public` was the guide's old yes/no; it stays, computed from `names`, so code that only asks
 * "are full names shown?" keeps working, and nothing can write a value that disagrees.
 *
 * Pseudonyms are rows rather than something worked out from ids, so they cannot be guessed, survive an
 * instance export and restore unchanged, and are what retention will put in place of names.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table comments add column public boolean not null default true`.execute(db)
  await sql`alter table comments add column on_behalf_of text
    check (on_behalf_of is null or char_length(on_behalf_of) between 1 and 200)`.execute(db)
  await sql`create index comments_on_behalf_of on comments (edition_id) where on_behalf_of is not null`.execute(
    db,
  )

  await sql`alter table guides add column names text not null default 'pseudonym'
    check (names in ('full', 'pseudonym', 'none'))`.execute(db)
  await sql`update guides set names = case when names_public then 'full' else 'none' end`.execute(db)
  await sql`alter table guides drop column names_public`.execute(db)
  await sql`alter table guides add column names_public boolean generated always as (names = 'full') stored`.execute(
    db,
  )
  await sql`alter table guides alter column names_public set not null`.execute(db)
  // The last pseudonym number given in the guide: taking the next one updates this row, so two people
  // taking part for the first time at once queue on it instead of both taking the same number.
  await sql`alter table guides add column pseudonyms_given integer not null default 0`.execute(db)

  await sql`
    create table pseudonyms (
      guide_id integer not null references guides (id),
      person_id integer not null references people (id),
      number integer not null check (number > 0),
      created_at timestamptz not null default now(),
      primary key (guide_id, person_id),
      unique (guide_id, number)
    )`.execute(db)
  await sql`create index pseudonyms_person on pseudonyms (person_id)`.execute(db)
  // Everyone who has already taken part, numbered by their first comment in each guide.
  await sql`
    insert into pseudonyms (guide_id, person_id, number, created_at)
    select guide_id, author_id, row_number() over (partition by guide_id order by min(id)), min(created_at)
    from comments group by guide_id, author_id`.execute(db)
  await sql`update guides set pseudonyms_given = coalesce((select max(number) from pseudonyms p where p.guide_id = guides.id), 0)`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table pseudonyms`.execute(db)
  await sql`alter table guides drop column pseudonyms_given`.execute(db)
  await sql`alter table guides drop column names_public`.execute(db)
  await sql`alter table guides add column names_public boolean not null default false`.execute(db)
  await sql`update guides set names_public = (names = 'full')`.execute(db)
  await sql`alter table guides drop column names`.execute(db)
  await sql`drop index comments_on_behalf_of`.execute(db)
  await sql`alter table comments drop column on_behalf_of`.execute(db)
  await sql`alter table comments drop column public`.execute(db)
}
