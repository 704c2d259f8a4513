import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { writeNotices } from './notice.service.ts'
import { peopleOfGuide, readersAmong } from './notice.repository.ts'
import { announceNotices } from './notice-announce.ts'
import { editionsClosingSoon } from './closing-reminder.repository.ts'

/** The recurring job that reminds people a consultation they take part in is about to close. */
export const CLOSING_REMINDERS = 'consultation.closing'

/** "Closes within a day" (SPEC.md). */
const NOTICE_AHEAD_MS = 24 * 60 * 60_000

/**
 * Each open consultation closing within a day: the people taking part in it (invited, following or
 * commenting) who may read it are told, once per edition (its dedupe key), however often this runs and
 * in however many processes. Answers the number of people told.
 */
export async function remindOfClosing(db: Db): Promise<number> {
  let told: number[] = []
  for (const edition of await editionsClosingSoon(db, NOTICE_AHEAD_MS)) {
    const written = await withTransaction(db, async (tx) => {
      const people = await peopleOfGuide(tx, edition.guideId, { commenters: true })
      const readers = await readersAmong(tx, edition.guideId, edition.state, people)
      return writeNotices(
        tx,
        [...readers].map((personId) => ({
          personId,
          guideId: edition.guideId,
          type: 'consultation.closing' as const,
          subject: { editionNumber: edition.number, closesAt: edition.closesAt?.toISOString() ?? null },
          dedupeKey: `consultation.closing:${String(edition.id)}`,
        })),
      )
    })
    told = told.concat(written.map((row) => row.personId))
  }
  announceNotices(db, told)
  return told.length
}
