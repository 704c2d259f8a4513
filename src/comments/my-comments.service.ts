import { isId } from '../kernel/ids.ts'
import type { Db } from '../platform/db/database.ts'
import { DECISIONS, type Decision, type EditionState, type LineageChange } from '../kernel/words.ts'
import { invalid, unauthenticated } from '../kernel/errors.ts'
import { PUBLIC_STATES } from '../guides/reading.service.ts'
import { redlineParts } from '../lineage/redline.ts'
import { normaliseText } from '../platform/markdown/text.ts'
import { DECISION_LABELS } from '../kernel/decision-label.ts'
import { threadUrl } from './urls.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  commentsByAuthor,
  decisionCounts,
  latestPlacements,
  type AuthoredComment,
  type LatestPlacement,
} from './my-comments.repository.ts'
import { editionPath } from '../guides/urls.ts'
import { reportPath } from '../reports/urls.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

const PAGE = 50
const FIRST_WORDS = 10

/** The opening words of a paragraph, enough to recognise it in a list. */
export function firstWords(text: string, count = FIRST_WORDS): string {
  const words = normaliseText(text).split(' ')
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ')
}

/**
 * How the paragraph changed from the edition the comment was written on to the edition shown, several
 * editions apart perhaps: a split or merge on the way says most; otherwise whether it moved, and whether
 * its words differ at the end (an edit undone later is no change to the reader).
 */
export function changeSince(
  changes: readonly (LineageChange | null)[],
  before: string,
  after: string | null,
): LineageChange {
  if (after === null) return 'removed'
  const structural = (['split', 'merged'] as const).find((c) => changes.includes(c))
  if (structural) return structural
  const moved = changes.some((c) => c === 'moved' || c === 'moved-edited')
  const same = normaliseText(before) === normaliseText(after)
  return moved ? (same ? 'moved' : 'moved-edited') : same ? 'unchanged' : 'edited'
}

function cursorValue(cursor: string): number {
  if (!isId(cursor))
    throw invalid('That cursor is not one this list gave.', [
      { pointer: '/cursor', detail: fieldMessage('field.nextValue') },
    ])
  return Number(cursor)
}

const readable = (viewer: Viewer, guideId: number, state: EditionState) =>
  PUBLIC_STATES.includes(state) || may(viewer, 'read-drafts', { id: guideId })

/** Where a decision says the comment duplicates another: a link to that comment's thread, if the viewer may read it. */
function duplicateOf(viewer: Viewer, row: AuthoredComment) {
  if (row.duplicateOf === null) return null
  const thread =
    row.duplicateEditionNumber !== null &&
    row.duplicateEditionState !== null &&
    readable(viewer, row.guideId, row.duplicateEditionState)
      ? threadUrl(
          { slug: row.guideSlug, number: row.duplicateEditionNumber, blockKey: row.duplicateBlockKey },
          { comment: String(row.duplicateOf) },
        )
      : null
  return { id: String(row.duplicateOf), thread }
}

/** The comment's paragraph in the newest edition the viewer may read that carries it, against the words it was written on. */
function changeView(row: AuthoredComment, later: LatestPlacement) {
  const before = row.blockText ?? ''
  const lineage = changeSince(later.changes, before, later.blockKey === null ? null : (later.blockText ?? ''))
  const same = lineage === 'unchanged' || lineage === 'moved'
  return {
    edition: later.editionNumber,
    editionState: later.editionState,
    lineage,
    block: later.blockKey === null ? null : { key: later.blockKey, number: later.blockNumber ?? '' },
    removedIn: later.blockKey === null ? (later.removedIn ?? later.editionNumber) : null,
    placedBy: later.placedBy,
    /** From the words the comment was written on to the words there; null when they are the same. */
    redline: same ? null : redlineParts(before, later.blockKey === null ? '' : (later.blockText ?? '')),
    links: {
      block: editionPath(row.guideSlug, later.editionNumber, later.blockKey ?? undefined),
      report: later.editionState === 'published' ? reportPath(row.guideSlug, later.editionNumber) : null,
    },
  }
}

/**
 * A suggestion's fate: its paragraph with the wording applied, and, once an editor took it into a
 * working draft and that draft became an edition the author may read, which edition it went into.
 */
function suggestionView(row: AuthoredComment, later: LatestPlacement | undefined) {
  if (row.proposalRedline === null) return null
  const into = row.acceptedOnto === null || row.decision !== 'accepted' ? null : row.acceptedOnto + 1
  return {
    redline: row.proposalRedline,
    accepted: row.decision === 'accepted',
    takenInto: into !== null && later !== undefined && later.editionNumber >= into ? into : null,
    intoDraft: into !== null,
  }
}

/**
 * One of the person's own comments as their page and the API show it: the author sees every state and
 * their own words (a withdrawn comment too), the moderator's reason for hiding it, the decision on it,
 * and what became of its paragraph.
 */
function myCommentView(viewer: Viewer, row: AuthoredComment, later: LatestPlacement | undefined) {
  const place = { slug: row.guideSlug, number: row.editionNumber, blockKey: row.blockKey }
  const topLevel = row.parentId === null
  return {
    id: String(row.id),
    parentId: row.parentId === null ? null : String(row.parentId),
    kind: row.kind,
    body: row.body,
    html: row.html,
    quote: row.quote,
    state: row.state,
    hiddenReason: row.state === 'hidden' ? row.hiddenReason : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    guide: { slug: row.guideSlug, title: row.guideTitle, lang: row.guideLang },
    edition: { number: row.editionNumber, state: row.editionState },
    block:
      row.blockKey === null
        ? null
        : {
            key: row.blockKey,
            number: row.blockNumber ?? '',
            // In the reader's language where the edition has a text in it, as the reading page shows it.
            firstWords: firstWords(row.translatedBlockText ?? row.blockText ?? ''),
            lang: row.translatedBlockText === null ? row.guideLang : (viewer.lang ?? row.guideLang),
          },
    thread: threadUrl(place, { comment: String(row.id) }),
    decision: topLevel
      ? {
          decision: row.decision,
          label: DECISION_LABELS[row.decision],
          response: row.response,
          decidedAt: row.decidedAt,
          duplicateOf: duplicateOf(viewer, row),
        }
      : null,
    change: topLevel && later ? changeView(row, later) : null,
    suggestion: suggestionView(row, later),
  }
}

export type MyComment = ReturnType<typeof myCommentView>

export interface MyCommentsSummary {
  comments: number
  replies: number
  decisions: { decision: Decision; label: string; count: number }[]
}

/**
 * "What happened to my comments": a page of the signed-in person's own comments, newest first, each with
 * its decision and the change to its paragraph, and counts per decision over all of them. A handful of
 * queries whatever the number of comments: the page, the placements, the counts.
 */
export async function myComments(db: Db, viewer: Viewer, cursor: string | undefined) {
  const person = viewer.person
  if (!person) throw unauthenticated('Sign in to see your comments.')
  const before = cursor === undefined ? undefined : cursorValue(cursor)
  const rows = await commentsByAuthor(db, {
    authorId: person.id,
    before,
    limit: PAGE,
    lang: viewer.lang ?? '',
  })
  const page = rows.slice(0, PAGE)
  const guideIds = [...new Set(page.map((row) => row.guideId))]
  const placements = await latestPlacements(db, {
    commentIds: page.filter((row) => row.parentId === null && row.blockKey !== null).map((row) => row.id),
    states: PUBLIC_STATES,
    draftGuideIds: guideIds.filter((id) => may(viewer, 'read-drafts', { id })),
  })
  const laterOf = new Map(placements.map((p) => [p.commentId, p]))
  const counts = await decisionCounts(db, person.id)
  const summary: MyCommentsSummary = {
    comments: counts.reduce((sum, c) => sum + c.comments, 0),
    replies: counts.reduce((sum, c) => sum + c.replies, 0),
    decisions: DECISIONS.map((decision) => ({
      decision,
      label: DECISION_LABELS[decision],
      count: counts.find((c) => c.decision === decision)?.comments ?? 0,
    })),
  }
  return {
    items: page.map((row) => myCommentView(viewer, row, laterOf.get(row.id))),
    next: rows.length > PAGE ? String(page[page.length - 1]?.id) : null,
    summary,
  }
}
