import { sql } from 'kysely'
import type { Db } from '../platform/db/database.ts'
import type { Quote } from '../platform/db/schema.ts'

/** Where carried comments show in an edition and where their quoted words were found there, in one query. */
export const placementsOf = (db: Db, editionId: number, commentIds: readonly number[]) =>
  commentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('placements')
        .select(['commentId', 'blockKey', 'quote', 'quoteStatus', 'placedBy'])
        .where('editionId', '=', editionId)
        .where('commentId', 'in', commentIds)
        .execute()

export type PlacementView = Awaited<ReturnType<typeof placementsOf>>[number]

export interface QuotedPhrase {
  blockKey: string
  quote: Quote
  ids: number[]
}

/**
 * Every phrase quoted by a published top-level comment (one its author lets be published) showing in the edition, grouped by block and
 * words, with the comments quoting it: those written on the edition (their own quote) and those carried
 * into it that are still open (the words as found in this edition, unless gone). One query, for the
 * edition or one of its blocks.
 */
export async function quotedPhrases(db: Db, editionId: number, blockKey?: string): Promise<QuotedPhrase[]> {
  const onBlock = blockKey === undefined ? sql`true` : sql`block_key = ${blockKey}`
  const { rows } = await sql<{ blockKey: string; quote: Quote; ids: number[] }>`
    select block_key, quote, array_agg(id order by id) as ids
    from (
      select comments.block_key, comments.quote, comments.id
      from comments
      where comments.edition_id = ${editionId} and comments.parent_id is null
        and comments.block_key is not null and comments.quote is not null and comments.state = 'published'
        and comments.public
      union all
      select placements.block_key, placements.quote, comments.id
      from placements
      join comments on comments.id = placements.comment_id
      where placements.edition_id = ${editionId} and placements.block_key is not null
        and placements.quote_status in ('exact', 'fuzzy')
        and comments.state = 'published' and comments.public and comments.decision = 'open'
    ) as quoted
    where ${onBlock}
    group by block_key, quote
    order by block_key, min(id)`.execute(db)
  return rows
}
