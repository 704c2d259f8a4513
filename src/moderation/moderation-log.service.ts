import type { Db } from '../platform/db/database.ts'
import { HIDE_REASONS, type HideReason } from '../kernel/words.ts'
import { findKnownGuide, readableStates } from '../guides/reading.service.ts'
import type { Viewer } from '../people/viewer.ts'
import { moderationLogPage } from './moderation-log.repository.ts'

export const LOG_PAGE_SIZE = 50

/** What a guide's moderators promise, unless its editors wrote their own. */
export const DEFAULT_POLICY = `Comments here are published as they are written. The guide's editors hide a comment only when it is off topic, abusive, gives someone's personal details, is spam, or repeats another word for word — and then they say why, below. A hidden comment is not deleted: its author can still read it and the reason, and the editors can restore it. Anyone can ask the editors to look at a comment by flagging it.`

export interface LogEntry {
  at: Date
  blockKey: string | null
  number: string | null
  edition: number
  reasonCode: HideReason
  reason: string
  /** When the editors restored the comment after hiding it; null while it stays hidden. */
  restoredAt: Date | null
}

const codeOf = (value: unknown): HideReason =>
  HIDE_REASONS.includes(value as HideReason) ? (value as HideReason) : 'other'

/**
 * A guide's public record of moderation, newest first: when, which paragraph, the reason code and
 * words; never the words hidden or who wrote them. Entries on editions the viewer may not read (a
 * draft, for the public) are left out.
 */
export async function moderationLog(db: Db, viewer: Viewer, slug: string, before: number | undefined) {
  const guide = await findKnownGuide(db, viewer, slug)
  const rows = await moderationLogPage(db, {
    guideId: guide.id,
    states: readableStates(viewer, guide.id),
    before,
    limit: LOG_PAGE_SIZE,
  })
  const items: LogEntry[] = rows.map((row) => ({
    at: row.at,
    blockKey: row.blockKey,
    number: row.blockNumber,
    edition: row.editionNumber,
    reasonCode: codeOf(row.detail.reasonCode),
    reason: typeof row.detail.reason === 'string' ? row.detail.reason : '',
    restoredAt: row.restoredAt === null ? null : new Date(row.restoredAt),
  }))
  const last = rows[rows.length - 1]
  return {
    guide: { slug: guide.slug, title: guide.title },
    policy: guide.moderationPolicy ?? DEFAULT_POLICY,
    ownPolicy: guide.moderationPolicy !== null,
    items,
    next: rows.length === LOG_PAGE_SIZE && last ? String(last.id) : null,
  }
}
