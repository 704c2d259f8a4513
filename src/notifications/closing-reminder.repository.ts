import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'

/** Editions open for comments whose window closes within `withinMs` of now (and has not closed yet). */
export const editionsClosingSoon = (db: Db, withinMs: number) =>
  db
    .selectFrom('editions')
    .select(['id', 'guideId', 'number', 'state', 'closesAt'])
    .where('state', '=', 'open')
    .where('closesAt', '>', sql<Date>`now()`)
    .where('closesAt', '<=', sql<Date>`now() + make_interval(secs => ${withinMs / 1000})`)
    .where((eb) => eb.or([eb('opensAt', 'is', null), eb('opensAt', '<=', sql<Date>`now()`)]))
    .execute()
