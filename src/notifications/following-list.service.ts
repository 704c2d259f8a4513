import type { Db } from '../platform/db/database.ts'
import { DomainError, invalid, unauthenticated } from '../kernel/errors.ts'
import { isId } from '../kernel/ids.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { findKnownGuide, readableStates } from '../guides/reading.service.ts'
import { editionsOfGuide, newestEditionWithKey } from '../guides/guide.repository.ts'
import { followsListed, type DraftReach } from './following-list.repository.ts'

const PAGE = 50
/** About a line on a phone: enough to know the paragraph again. */
const EXCERPT_CHARS = 90

/** One thing a person follows, as they may read it now. */
export interface FollowedItem {
  slug: string
  /** The title of the newest edition they may read (for a paragraph, the newest that has it). */
  title: string
  /** The paragraph's key; null for the guide. */
  blockKey: string | null
  /** The paragraph's number in that edition; null for the guide. */
  number: string | null
  /** The start of the paragraph's words there; null for the guide. */
  excerpt: string | null
  /** The language the guide is written in, which its words are read in. */
  lang: string
  /** For a paragraph: the edition it was last in, when a later edition they may read removed it. */
  removedAfter: number | null
}

/** The start of a paragraph's words, cut at a word with an ellipsis when longer. */
export function excerptOf(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim()
  if (words.length <= EXCERPT_CHARS) return words
  const cut = words.slice(0, EXCERPT_CHARS)
  const space = cut.lastIndexOf(' ')
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`
}

/** The guides whose drafts the viewer reads (people/policy.ts's rule), for the list's one query. */
function draftReach(viewer: Viewer): DraftReach {
  if (viewer.person?.isAdmin) return 'all'
  return [...viewer.roles.keys()].filter((id) => may(viewer, 'read-drafts', { id }))
}

function cursorValue(cursor: string): number {
  if (!isId(cursor))
    throw invalid('That cursor is not one this list gave.', [
      { pointer: '/cursor', detail: fieldMessage('field.nextValue') },
    ])
  return Number(cursor)
}

/**
 * `GET /api/me/follows` and the page of what you follow: the guides and paragraphs the viewer follows,
 * newest first, each as they may read it now; what they may no longer read is not listed.
 */
export async function myFollows(
  db: Db,
  viewer: Viewer,
  cursor: string | undefined,
): Promise<{ items: FollowedItem[]; next: string | null }> {
  if (!viewer.person) throw unauthenticated('Sign in to see what you follow.')
  const before = cursor === undefined ? undefined : cursorValue(cursor)
  const rows = await followsListed(db, viewer.person.id, draftReach(viewer), before, PAGE + 1)
  const page = rows.slice(0, PAGE)
  return {
    items: page.map((row) => ({
      slug: row.slug,
      title: row.title,
      blockKey: row.blockKey,
      number: row.blockKey === null ? null : row.blockNumber,
      excerpt: row.blockKey === null || row.blockText === null ? null : excerptOf(row.blockText),
      lang: row.lang,
      removedAfter:
        row.blockKey !== null && row.newestNumber !== null && row.newestNumber > row.editionNumber
          ? row.editionNumber
          : null,
    })),
    next: rows.length > PAGE ? String(page[page.length - 1]?.id) : null,
  }
}

/**
 * A guide or paragraph named by a form just sent, as the viewer may read it, for the sentence saying
 * what they now follow; undefined where they may not read it (the form was refused before this).
 */
export async function followedPlace(
  db: Db,
  viewer: Viewer,
  slug: string,
  blockKey: string | null,
): Promise<{ title: string; number: string | null } | undefined> {
  try {
    const guide = await findKnownGuide(db, viewer, slug)
    const states = readableStates(viewer, guide.id)
    if (blockKey === null) {
      const newest = (await editionsOfGuide(db, guide.id))
        .filter((e) => states.includes(e.state))
        .sort((a, b) => b.number - a.number)[0]
      return { title: newest?.title ?? guide.title, number: null }
    }
    const found = await newestEditionWithKey(db, guide.id, blockKey, states)
    if (!found) return undefined
    const edition = (await editionsOfGuide(db, guide.id)).find((e) => e.number === found.number)
    return { title: edition?.title ?? guide.title, number: found.blockNumber }
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not-found') return undefined
    throw error
  }
}
