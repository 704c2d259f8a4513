import type { Db } from '../platform/db/database.ts'
import { themeTagsOfGuide } from './theme.repository.ts'

/** What the report knows of each comment it shows (the public may read them all). */
interface Reported {
  id: number
  editionId: number
  editionNumber: number
  blockKey: string | null
  state: string
}

export interface ReportTheme {
  id: string
  name: string
  description: string
  response: string
  /** Its comments among those the public may read. */
  comments: number
  /**
   * The paragraphs they were written on, in reading order by edition, with how many; `blockKey` null
   * is the edition's general discussion. `number` is the paragraph's number in its edition.
   */
  places: { editionNumber: number; blockKey: string | null; number: string; count: number }[]
  /** Those comments, for the report's spreadsheet. */
  commentIds: number[]
}

/** A paragraph's number and place in its edition, as the report knows it. */
type OriginOf = (editionId: number, key: string) => { number: string; ordinal: number } | undefined

/**
 * The themes among a report's comments, the most gathered first, each counted from the comments the
 * public may read (a theme none of them is under is not in the report). One query.
 */
export async function themesInReport(
  db: Db,
  guideId: number,
  rows: readonly Reported[],
  originOf: OriginOf,
): Promise<ReportTheme[]> {
  // A withdrawn comment shows in the report without its words: it counts for no theme.
  const rowOf = new Map(rows.filter((r) => r.state === 'published').map((r) => [r.id, r]))
  type Place = ReportTheme['places'][number] & { ordinal: number }
  const themes = new Map<number, Omit<ReportTheme, 'places'> & { placeOf: Map<string, Place> }>()
  for (const tag of await themeTagsOfGuide(db, guideId)) {
    const row = rowOf.get(tag.commentId)
    if (!row) continue
    let theme = themes.get(tag.themeId)
    if (!theme) {
      theme = {
        id: String(tag.themeId),
        name: tag.name,
        description: tag.description,
        response: tag.response,
        comments: 0,
        commentIds: [],
        placeOf: new Map(),
      }
      themes.set(tag.themeId, theme)
    }
    theme.comments++
    theme.commentIds.push(row.id)
    const key = `${String(row.editionId)}:${row.blockKey ?? ''}`
    let place = theme.placeOf.get(key)
    if (!place) {
      const origin = row.blockKey === null ? undefined : originOf(row.editionId, row.blockKey)
      place = {
        editionNumber: row.editionNumber,
        blockKey: row.blockKey,
        number: origin?.number ?? '',
        // The general discussion first, as on the reading page's links; a paragraph not found last.
        ordinal: row.blockKey === null ? -1 : (origin?.ordinal ?? Number.MAX_SAFE_INTEGER),
        count: 0,
      }
      theme.placeOf.set(key, place)
    }
    place.count++
  }
  return [...themes.values()]
    .sort((a, b) => b.comments - a.comments || a.name.localeCompare(b.name))
    .map(({ placeOf, ...theme }) => ({
      ...theme,
      places: [...placeOf.values()]
        .sort((a, b) => a.editionNumber - b.editionNumber || a.ordinal - b.ordinal)
        .map(({ ordinal: _, ...place }) => place),
    }))
}
