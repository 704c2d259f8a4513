import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import { logger } from '../platform/log.ts'

const pending = new WeakMap<Db, Set<number>>()

/**
 * Wakes every server process's event streams on an edition whose events have just committed. Writers
 * call it after their transaction, never inside: PostgreSQL holds its notify-queue lock from a
 * NOTIFYing transaction's commit until the commit's WAL flush is done, so NOTIFY inside the writes
 * serialises every such commit in the cluster (with pgbench, 32 clients: 6,500 inserts/s fell to 980).
 * Announcements made in the same moment go out as one statement.
 */
export function announceEvents(db: Db, editionId: number): void {
  const waiting = pending.get(db)
  if (waiting) {
    waiting.add(editionId)
    return
  }
  const editions = new Set([editionId])
  pending.set(db, editions)
  setImmediate(() => {
    pending.delete(db)
    const rows = [...editions].map((id) => sql`(${id}::int)`)
    sql`select pg_notify('gloss_events', json_build_object('editionId', e)::text)
        from (values ${sql.join(rows)}) as v(e)`
      .execute(db)
      .catch((error: unknown) => {
        // The database is away: each server's LISTEN connection reads what it missed when it is back.
        logger.warn({ err: error, editions: [...editions] }, 'live events: announcing new events failed')
      })
  })
}
