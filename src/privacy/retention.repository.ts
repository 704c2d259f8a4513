import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Tx } from '../platform/db/transaction.ts'

/**
 * When a guide's consultation ended, for its retention clock: its newest edition that is not a draft,
 * once it is closed or published, at the later of its closing and its publication. Null while an
 * edition is open for comment, or before any has closed.
 */
const consultationEnd = sql<Date | null>`(
  select case when e.state in ('closed', 'published') then greatest(e.closes_at, e.published_at) end
  from editions e
  where e.guide_id = g.id and e.state <> 'draft'
  order by e.number desc
  limit 1
)`

/** A guide's retention as its privacy notice tells it. */
export const retentionOf = (db: Db, guideId: number) =>
  db
    .selectFrom('guides as g')
    .select(['g.retentionDays', 'g.retentionAppliedAt', consultationEnd.as('endedAt')])
    .where('g.id', '=', guideId)
    .executeTakeFirstOrThrow()

/**
 * Whether retention is due on the guide `g` at `now`: its period has run out since its consultation
 * ended, and either retention has not touched the guide since then (never, or before a later edition
 * closed) or something it clears is back in the record: full names shown (a change made while
 * retention ran), or an organisation named on a comment.
 */
const retentionDue = (now: Date) => sql<boolean>`(
  g.retention_days is not null
  and ${consultationEnd} + make_interval(days => g.retention_days) <= ${now}
  and (
    g.retention_applied_at is null
    or g.retention_applied_at < ${consultationEnd}
    or g.names = 'full'
    or exists (select 1 from comments c where c.guide_id = g.id and c.on_behalf_of is not null)
  )
)`

/** Guides whose retention period has run out with something in their record still to be done: one query for them all. */
export const guidesDueForRetention = (db: Db, now: Date) =>
  db
    .selectFrom('guides as g')
    .select(['g.id', 'g.slug', 'g.retentionDays'])
    .where(retentionDue(now))
    .orderBy('g.id')
    .execute()

/**
 * Applies retention to one guide in the caller's transaction, in the same five statements however many
 * comments it holds: locks the guide (a second run waits, then finds nothing due), gives a pseudonym to
 * every author who lacks one, puts pseudonyms where full names were shown, clears the organisations
 * comments were sent for and the addresses in the guide's queued invitation mail. It runs again for what
 * a later consultation added once that one's period has run out. Undefined when nothing is due.
 */
export async function applyRetention(tx: Tx, guideId: number, now: Date) {
  const guide = await tx
    .selectFrom('guides as g')
    .select(['g.id', 'g.names'])
    .where('g.id', '=', guideId)
    .where(retentionDue(now))
    .forUpdate()
    .executeTakeFirst()
  if (!guide) return undefined
  // Authors from before pseudonyms were kept (or a restored record) get theirs now, numbered after the last.
  const given = await sql<{ given: number }>`
    with missing as (
      select c.author_id, min(c.id) as first_id from comments c
      where c.guide_id = ${guideId}
        and not exists (select 1 from pseudonyms p where p.guide_id = c.guide_id and p.person_id = c.author_id)
      group by c.author_id
    ), numbered as (
      insert into pseudonyms (guide_id, person_id, number)
      select ${guideId}, author_id, (select pseudonyms_given from guides where id = ${guideId})
        + row_number() over (order by first_id)
      from missing
      returning number
    )
    update guides set pseudonyms_given = greatest(pseudonyms_given, coalesce((select max(number) from numbered), 0)),
      names = case when names = 'full' then 'pseudonym' else names end,
      retention_applied_at = ${now}
    where id = ${guideId}
    returning (select count(*)::int from numbered) as given`.execute(tx)
  const organisations = await tx
    .updateTable('comments')
    .set({ onBehalfOf: null })
    .where('guideId', '=', guideId)
    .where('onBehalfOf', 'is not', null)
    .executeTakeFirst()
  const addresses = await sql`
    update jobs set payload = payload - 'address' - 'url'
    where kind = 'mail.invitation' and payload ? 'address'
      and (payload ->> 'invitationId')::int in (select id from invitations where guide_id = ${guideId})`.execute(
    tx,
  )
  return {
    namesBefore: guide.names,
    pseudonymsGiven: given.rows[0]?.given ?? 0,
    organisationsCleared: Number(organisations.numUpdatedRows),
    addressesCleared: Number(addresses.numAffectedRows ?? 0n),
  }
}
