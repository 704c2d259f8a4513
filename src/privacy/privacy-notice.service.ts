import type { Db } from '../platform/db/database.ts'
import type { NamesShown } from '../kernel/words.ts'
import { findKnownGuide } from '../guides/reading.service.ts'
import type { Viewer } from '../people/viewer.ts'
import { invitedGuide } from '../people/invitation.service.ts'
import { retentionOf } from './retention.repository.ts'

const DAY = 86_400_000

type Guide = Awaited<ReturnType<typeof findKnownGuide>>

export interface PrivacyNotice {
  guide: { slug: string; title: string }
  names: NamesShown
  publishByDefault: boolean
  /** Days personal data is kept after the consultation ends; null for no period. */
  retentionDays: number | null
  /** When the period runs out, once the consultation has ended and a period is set. */
  retentionDue: Date | null
  /**
   * When retention was applied to the record as it stands; null until it is, and again once a later
   * consultation adds to the record, until retention is applied to that too.
   */
  retentionAppliedAt: Date | null
}

/** A guide's privacy notice, built from its settings, for anyone who may know of the guide. */
export const privacyNotice = async (db: Db, viewer: Viewer, slug: string): Promise<PrivacyNotice> =>
  noticeOf(db, await findKnownGuide(db, viewer, slug))

/**
 * The privacy notice of the guide a usable invitation is to, for its holder to read before they join,
 * even while the guide has nothing they may read (a draft invited to): the token is what entitles them.
 * `guideReadable` says whether the guide's own pages would open for them.
 */
export async function invitedPrivacyNotice(db: Db, token: string) {
  const { guide, guideReadable } = await invitedGuide(db, token)
  return { ...(await noticeOf(db, guide)), guideReadable }
}

async function noticeOf(db: Db, guide: Guide): Promise<PrivacyNotice> {
  const retention = await retentionOf(db, guide.id)
  const ended = retention.endedAt === null ? null : new Date(retention.endedAt)
  return {
    guide: { slug: guide.slug, title: guide.title },
    names: guide.names,
    publishByDefault: guide.publishByDefault,
    retentionDays: retention.retentionDays,
    retentionDue:
      ended && retention.retentionDays !== null
        ? new Date(ended.getTime() + retention.retentionDays * DAY)
        : null,
    retentionAppliedAt:
      retention.retentionAppliedAt && ended && new Date(retention.retentionAppliedAt) >= ended
        ? retention.retentionAppliedAt
        : null,
  }
}
