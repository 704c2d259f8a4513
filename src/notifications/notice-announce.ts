import type { Db } from '../platform/db/database.ts'
import { notifyAll } from '../platform/db/notify.ts'
import { logger } from '../platform/log.ts'

/** NOTIFY payloads stay under PostgreSQL's 8,000 bytes: ids of up to ten digits, a few hundred at a time. */
const IDS_PER_PAYLOAD = 500

/**
 * Tells every server process that these people have new notices, on the live events' channel, so their
 * open header counts update. Called after the transaction that wrote them has committed (see
 * live/announce.ts for why never inside it).
 */
export function announceNotices(db: Db, personIds: readonly number[]): void {
  const people = [...new Set(personIds)]
  if (people.length === 0) return
  const payloads: string[] = []
  for (let i = 0; i < people.length; i += IDS_PER_PAYLOAD)
    payloads.push(JSON.stringify({ people: people.slice(i, i + IDS_PER_PAYLOAD) }))
  notifyAll(db, 'gloss_events', payloads).catch((error: unknown) => {
    // The counts are read afresh when the LISTEN connection is back; a page load shows them anyway.
    logger.warn({ err: error, people: people.length }, 'notices: announcing new notices failed')
  })
}
