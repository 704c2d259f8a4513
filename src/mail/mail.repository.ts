import { randomBytes } from 'node:crypto'
import { sql, type ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { DB } from '../platform/db/schema.ts'
import type { EmailChoice } from '../kernel/words.ts'
import { stillVisible } from '../notifications/notice-visibility.repository.ts'

/** A person's choice as mail reads it: no row is a daily digest (SPEC.md's default). */
const choiceOf = (eb: ExpressionBuilder<DB, 'notices'>) =>
  eb.fn.coalesce(
    eb
      .selectFrom('mailSettings')
      .select('mailSettings.email')
      .whereRef('mailSettings.personId', '=', 'notices.personId'),
    sql<EmailChoice>`'daily'`,
  )

/** Past this a waiting notice is not mailed at all: mail switched on late must not send a backlog. */
const STALE = sql<Date>`now() - interval '8 days'`

/**
 * Waiting notices that will never be mailed are marked so: their person chose no email, was erased, has
 * no address, or the address bounced; or the notice waited too long.
 */
export const skipUnmailable = (db: Db) =>
  db
    .updateTable('notices')
    .set({ mailState: 'skipped' })
    .where('mailState', '=', 'waiting')
    .where((eb) =>
      eb.or([
        eb(choiceOf(eb), '=', 'off'),
        eb('createdAt', '<', STALE),
        eb.exists(
          eb
            .selectFrom('people')
            .select('people.id')
            .whereRef('people.id', '=', 'notices.personId')
            .where((p) =>
              p.or([
                p('people.erasedAt', 'is not', null),
                p('people.email', 'is', null),
                p.exists(
                  p
                    .selectFrom('mailBounces')
                    .select('address')
                    .whereRef('mailBounces.address', '=', 'people.email'),
                ),
              ]),
            ),
        ),
      ]),
    )
    .execute()

/**
 * Waiting notices to go at once, oldest first: every one of a person who wants each at once, and a
 * reminder that a consultation closes within a day to anyone who gets mail at all. In a digest it
 * would come after the close (a daily one at 08:00 for a close at 06:00, a weekly one days later),
 * when it can no longer help; skipUnmailable has already set aside those of people who want no mail.
 */
export const waitingImmediate = (db: Db, limit: number) =>
  db
    .selectFrom('notices')
    .select(['notices.id', 'notices.personId'])
    .where('mailState', '=', 'waiting')
    .where((eb) =>
      eb.or([eb(choiceOf(eb), '=', 'immediate'), eb('notices.type', '=', 'consultation.closing')]),
    )
    .orderBy('notices.id')
    .limit(limit)
    .execute()

/** People choosing this digest with notices waiting from before `before` (the digest's time). */
export const waitingDigests = (db: Db, choice: 'daily' | 'weekly', before: Date) =>
  db
    .selectFrom('notices')
    .select('notices.personId')
    .distinct()
    .where('mailState', '=', 'waiting')
    .where('createdAt', '<', before)
    .where((eb) => eb(choiceOf(eb), '=', choice))
    .execute()

/** Hands waiting notices to the job mailing them: these ids, or all of a person's from before `before`. */
export const handToJob = (
  db: Db,
  jobId: number,
  which: { ids: readonly number[] } | { personId: number; before: Date },
) => {
  let query = db
    .updateTable('notices')
    .set({ mailState: 'queued', mailJobId: jobId })
    .where('mailState', '=', 'waiting')
  query =
    'ids' in which
      ? query.where('id', 'in', which.ids)
      : query.where('personId', '=', which.personId).where('createdAt', '<', which.before)
  return query.execute()
}

/**
 * A job's notices as its message tells them, oldest first: one whose subject the person may no longer
 * see (a comment since hidden, a draft they lost access to) is left out, by the rule of their list.
 */
export const noticesOfJob = (db: Db, jobId: number) =>
  db
    .selectFrom('notices')
    .innerJoin('guides', 'guides.id', 'notices.guideId')
    .select([
      'notices.id',
      'notices.personId',
      'notices.type',
      'notices.subject',
      'notices.createdAt',
      'guides.slug as guideSlug',
      'guides.title as guideTitle',
    ])
    .where('notices.mailJobId', '=', jobId)
    .where(stillVisible)
    .orderBy('notices.id')
    .execute()

export type MailedNotice = Awaited<ReturnType<typeof noticesOfJob>>[number]

/** Who a message goes to, and whether anything forbids sending to them now. */
export const recipient = (db: Db, personId: number) =>
  db
    .selectFrom('people')
    .select((eb) => [
      'people.id',
      'people.email',
      'people.displayName',
      'people.language',
      'people.erasedAt',
      eb
        .exists(
          eb.selectFrom('mailBounces').select('address').whereRef('mailBounces.address', '=', 'people.email'),
        )
        .as('bounced'),
      eb.fn
        .coalesce(
          eb
            .selectFrom('mailSettings')
            .select('mailSettings.email')
            .whereRef('mailSettings.personId', '=', 'people.id'),
          sql<EmailChoice>`'daily'`,
        )
        .as('choice'),
    ])
    .where('people.id', '=', personId)
    .executeTakeFirst()

/** The job's notices went out (or are not to): their state says so. */
export const settleJobNotices = (db: Db, jobId: number, state: 'sent' | 'skipped') =>
  db
    .updateTable('notices')
    .set({ mailState: state, ...(state === 'sent' ? { mailedAt: sql<Date>`now()` } : {}) })
    .where('mailJobId', '=', jobId)
    .where('mailState', '=', 'queued')
    .execute()

/** A mail server refused this address for good: nothing more goes to it. */
export const recordBounce = (db: Db, address: string, reason: string) =>
  db
    .insertInto('mailBounces')
    .values({ address: address.toLowerCase(), reason: reason.slice(0, 500) })
    .onConflict((oc) => oc.column('address').doNothing())
    .execute()

const LINK_KEY = 'mailLinkKey'

/** The key, if a link was ever signed: checking a link only reads it. */
export const existingMailLinkKey = async (db: Db) =>
  (await db.selectFrom('settings').select('value').where('key', '=', LINK_KEY).executeTakeFirst())?.value as
    string | undefined

/** The instance's key for signing links in mail (unsubscribing), made on first use; the same in every process. */
export async function mailLinkKey(db: Db): Promise<string> {
  const key = await existingMailLinkKey(db)
  if (key) return key
  await db
    .insertInto('settings')
    .values({ key: LINK_KEY, value: JSON.stringify(randomBytes(32).toString('base64url')) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  return (await existingMailLinkKey(db)) ?? ''
}

/** Why and when a mail server refused this address for good, if one did. */
export const bounceOf = (db: Db, address: string) =>
  db
    .selectFrom('mailBounces')
    .select(['reason', 'bouncedAt'])
    .where('address', '=', address.toLowerCase())
    .executeTakeFirst()

/** Its owner says the address works again: mail goes to it once more (a new refusal records it again). */
export const clearBounce = (db: Db, address: string) =>
  db.deleteFrom('mailBounces').where('address', '=', address.toLowerCase()).execute()

export async function bouncedAddress(db: Db, address: string): Promise<boolean> {
  const row = await db
    .selectFrom('mailBounces')
    .select('address')
    .where('address', '=', address.toLowerCase())
    .executeTakeFirst()
  return row !== undefined
}

/** The language chosen by whoever has this address, if anyone does and chose. */
export async function languageOfAddress(db: Db, address: string) {
  const row = await db
    .selectFrom('people')
    .select('language')
    .where(sql<string>`lower(email)`, '=', address.toLowerCase())
    .where('erasedAt', 'is', null)
    .executeTakeFirst()
  return row?.language ?? undefined
}
