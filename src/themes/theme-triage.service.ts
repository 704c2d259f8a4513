import type { Db } from '../platform/db/database.ts'
import {
  commentsForSuggestions,
  themeCountsByBlock,
  themedCommentsOfEdition,
  themesOfComments,
  themesOfGuide,
} from './theme.repository.ts'
import { suggestThemes } from './suggest.ts'

/** Suggestions shown on the triage page at most: the strongest few, each one click from a theme. */
const SUGGESTIONS_SHOWN = 8

export interface TriageTheme {
  id: string
  name: string
  description: string
  response: string
  /** Comments it gathers, on every edition. */
  count: number
  /** Of them on this edition, by paragraph key (`null`: the general discussion). */
  places: { blockKey: string | null; count: number }[]
}

/** Suggested themes for an edition from the words its unsorted comments share (the API's endpoint too). */
export async function suggestionsFor(db: Db, guideId: number, editionId: number, limit?: number) {
  const [comments, themed] = await Promise.all([
    commentsForSuggestions(db, editionId),
    themedCommentsOfEdition(db, guideId, editionId),
  ])
  return suggestThemes(
    comments.filter((c) => !themed.has(c.id)),
    limit === undefined ? {} : { limit },
  )
}

/**
 * The themes panel of an edition's triage page: the guide's themes with their counts and where this
 * edition's tagged comments fall (one grouped query for every block), and the suggestions. The caller
 * has checked the viewer may decide on the guide. Four queries, whatever the number of blocks.
 * Suggestions only when asked for (`suggest`): they read every comment's words, seconds on a large
 * edition, which the triage page must not wait for on every visit. `suggestions` is null when not asked.
 */
export async function themesForTriage(db: Db, guideId: number, editionId: number, suggest: boolean) {
  const [themes, counts, suggestions] = await Promise.all([
    themesOfGuide(db, guideId),
    themeCountsByBlock(db, guideId, editionId),
    suggest ? suggestionsFor(db, guideId, editionId, SUGGESTIONS_SHOWN) : null,
  ])
  const placesOf = new Map<number, TriageTheme['places']>()
  for (const row of counts)
    placesOf.set(row.themeId, [
      ...(placesOf.get(row.themeId) ?? []),
      { blockKey: row.blockKey, count: Number(row.count) },
    ])
  return {
    items: themes.map((t): TriageTheme => ({
      id: String(t.id),
      name: t.name,
      description: t.description,
      response: t.response,
      count: Number(t.count),
      places: placesOf.get(t.id) ?? [],
    })),
    suggestions:
      suggestions?.map((s) => ({ phrase: s.phrase, commentIds: s.commentIds.map(String) })) ?? null,
  }
}

/** The themes of each comment on a page of triage, by comment id: one query for the page. */
export async function themesOnPage(db: Db, commentIds: readonly number[]) {
  const byComment = new Map<string, { id: string; name: string }[]>()
  for (const row of await themesOfComments(db, commentIds)) {
    const key = String(row.commentId)
    byComment.set(key, [...(byComment.get(key) ?? []), { id: String(row.id), name: row.name }])
  }
  return byComment
}
