import { commentView } from '../comments/comment.service.ts'
import type { Db } from '../platform/db/database.ts'
import { findEdition } from '../guides/guide.repository.ts'
import { getEdition } from '../guides/reading.service.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  feedbackPage,
  newestCommentId,
  type ExportAudience,
  type FeedbackRow,
} from './feedback.repository.ts'
import type { FeedbackRecord } from './export.schemas.ts'

/** Rows fetched per query: enough to keep the queries few, small enough to keep memory flat. */
const PAGE = 1000

/** What a block-less comment is about, in the section column. */
const GENERAL = 'General discussion'
/** The next-block column of a comment whose paragraph the next edition removed. */
export const REMOVED = 'removed'

/** The CSV's header and how each record becomes its cells; the JSON keeps the records' own types. */
export const FEEDBACK_COLUMNS: readonly [string, (r: FeedbackRecord) => string | number | null][] = [
  ['id', (r) => r.id],
  ['parent id', (r) => r.parentId],
  ['guide', (r) => r.guide],
  ['edition', (r) => r.edition],
  ['block key', (r) => r.blockKey],
  ['block number', (r) => r.blockNumber],
  ['section', (r) => r.section],
  ['block text', (r) => r.blockText],
  ['quote', (r) => r.quote?.exact ?? null],
  ['kind', (r) => r.kind],
  ['body', (r) => r.body],
  ['author', (r) => r.author],
  ['created at', (r) => r.createdAt],
  ['updated at', (r) => r.updatedAt],
  ['state', (r) => r.state],
  ['decision', (r) => r.decision],
  ['response', (r) => r.response],
  ['duplicate of', (r) => r.duplicateOf],
  ['next edition', (r) => r.nextEdition],
  ['next block key', (r) => r.nextBlockKey],
  ['next block number', (r) => r.nextBlockNumber],
  ['next quote', (r) => r.nextQuote],
  ['quote status', (r) => r.quoteStatus],
  ['proposal', (r) => r.proposal],
  ['agreements', (r) => r.agreements],
  ['organisation', (r) => r.organisation],
  ['may be published', (r) => (r.public ? 'yes' : 'no')],
  ['campaign', (r) => r.campaign],
  ['themes', (r) => r.themes],
  ['language', (r) => r.lang],
  // One cell for however many other texts: each "cy: …" on a line of its own.
  [
    'block text in other languages',
    (r) =>
      Object.entries(r.blockTextIn)
        .map(([lang, text]) => `${lang}: ${text}`)
        .join('\n'),
  ],
]

export const csvCells = (record: FeedbackRecord): string[] =>
  FEEDBACK_COLUMNS.map(([, cell]) => {
    const value = cell(record)
    return value === null ? '' : String(value)
  })

/**
 * An edition's feedback for export, checked before anything is sent (a draft is not found for those who
 * may not read it), then read a page at a time as the response is written. Moderators (the guide's
 * editors and admins) get every comment and every name; others what the public reads, their own
 * comments, and names as the guide allows.
 */
export async function editionFeedback(db: Db, viewer: Viewer, slug: string, number: number) {
  const { guide, edition } = await getEdition(db, slug, number, viewer)
  const moderator = may(viewer, 'moderate', guide)
  const next = await findEdition(db, guide.id, number + 1)
  const nextReadable =
    next && (next.state !== 'draft' || may(viewer, 'read-drafts', guide)) ? next : undefined
  const audience: ExportAudience = { editionId: edition.id, moderator, viewerId: viewer.person?.id }

  const toRecord = (row: FeedbackRow): FeedbackRecord => {
    const view = commentView(row, guide, viewer, moderator)
    const { author, decision } = view
    // Carried where the next edition shows it (src/comments/carried-shown.repository.ts), as its threads say.
    const carried = nextReadable !== undefined && row.placedIn !== null && row.shownNext
    return {
      id: view.id,
      parentId: view.parentId,
      guide: guide.slug,
      edition: edition.number,
      blockKey: row.blockKey,
      blockNumber: row.blockNumber,
      section: row.blockKey === null ? GENERAL : (row.sectionPath ?? []).join(' > '),
      blockText: row.blockText,
      blockTextIn: row.blockTranslations ?? {},
      quote: view.quote,
      kind: view.kind,
      body: view.body,
      author: author.organisation ? `${author.displayName} (${author.organisation})` : author.displayName,
      createdAt: view.createdAt.toISOString(),
      updatedAt: view.updatedAt.toISOString(),
      state: view.state,
      decision: decision?.decision ?? null,
      response: decision?.response ?? null,
      duplicateOf: decision?.duplicateOf ?? null,
      nextEdition: nextReadable?.number ?? null,
      // SPEC: "the successor block in the next edition". A comment the next edition shows is where its
      // thread is there (`removed`: under "comments on removed text"); any other on a paragraph, decided
      // before that edition was made, names the paragraph's successor by lineage (`removed` when dropped).
      nextBlockKey:
        nextReadable === undefined
          ? null
          : carried
            ? (row.placedKey ?? REMOVED)
            : (row.successorKey ?? (row.successorRemoved ? REMOVED : null)),
      nextBlockNumber:
        nextReadable === undefined ? null : carried ? row.placedNumber : (row.successorNumber ?? null),
      // A reply is placed with its parent, but the quote is the parent's own.
      ...(carried && row.parentId === null && row.quoteStatus && view.quote
        ? { nextQuote: row.nextQuote?.exact ?? null, quoteStatus: row.quoteStatus }
        : { nextQuote: null, quoteStatus: null }),
      proposal: view.proposal,
      agreements: view.agreements,
      organisation: view.onBehalfOf,
      public: view.public,
      campaign: row.campaignId === null ? null : String(row.campaignId),
      themes: row.themes ?? '',
      lang: view.lang ?? '',
    }
  }

  // An export is pulled as the client reads, which it may do for hours: it ends at the comments there
  // were when its reader was authorised, so a reader since removed reads nothing written after.
  const upTo = await newestCommentId(db, edition.id)

  async function* records(): AsyncGenerator<FeedbackRecord> {
    let after = 0
    for (;;) {
      const rows = await feedbackPage(db, {
        ...audience,
        nextEditionId: nextReadable?.id ?? null,
        after,
        limit: PAGE,
      })
      for (const row of rows) {
        if (row.id > upTo) return
        yield toRecord(row)
      }
      const last = rows[rows.length - 1]
      if (!last || rows.length < PAGE) return
      after = last.id
    }
  }

  return { slug: guide.slug, number: edition.number, records: records() }
}
