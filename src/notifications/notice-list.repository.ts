import { sql, type ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { DB } from '../platform/db/schema.ts'
import type { NoticeType } from '../kernel/words.ts'

/**
 * A notice stays only while its subject is still the person's to see, decided as each list is read (in
 * the list's one query): a comment hidden or withdrawn since is gone, and so is anything on a draft
 * edition once the person is no longer an admin or an editor of its guide (the rule of
 * people/policy.ts), or on anything once they are erased.
 */
const stillVisible = (eb: ExpressionBuilder<DB, 'notices'>) =>
  eb.and([
    eb.not(
      eb.exists(
        eb
          .selectFrom('comments')
          .select('comments.id')
          .where(sql<boolean>`comments.id = (notices.subject ->> 'commentId')::int`)
          .where((c) =>
            c.or([
              c('comments.state', '<>', 'published'),
              // Kept for the editors since: no longer anyone else's to see (src/people/policy.ts).
              c.and([
                c('comments.public', '=', false),
                c('comments.authorId', '<>', c.ref('notices.personId')),
              ]),
            ]),
          ),
      ),
    ),
    sql<boolean>`exists (
      select 1 from editions e join people p on p.id = notices.person_id
      where e.guide_id = notices.guide_id and e.number = (notices.subject ->> 'editionNumber')::int
        and p.erased_at is null
        and (e.state <> 'draft' or p.is_admin or exists (
          select 1 from roles r
          where r.person_id = p.id and r.guide_id = notices.guide_id and r.role = 'editor'))
    )`,
  ])

const NOTICE_COLUMNS = [
  'notices.id',
  'notices.type',
  'notices.subject',
  'notices.createdAt',
  'notices.readAt',
  'guides.slug as guideSlug',
  'guides.title as guideTitle',
] as const

/** One of the person's notices, while what it is about is still theirs to see. */
export const noticeOf = (db: Db, personId: number, id: number) =>
  db
    .selectFrom('notices')
    .innerJoin('guides', 'guides.id', 'notices.guideId')
    .select(NOTICE_COLUMNS)
    .where('notices.personId', '=', personId)
    .where('notices.id', '=', id)
    .where(stillVisible)
    .executeTakeFirst()

/** A page of a person's notices, newest first, before the id `before`; one more than `limit` says there is more. */
export const noticesOf = (
  db: Db,
  personId: number,
  before: number | undefined,
  limit: number,
  { except = [] }: { except?: readonly NoticeType[] } = {},
) => {
  let query = db
    .selectFrom('notices')
    .innerJoin('guides', 'guides.id', 'notices.guideId')
    .select(NOTICE_COLUMNS)
    .where('notices.personId', '=', personId)
    .where(stillVisible)
  if (before !== undefined) query = query.where('notices.id', '<', before)
  if (except.length > 0) query = query.where('notices.type', 'not in', [...except])
  return query
    .orderBy('notices.id', 'desc')
    .limit(limit + 1)
    .execute()
}

export type NoticeListRow = Awaited<ReturnType<typeof noticesOf>>[number]

export async function unreadCount(db: Db, personId: number): Promise<number> {
  const row = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('notices.personId', '=', personId)
    .where('notices.readAt', 'is', null)
    .where(stillVisible)
    .executeTakeFirst()
  return Number(row?.count ?? 0)
}

/** Marks the person's notices read: those among `ids`, or all. Answers how many changed. */
export async function markRead(db: Db, personId: number, ids: readonly number[] | undefined) {
  let query = db
    .updateTable('notices')
    .set({ readAt: new Date() })
    .where('personId', '=', personId)
    .where('readAt', 'is', null)
  if (ids) query = query.where('id', 'in', ids.length > 0 ? [...ids] : [0])
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}
