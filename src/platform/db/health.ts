import { sql } from 'kysely'
import type { Db } from './database.ts'

/** Whether the database answers a trivial query: what /healthz reports, whatever feature is in it. */
export const databaseAnswers = async (db: Db) =>
  (await sql<{ ok: number }>`select 1 as ok`.execute(db)).rows[0]?.ok === 1
