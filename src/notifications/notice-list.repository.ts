import type { Db } from '../platform/db/database.ts'
import { stillVisible } from './notice-visibility.repository.ts'
import type { NoticeType } from '../kernel/words.ts'

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
